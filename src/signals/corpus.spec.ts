import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSignals } from './analyzer.js';
import { SIGNAL_KINDS } from './lexicon/lexicon.js';
import { scoreCorpus, scoreTable, type CorpusScore, type LabelledSentence } from './scoring.js';

const CORPUS = join(process.cwd(), 'test/fixtures/signals');
const read = (file: string): LabelledSentence[] =>
  readFileSync(join(CORPUS, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LabelledSentence);
const files = readdirSync(CORPUS).filter((file) => file.endsWith('.jsonl'));
const part = (name: string) => files.filter((file) => file.includes(`.${name}.`)).flatMap(read);
const language = (code: string) => files.filter((file) => file.startsWith(`${code}.`)).flatMap(read);

/** Legal threats, commitments and apologies must be caught and not invented; the other kinds a little less strictly. */
const STRICT = new Set(['legal_threat', 'commitment', 'apology']);

/** The floors per kind, and per commitment or notice named where `named` (the held-out part has too few of each for a ratio to mean much). */
function expectFloors(name: string, score: CorpusScore, named: boolean): void {
  const kinds = Object.entries(score.kinds).filter(([key]) => !key.includes('@'));
  process.stdout.write(`\n${name}: ${score.sentences} sentences\n${scoreTable(score.kinds)}\n${scoreTable(score.named)}\n`);
  for (const [kind, { precision, recall }] of [...kinds, ...(named ? Object.entries(score.named) : [])]) {
    const [minPrecision, minRecall] = STRICT.has(kind) ? [0.95, 0.9] : [0.8, 0.8];
    expect({ kind, precision: precision >= minPrecision, recall: recall >= minRecall }).toEqual({ kind, precision: true, recall: true });
  }
  expect(score.trapsSprung).toBe(0);
}

describe('the labelled corpus (test/fixtures/signals)', () => {
  it('holds at least 150 French and 150 English sentences, about a third held out, every kind represented', () => {
    expect(language('fr').length).toBeGreaterThanOrEqual(150);
    expect(language('en').length).toBeGreaterThanOrEqual(150);
    expect(part('held-out').length / (part('dev').length + part('held-out').length)).toBeGreaterThanOrEqual(0.25);
    const labelled = new Set([...part('dev'), ...part('held-out')].flatMap((sentence) => sentence.has.map((label) => label.split(':')[0])));
    expect([...labelled].sort()).toEqual([...SIGNAL_KINDS].sort());
  });

  it('is read with legal threats, commitments and apologies at precision ≥ 0.95 and recall ≥ 0.9, other kinds and each commitment or notice named ≥ 0.8, no trap sprung', () => {
    const score = scoreCorpus([...part('dev'), ...part('held-out')], analyzeSignals);
    if (score.misread.length) process.stdout.write(`misread:\n${score.misread.join('\n')}\n`);
    expectFloors('whole corpus', score, true);
  });

  it('holds the same floors per kind on the held-out part alone', () => {
    // Its misreads are not printed: it is never tuned on sentence by sentence.
    expectFloors('held-out part', scoreCorpus(part('held-out'), analyzeSignals), false);
  });
});
