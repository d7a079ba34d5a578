import { foldText } from '../common/text-fold.js';

/** A word of a text, folded (lower case, no accents, ligatures spelled out), with where it stands in the original. */
export interface Token {
  word: string;
  /** Offsets into the original text: text.slice(start, end) is the word as written, accents and all. */
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** Inside quotation marks: someone else's words, mentioned rather than said. */
  quoted: boolean;
  /** In a sentence that ends with a question mark. */
  question: boolean;
}

const SENTENCE_ENDS = new Set(['!', '?', ';', '…', '\n', '\r']);
const CLAUSE_ENDS = new Set([',', ':', '(', ')', '–', '—', '[', ']']);
const OPENING_QUOTES = new Set(['«', '“', '„']);
const CLOSING_QUOTES = new Set(['»', '”']);

/** '' for a combining mark (it belongs to the letter before it), null for a separator, else the folded letters. */
const folded = new Map<number, string | null>();

function foldCodePoint(codePoint: number): string | null {
  const known = folded.get(codePoint);
  if (known !== undefined) return known;
  const char = String.fromCodePoint(codePoint);
  let result: string | null;
  if (/^\p{M}$/u.test(char)) result = '';
  else {
    const letters = foldText(char);
    result = letters && /^[\p{L}\p{N}]+$/u.test(letters) ? letters : null;
  }
  folded.set(codePoint, result);
  return result;
}

/**
 * Splits a text into folded words, keeping each word's offsets into the
 * original (folding may change lengths: 'œ' gives 'oe', 'e' + a combining
 * accent gives 'e'), and where sentences, clauses and quotations begin and end.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let start = -1;
  let end = -1;
  let sentence = 0;
  let clause = 0;
  let quoted = false;
  const close = () => {
    if (start >= 0) tokens.push({ word, start, end, sentence, clause, quoted, question: false });
    word = '';
    start = -1;
  };
  const endSentence = (char: string) => {
    if (char === '?') for (let k = tokens.length - 1; k >= 0 && tokens[k]!.sentence === sentence; k--) tokens[k]!.question = true;
    sentence++;
    clause++;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
        if (start < 0) start = i;
        word += text[i];
        end = i + 1;
      } else if (code >= 65 && code <= 90) {
        if (start < 0) start = i;
        word += String.fromCharCode(code + 32);
        end = i + 1;
      } else {
        close();
        const char = text[i]!;
        if (char === '.') {
          const next = text.charCodeAt(i + 1);
          if (Number.isNaN(next) || next === 32 || next === 10 || next === 13 || next === 9) {
            sentence++;
            clause++;
          }
        } else if (SENTENCE_ENDS.has(char)) {
          endSentence(char);
          if (char === '\n') quoted = false;
        } else if (CLAUSE_ENDS.has(char)) clause++;
        else if (char === '"') quoted = !quoted;
      }
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const letters = foldCodePoint(codePoint);
    if (letters === '') {
      if (start >= 0) end = i + width;
    } else if (letters !== null) {
      if (start < 0) start = i;
      word += letters;
      end = i + width;
    } else {
      close();
      const char = String.fromCodePoint(codePoint);
      if (SENTENCE_ENDS.has(char)) endSentence(char);
      else if (CLAUSE_ENDS.has(char)) clause++;
      else if (OPENING_QUOTES.has(char)) quoted = true;
      else if (CLOSING_QUOTES.has(char)) quoted = false;
    }
    i += width;
  }
  close();
  return tokens;
}
