/** The width a line is counted at: a line of the text as written longer than this counts as several. */
export const REPLY_LINE_WIDTH = 60;

/** How long a text is, as a right of reply is measured against the message it answers (docs/legal.md). */
export interface TextLength {
  /** Characters (Unicode code points), every run of white space counted as one, the ends trimmed. */
  characters: number;
  /** Lines as written (each line break starts one; a blank line counts), each counted once per started REPLY_LINE_WIDTH characters. */
  lines: number;
}

/**
 * The length of a text: its characters with white space runs counted once,
 * and its lines as written, a line longer than `width` characters counting
 * as one per started `width` (a line of 61 characters is 2 at 60). The text
 * is trimmed first, so blank lines before and after count for nothing; an
 * empty text is 0 characters and 0 lines.
 */
export function measureText(text: string, width = REPLY_LINE_WIDTH): TextLength {
  const trimmed = text.trim();
  if (!trimmed) return { characters: 0, lines: 0 };
  const characters = [...trimmed.replace(/\s+/g, ' ')].length;
  const lines = trimmed
    .split(/\r\n|\r|\n/)
    .map((line) => [...line.replace(/\s+/g, ' ').trim()].length)
    .reduce((total, length) => total + Math.max(1, Math.ceil(length / width)), 0);
  return { characters, lines };
}
