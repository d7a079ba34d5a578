import { html, trusted } from './html.js';

describe('html', () => {
  it('escapes every interpolated value', () => {
    expect(html`<p title="${'"x"'}">${'<script>alert(1)</script>'}</p>`.text).toBe('<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('keeps nested markup and lists as they are, and drops empty values', () => {
    const items = ['a&b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${null}${false}${trusted('<hr>')}</ul>`.text).toBe('<ul><li>a&amp;b</li><li>c</li><hr></ul>');
  });
});
