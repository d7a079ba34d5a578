import { html, type Html } from '../../common/html.js';
import type { Translator } from '../../i18n/i18n.js';

interface SignalSpan {
  kind: string;
  start: number;
  end: number;
  commitmentKind?: string;
  noticeType?: string;
  mention?: string;
}

/** The body with each signal's words marked, its kind named (and the commitment or notice it names), a mention shown as such; overlapping signals keep the first. */
export function highlightSignals(t: Translator, body: string, signals: readonly SignalSpan[]): Html {
  const spans = [...signals].filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end).sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: Html[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    parts.push(html`${body.slice(at, span.start)}`);
    const named = span.noticeType ? t.word('noticeType', span.noticeType) : span.commitmentKind ? t.word('commitmentKind', span.commitmentKind) : '';
    const labels = [
      html`<span class="kind">${t.word('signal', span.kind)}</span>`,
      ...(named ? [html`<span class="named">${named}</span>`] : []),
      ...(span.mention ? [html`<span class="mention">${t.word('mention', span.mention)}</span>`] : []),
    ];
    // The labels are not the author's words: set apart in brackets for screen readers and text read out of the page, and left out of a copied quote (CSS).
    const said = labels.flatMap((label, index) => (index ? [html`<span class="visually-hidden">, </span>`, label] : [label]));
    parts.push(
      html`<mark class="signal ${span.kind}${span.mention ? ' mention' : ''}" data-signal="${span.kind}"${span.mention ? html` data-mention="${span.mention}"` : ''}>${body.slice(span.start, span.end)}<span class="labels"><span class="visually-hidden"> [</span>${said}<span class="visually-hidden">]</span></span></mark>`,
    );
    at = span.end;
  }
  parts.push(html`${body.slice(at)}`);
  return html`${parts}`;
}
