import { announcedApiRoot, postReference, restUrl } from './wordpress-rest.js';

const page = (headers: Record<string, string | string[]>, html = '') => ({ headers, body: Buffer.from(html), finalUrl: 'https://blog.example.com/le-billet/' });

describe(restUrl.name, () => {
  it('puts the route under /wp-json/ with pretty links', () => {
    expect(restUrl('https://blog.example.com/wp-json/', '/wp/v2/comments', { post: 7, page: 2 })).toBe('https://blog.example.com/wp-json/wp/v2/comments?post=7&page=2');
  });

  it('puts the route in rest_route when pretty links are off', () => {
    expect(restUrl('https://blog.example.com/?rest_route=/', '/wp/v2/posts', { slug: 'le-billet' })).toBe('https://blog.example.com/?rest_route=%2Fwp%2Fv2%2Fposts&slug=le-billet');
  });
});

describe(announcedApiRoot.name, () => {
  it('reads the api.w.org Link header among others', () => {
    const link = '<https://blog.example.com/wp-json/>; rel="https://api.w.org/", <https://blog.example.com/wp-json/wp/v2/posts/7>; rel="alternate"; type="application/json"';
    expect(announcedApiRoot(page({ link }))).toBe('https://blog.example.com/wp-json/');
  });

  it('reads the <link rel="https://api.w.org/"> tag when no header says it', () => {
    expect(announcedApiRoot(page({}, '<html><head><link rel="https://api.w.org/" href="/index.php?rest_route=/" /></head></html>'))).toBe(
      'https://blog.example.com/index.php?rest_route=/',
    );
  });

  it('answers null for a page that announces nothing', () => {
    expect(announcedApiRoot(page({ link: '<https://blog.example.com/?p=7>; rel=shortlink' }, '<html></html>'))).toBeNull();
  });
});

describe(postReference.name, () => {
  it('reads the slug from the last segment of the path, or the id from ?p=', () => {
    expect(postReference('https://blog.example.com/2026/11/les-erreurs/')).toEqual({ slug: 'les-erreurs' });
    expect(postReference('https://blog.example.com/?p=42')).toEqual({ id: '42' });
    expect(postReference('https://blog.example.com/caf%C3%A9/')).toEqual({ slug: 'café' });
  });

  it('refuses a URL that names no post', () => {
    expect(() => postReference('https://blog.example.com/')).toThrow('url https://blog.example.com/ names no post (no slug in its path, no ?p=)');
  });
});
