import { escapeHtml } from './html-escape.js';

describe(escapeHtml.name, () => {
  it('escapes what could end an element or a quoted attribute, and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
    expect(escapeHtml('Déjà vu : « rien »')).toBe('Déjà vu : « rien »');
  });
});
