import { normalizePostUrl, postUrlVariants } from './post-url.js';

describe('post addresses', () => {
  it('lower-cases the scheme and host and drops the default port and the fragment, keeping path and query', () => {
    expect(normalizePostUrl(' HTTPS://Blog.Example.com:443/2026/Post?id=3#comment-2 ')).toBe('https://blog.example.com/2026/Post?id=3');
  });

  it('keeps an address that does not parse as typed', () => {
    expect(normalizePostUrl('not a url')).toBe('not a url');
  });

  it('matches the page with and without its trailing slash, the normalised address first', () => {
    expect(postUrlVariants('https://Blog.example.com/post/#x')).toEqual(['https://blog.example.com/post/', 'https://Blog.example.com/post/#x', 'https://blog.example.com/post']);
    expect(postUrlVariants('https://blog.example.com/post')).toEqual(['https://blog.example.com/post', 'https://blog.example.com/post/']);
    expect(postUrlVariants('https://blog.example.com/')).toEqual(['https://blog.example.com/']);
  });
});
