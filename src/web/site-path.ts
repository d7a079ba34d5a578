/** Any control character (C0, DEL, C1) or whitespace, Unicode's included. */
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/u; // eslint-disable-line no-control-regex -- control characters are what it looks for
/** The site's origin as the parser sees it: only paths are taken, so any host stands for ours. */
const SITE = 'http://calumet.invalid';

/**
 * Where to send the reader after a form (`next` after sign-in, `back` after
 * the language switch): a path of this site only. The value must begin with
 * one `/`, hold no control character or whitespace, and, parsed as a URL
 * against the site's origin, keep that origin (so `//host`, `/\host`, and a
 * tab or newline a browser would drop are refused). Anything else, or a value
 * that is not a string, answers `fallback`: never an error.
 */
export function sitePath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000 || UNSAFE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}
