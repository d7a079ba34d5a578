import { addressesTyped, withScheme } from './forms.js';

describe('addresses as people type them', () => {
  it('reads an address typed without its scheme as the https one a browser would open', () => {
    expect(withScheme('blog.example.com/2026/11/a-post')).toBe('https://blog.example.com/2026/11/a-post');
    expect(withScheme('  www.example.fr ')).toBe('https://www.example.fr');
    expect(withScheme('marc-dupont.example?ref=1')).toBe('https://marc-dupont.example?ref=1');
    expect(withScheme('127.0.0.1:8080/page')).toBe('https://127.0.0.1:8080/page');
  });

  it('leaves a whole address, and what is no address, as typed for the DTO to judge', () => {
    for (const typed of ['https://blog.example/a', 'http://blog.example/a', 'mastodon.social@marc', 'pas une adresse', 'localhost:3000/x', 'javascript:alert(1)', '']) expect(withScheme(typed)).toBe(typed);
  });

  it('reads the desk’s address fields by name (url, <part>.url, …Url), every other field as it came', () => {
    const typed = { url: 'a.example/1', 'post.url': 'b.example', 'party.url': 'c.example', targetUrl: 'd.example/x', 'demands.0.targetUrl': 'e.example', title: 'f.example', curl: 'g.example', urls: 'h.example', 'post.urlish': 'i.example' };
    expect(addressesTyped(typed)).toEqual({
      ...typed,
      url: 'https://a.example/1',
      'post.url': 'https://b.example',
      'party.url': 'https://c.example',
      targetUrl: 'https://d.example/x',
      'demands.0.targetUrl': 'https://e.example',
    });
    expect(typed.url).toBe('a.example/1');
  });
});
