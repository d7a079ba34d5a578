/** Letters that NFKD does not decompose but PostgreSQL's unaccent folds: spelled out, so both sides of the desk fold alike. */
const SPELLED_OUT: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const UNDECOMPOSED = /[œæßøłđðþı]/g;

/**
 * The one fold of the desk, for comparing words as people mean them: compatibility
 * decomposition (NFKD: "ﬁ" is "fi", "é" is "e" + an accent), combining marks
 * dropped, lower case, the letters above spelled out, runs of white space
 * made one space, ends trimmed. "Œuvre  Société" and "oeuvre societe" fold
 * alike. Used for names (parties, handles), a mention looked for on a live
 * page, search snippets and the words signals read.
 */
export const foldText = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, (letter) => SPELLED_OUT[letter]!)
    .replace(/\s+/g, ' ')
    .trim();
