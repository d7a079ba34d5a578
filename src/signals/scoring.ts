import type { Signal } from './analyzer.js';
import { SIDES, type Side } from './lexicon/lexicon.js';

/**
 * A labelled sentence (test/fixtures/signals/*.jsonl): who says it, the
 * labels it has and those it must not have. A label is a kind
 * (`legal_threat`), or a kind with the commitment or notice it names
 * (`commitment:noindex`, `legal_threat:trademark_claim`), which implies the kind.
 */
export interface LabelledSentence {
  text: string;
  side: Side;
  has: readonly string[];
  not: readonly string[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  sentences: number;
  /** Per kind (`legal_threat`), and per kind and side (`legal_threat@counterpart`). */
  kinds: Record<string, Score>;
  /** Per commitment or notice named (`commitment:noindex`). */
  named: Record<string, Score>;
  /** Labels found that the sentence must not have. */
  trapsSprung: number;
  /** Sentences read otherwise than labelled, with what was found. */
  misread: string[];
}

const kindOf = (label: string) => label.split(':')[0]!;
const labelsOf = (signals: readonly Signal[]) =>
  signals.filter((signal) => !signal.mention).flatMap((signal) => [signal.kind, ...(signal.commitmentKind || signal.noticeType ? [`${signal.kind}:${signal.commitmentKind ?? signal.noticeType}`] : [])]);

function tally(table: Map<string, { tp: number; fp: number; fn: number }>, key: string, outcome: 'tp' | 'fp' | 'fn'): void {
  const counts = table.get(key) ?? { tp: 0, fp: 0, fn: 0 };
  counts[outcome]++;
  table.set(key, counts);
}

function scores(table: Map<string, { tp: number; fp: number; fn: number }>): Record<string, Score> {
  return Object.fromEntries(
    [...table.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, { tp, fp, fn }]) => [key, { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 }]),
  );
}

/** Precision and recall of an analyser on labelled sentences, counting only what it says is said (mentions never count). */
export function scoreCorpus(sentences: readonly LabelledSentence[], analyze: (text: string, side: Side) => Signal[]): CorpusScore {
  const kinds = new Map<string, { tp: number; fp: number; fn: number }>();
  const named = new Map<string, { tp: number; fp: number; fn: number }>();
  const misread: string[] = [];
  let trapsSprung = 0;
  for (const sentence of sentences) {
    if (!SIDES.includes(sentence.side)) throw new Error(`unknown side ${sentence.side} for: ${sentence.text}`);
    const found = labelsOf(analyze(sentence.text, sentence.side));
    const foundKinds = new Set(found.map(kindOf));
    const foundNamed = new Set(found.filter((label) => label.includes(':')));
    const wantedKinds = new Set(sentence.has.map(kindOf));
    const wantedNamed = new Set(sentence.has.filter((label) => label.includes(':')));
    for (const [found, wanted, table, bySide] of [
      [foundKinds, wantedKinds, kinds, true],
      [foundNamed, wantedNamed, named, false],
    ] as const) {
      for (const label of found) {
        const outcome = wanted.has(label) ? 'tp' : 'fp';
        tally(table, label, outcome);
        if (bySide) tally(table, `${label}@${sentence.side}`, outcome);
      }
      for (const label of wanted) {
        if (found.has(label)) continue;
        tally(table, label, 'fn');
        if (bySide) tally(table, `${label}@${sentence.side}`, 'fn');
      }
    }
    trapsSprung += sentence.not.filter((label) => (label.includes(':') ? foundNamed : foundKinds).has(label)).length;
    const expected = [...new Set(sentence.has.flatMap((label) => [kindOf(label), label]))].sort().join(', ');
    const actual = [...new Set(found)].sort().join(', ');
    if (expected !== actual) misread.push(`[${sentence.side}] ${sentence.text} → [${actual}], expected [${expected}]`);
  }
  return { sentences: sentences.length, kinds: scores(kinds), named: scores(named), trapsSprung, misread };
}

/** The scores as an aligned text table, one row per key. */
export function scoreTable(table: Record<string, Score>): string {
  const rows = Object.entries(table).map(([key, s]) => [key, String(s.tp), String(s.fp), String(s.fn), s.precision.toFixed(2), s.recall.toFixed(2)]);
  const header = ['', 'tp', 'fp', 'fn', 'precision', 'recall'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}
