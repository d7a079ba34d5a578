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

describe('html, for the desk and the dossier alike', () => {
  it('escapes text and attributes, quotes and apostrophes too', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
  });

  it('renders null, undefined, false and true as nothing, numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${true}]`.text).toBe('[0]');
  });
});

