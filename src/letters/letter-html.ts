import { html, trusted, type Html } from '../common/html.js';
import { letterParagraphs } from './letter-fill.js';
import type { LetterKey, LetterLanguage } from './letter-kinds.js';

/** A letter filled from the record, ready to print or to log: every part plain text (escaped where it is shown). */
export interface FilledLetter {
  key: LetterKey;
  language: LetterLanguage;
  noticeId: string;
  incidentId: string;
  noticeRef: string;
  /** The letter's name in its language (the page's title). */
  name: string;
  letterhead: { name: string; address: string };
  recipient: { name: string; address: string };
  /** « Le 3 décembre 2026 », "3 December 2026". */
  dateLine: string;
  /** « Nos références : INC-2026-0001 / LN-2026-0001 ». */
  referenceLine: string;
  subjectLine: string;
  subject: string;
  body: string;
}

/** The letter as plain text, as it is logged in the thread when sent: letterhead, recipient, date, reference, subject, body. */
export function letterText(letter: FilledLetter): string {
  const block = (...lines: string[]) => lines.filter((line) => line.trim()).join('\n');
  return [
    block(letter.letterhead.name, letter.letterhead.address),
    block(letter.recipient.name, letter.recipient.address),
    letter.dateLine,
    block(letter.referenceLine, letter.subjectLine),
    letter.body.trim(),
  ]
    .filter(Boolean)
    .join('\n\n');
}

const lines = (text: string): Html => html`${text.split('\n').map((line, i) => html`${i ? html`<br>` : ''}${line}`)}`;

/** The letter's sheet: letterhead, recipient, date, reference, subject and body, every value escaped. */
export function letterSheet(letter: FilledLetter): Html {
  return html`<article class="letter" lang="${letter.language}" data-testid="letter">
<p class="letterhead"><strong>${letter.letterhead.name}</strong>${letter.letterhead.address ? html`<br>${lines(letter.letterhead.address)}` : ''}</p>
<p class="recipient" data-testid="letter-recipient">${lines(letter.recipient.name)}${letter.recipient.address ? html`<br>${lines(letter.recipient.address)}` : ''}</p>
<p class="letter-date">${letter.dateLine}</p>
<p class="letter-reference">${letter.referenceLine}</p>
<p class="letter-subject"><strong>${letter.subjectLine}</strong></p>
<div class="letter-body">${letterParagraphs(letter.body)}</div>
</article>`;
}

const STYLE = `
body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; color: #111; max-width: 44em; margin: 2em auto; padding: 0 1em; }
.letterhead { margin: 0 0 2.5em; }
.recipient { margin: 0 0 2em 55%; }
.letter-date { text-align: right; margin-bottom: 2em; }
.letter-reference { color: #333; margin: 0; }
.letter-subject { margin: .3em 0 1.8em; }
.letter-body p { margin: 0 0 1em; }
@page { size: A4; margin: 20mm 18mm; }
@media print { body { margin: 0; max-width: none; } }`;

/** The letter as a page of its own (the API's HTML, and what Chromium prints to PDF), in the letter's language. */
export function letterDocument(letter: FilledLetter): string {
  return html`<!doctype html>
<html lang="${letter.language}">
<head>
<meta charset="utf-8">
<title>${letter.name} — ${letter.noticeRef}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
${letterSheet(letter)}
</body>
</html>`.toString();
}
