import { Translator } from '../../i18n/i18n.js';
import { highlightSignals } from './signals.js';

describe('highlightSignals', () => {
  const t = new Translator('en', 'Europe/Paris');

  it('marks each signal with its kind in words, set apart from the author’s words, and escapes the rest', () => {
    const body = 'A <b>bailiff</b> came';
    expect(highlightSignals(t, body, [{ kind: 'legal_threat', start: 5, end: 12 }]).text).toBe(
      'A &lt;b&gt;<mark class="signal legal_threat" data-signal="legal_threat">bailiff<span class="labels"><span class="visually-hidden"> [</span><span class="kind">legal threat</span><span class="visually-hidden">]</span></span></mark>&lt;/b&gt; came',
    );
  });

  it('keeps the first of overlapping signals and ignores offsets outside the text', () => {
    const marked = highlightSignals(t, 'sorry, so sorry', [
      { kind: 'apology', start: 0, end: 5 },
      { kind: 'hostility', start: 2, end: 8 },
      { kind: 'apology', start: 10, end: 99 },
    ]).text;
    expect(marked.match(/<mark/g)).toHaveLength(1);
  });

  it('names the notice or commitment a signal points to, and shows a mention as such', () => {
    const marked = highlightSignals(new Translator('fr', 'Europe/Paris'), 'Une mise en demeure ?', [{ kind: 'legal_threat', noticeType: 'formal_notice', mention: 'question', start: 4, end: 19 }]).text;
    expect(marked).toBe(
      'Une <mark class="signal legal_threat mention" data-signal="legal_threat" data-mention="question">mise en demeure<span class="labels"><span class="visually-hidden"> [</span><span class="kind">menace juridique</span><span class="visually-hidden">, </span><span class="named">Mise en demeure</span><span class="visually-hidden">, </span><span class="mention">demandé</span><span class="visually-hidden">]</span></span></mark> ?',
    );
  });
});
