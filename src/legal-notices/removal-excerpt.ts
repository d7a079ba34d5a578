/** The longest line of a message, cut at a word under 120 characters: what a removal check looks for on the live page. */
export function distinctiveExcerpt(body: string, max = 120): string {
  const lines = body.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  const longest = lines.reduce((best, line) => (line.length > best.length ? line : best), '');
  if (longest.length <= max) return longest;
  const cut = longest.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trim();
}
