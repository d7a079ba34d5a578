import { sitePath } from './site-path.js';

describe(sitePath.name, () => {
  it.each([
    ['/', '/'],
    ['/incidents/42', '/incidents/42'],
    ['/incidents?q=a%20b#top', '/incidents?q=a%20b#top'],
    ['/a/../b', '/b'],
    ['/caf\u00e9', '/caf%C3%A9'],
  ])('keeps the path %j of this site', (value, path) => {
    expect(sitePath(value)).toBe(path);
  });

  it.each([
    '/\t/evil.example',
    '/\n/x',
    '/\r\nSet-Cookie: a=b',
    '/ /evil.example',
    '/\u00a0/evil.example',
    '/\u2028/x',
    '/\u0000',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
  ])('refuses %j and answers /', (value) => {
    expect(sitePath(value)).toBe('/');
  });

  it('answers the fallback for what is not a string', () => {
    expect(sitePath(['/a', '/b'], '/x')).toBe('/x');
    expect(sitePath(undefined)).toBe('/');
  });
});
