/**
 * A post's address as posts are matched by it: the scheme and host
 * lower-cased, the default port and the fragment (#…) dropped, the path and
 * query kept as written. An address that does not parse is kept as it is.
 */
export function normalizePostUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url.trim();
  }
}

/**
 * The addresses a post recorded for this one may bear: as typed, normalised,
 * and normalised with and without a trailing slash on its path (the same
 * page for every blog engine we know). The normalised one comes first, so a
 * new post takes it.
 */
export function postUrlVariants(url: string): string[] {
  const normal = normalizePostUrl(url);
  const variants = [normal, url.trim()];
  try {
    const parsed = new URL(normal);
    if (parsed.pathname.length > 1) {
      parsed.pathname = parsed.pathname.endsWith('/') ? parsed.pathname.replace(/\/+$/, '') : `${parsed.pathname}/`;
      variants.push(parsed.toString());
    }
  } catch {
    // Not an address: only as typed.
  }
  return [...new Set(variants)];
}
