import { foldText } from '../common/text-fold.js';

/** A URL as an identity: no scheme, no www., no trailing slash, lower case. */
export const urlKey = (url: string): string => url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');

/**
 * A person's name as an identity: folded, without the company in brackets or
 * after a dash, bar or at sign ("David (Expatwire)", "David – Expatwire",
 * "david@Expatwire" are all "david"), and without punctuation.
 */
export function personKey(name: string): string {
  return foldText(name)
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/\s[-–—|@]\s|\s@|@/)[0]!
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Two people whose emails and sites, where both are known, are the same. */
export function contactsAgree(a: { email: string | null; url: string | null }, b: { email: string | null; url: string | null }): boolean {
  return (!a.email || !b.email || a.email.toLowerCase() === b.email.toLowerCase()) && (!a.url || !b.url || urlKey(a.url) === urlKey(b.url));
}

/** How far two names say one person: the same name once folded, or the same first name ("David", "David M." and "David Martin"). */
export function nameLikeness(a: string, b: string): 'same' | 'partial' | null {
  const [x, y] = [personKey(a), personKey(b)];
  if (!x || !y) return null;
  if (x === y) return 'same';
  return x.split(' ')[0] === y.split(' ')[0] ? 'partial' : null;
}
