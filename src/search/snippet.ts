import { foldText } from '../common/text-fold.js';
import type { PrefixRule } from '../database/text-search.js';
import { escapeHtml } from '../common/html-escape.js';

/** Characters of text a snippet shows at most (plus an ellipsis at either end). */
export const SNIPPET_LENGTH = 160;
/** Characters shown before the first match of the window, for context. */
const LEAD = 30;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// The desk's fold spells out what unaccent folds and NFKD does not decompose, so a word PostgreSQL matched is marked too.
const foldWord = foldText;

interface Hit {
  start: number;
  end: number;
  term: number;
}

/** Where the words of the query are in the text: a word equal to a term, or starting with it where the rule makes it a prefix. */
export function findTerms(text: string, terms: string[], prefix: PrefixRule): Hit[] {
  const folded = terms.map(foldWord);
  const hits: Hit[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = foldWord(match[0]);
    const term = folded.findIndex((t, i) => word === t || ((prefix === 'every' || i === folded.length - 1) && word.startsWith(t)));
    if (term >= 0) hits.push({ start: match.index, end: match.index + match[0].length, term });
  }
  return hits;
}

/**
 * A short excerpt of the first text holding a word of the query (texts in
 * order of preference), HTML-escaped, the matched words in `<mark>`. The
 * excerpt is the window that shows the most distinct words of the query.
 */
export function snippet(texts: string[], terms: string[], prefix: PrefixRule, length = SNIPPET_LENGTH): string {
  const candidates = texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
  for (const text of candidates) {
    const hits = findTerms(text, terms, prefix);
    if (hits.length) return render(text, hits, length);
  }
  return candidates.length ? render(candidates[0]!, [], length) : '';
}

function render(text: string, hits: Hit[], length: number): string {
  const [start, end] = window(text, hits, length);
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue;
    out += `${escapeHtml(text.slice(at, hit.start))}<mark>${escapeHtml(text.slice(hit.start, hit.end))}</mark>`;
    at = hit.end;
  }
  return `${out}${escapeHtml(text.slice(at, end))}${end < text.length ? '…' : ''}`;
}

function window(text: string, hits: Hit[], length: number): [number, number] {
  if (text.length <= length) return [0, text.length];
  let best = { start: 0, terms: -1 };
  for (const first of hits) {
    const start = Math.max(0, first.start - LEAD);
    const terms = new Set(hits.filter((hit) => hit.start >= start && hit.end <= start + length).map((hit) => hit.term)).size;
    if (terms > best.terms) best = { start, terms };
  }
  let start = best.start;
  const firstHit = hits.find((hit) => hit.start >= start);
  // Begin and end on a word boundary, never inside the first match.
  const space = start > 0 ? text.indexOf(' ', start) : -1;
  if (space !== -1 && (!firstHit || space < firstHit.start)) start = space + 1;
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const last = text.lastIndexOf(' ', end);
    if (last > start) end = last;
  }
  return [start, end];
}
