// npm run bench:signals — the signal analyser (src/signals) on one core:
// 1. how well it reads the labelled corpus (test/fixtures/signals): precision
//    and recall per kind, per kind and side, per commitment or notice named,
//    on the corpus (dev and held-out), on its held-out part, and on its blind
//    part (written after the rules, never tuned on: how they meet new phrasings);
// 2. how fast, per comment: the story's thread (docs/design.md §1, its ten
//    comments as the WordPress import turns them into text, read 100 times as
//    often) and a generated thread of 1,000 comments, French and English, of
//    blog-thread length; each comment timed alone, BENCH_ROUNDS times, by the
//    wall clock and by the process's CPU time (what the analysis costs, when
//    other work on the machine takes the processor away mid-comment).
//    Aim: p99 under 1 ms a comment.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commentText } from '../src/imports/wordpress-thread.js';
import { analyzeSignals } from '../src/signals/analyzer.js';
import type { Side } from '../src/signals/lexicon/lexicon.js';
import { scoreCorpus, scoreTable, type CorpusScore, type LabelledSentence } from '../src/signals/scoring.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 20);
const THREAD = 1000;
const corpus = fileURLToPath(new URL('../../../test/fixtures/signals/', import.meta.url));

const read = (file: string): LabelledSentence[] =>
  readFileSync(`${corpus}${file}`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LabelledSentence);
const files = readdirSync(corpus).filter((file) => file.endsWith('.jsonl'));
const part = (name: string) => files.filter((file) => file.includes(`.${name}.`)).flatMap(read);

function report(name: string, score: CorpusScore): void {
  console.log(`\n${name}: ${score.sentences} sentences, ${score.trapsSprung} trap(s) sprung\n`);
  console.log(scoreTable(score.kinds));
  console.log('');
  console.log(scoreTable(score.named));
}

const whole = scoreCorpus([...part('dev'), ...part('held-out')], analyzeSignals);
const heldOut = scoreCorpus(part('held-out'), analyzeSignals);
const blind = scoreCorpus(part('blind'), analyzeSignals);
report('corpus (dev and held-out)', whole);
report('held-out part', heldOut);
report('blind part', blind);

interface Story {
  owner: { name: string; handle: string };
  comments: Array<{ author: string; owner?: boolean; content: string }>;
}
const story = JSON.parse(readFileSync(`${corpus}story-thread.json`, 'utf8')) as Story;
const founder = story.comments[0]!.author;
const storyThread: Array<{ text: string; side: Side }> = story.comments.map((comment) => ({
  text: commentText(comment.content),
  side: comment.owner ? 'ours' : comment.author === founder ? 'counterpart' : 'bystander',
}));

const OPENINGS = ['Bonjour,', 'Hello,', 'Madame,', 'Dear blogger,', 'Franchement,', 'Honestly,', 'Pour info,', 'Je passe par là :', 'Re:', ''];
/** A small deterministic generator, so every run reads the same comments. */
function* random(seed: number): Generator<number> {
  for (let state = seed; ; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state / 2 ** 31;
  }
}
const pick = random(7);
const next = (n: number) => Math.floor(pick.next().value! * n);
const sentences = [...part('dev'), ...part('held-out')];
const sides: Side[] = ['ours', 'counterpart', 'bystander'];
const bigThread = Array.from({ length: THREAD }, () => ({
  text: [OPENINGS[next(OPENINGS.length)], ...Array.from({ length: 1 + next(6) }, () => sentences[next(sentences.length)]!.text)].join(' ').trim(),
  side: sides[next(sides.length)]!,
}));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const ms = (value: number) => Number(value.toFixed(3));

/** Each comment timed alone, every round; the first round warms the code up and is not counted. */
function time(thread: Array<{ text: string; side: Side }>, rounds: number) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let signals = 0;
  for (let round = 0; round <= rounds; round++) {
    for (const comment of thread) {
      const [wallStart, cpuStart] = [performance.now(), cpuMs()];
      signals += analyzeSignals(comment.text, comment.side).length;
      const [wallTook, cpuTook] = [performance.now() - wallStart, cpuMs() - cpuStart];
      if (round > 0) {
        wall.push(wallTook);
        cpu.push(cpuTook);
      }
    }
  }
  if (!signals) throw new Error('the analyser found no signal in the thread');
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const total = wall.reduce((sum, took) => sum + took, 0);
  return {
    comments: thread.length,
    averageLength: Math.round(thread.reduce((sum, comment) => sum + comment.text.length, 0) / thread.length),
    timed: wall.length,
    wall: { p50Ms: ms(percentile(wall, 50)), p99Ms: ms(percentile(wall, 99)), maxMs: ms(wall[wall.length - 1]!) },
    cpu: { p50Ms: ms(percentile(cpu, 50)), p99Ms: ms(percentile(cpu, 99)), maxMs: ms(cpu[cpu.length - 1]!) },
    commentsPerSecond: Math.round(wall.length / (total / 1000)),
  };
}

const speed = { storyThread: time(storyThread, ROUNDS * 100), thread1000: time(bigThread, ROUNDS) };
console.log('\nper comment (ms), by the wall clock and by CPU time:');
for (const [name, { comments, averageLength, timed, wall, cpu, commentsPerSecond }] of Object.entries(speed)) {
  console.log(
    `${name.padEnd(12)} ${comments} comments of ${averageLength} characters, ${timed} timed: wall p50 ${wall.p50Ms}, p99 ${wall.p99Ms}, max ${wall.maxMs}; cpu p50 ${cpu.p50Ms}, p99 ${cpu.p99Ms}, max ${cpu.maxMs}; ${commentsPerSecond} comments/s`,
  );
}
const kindsOf = (score: CorpusScore) => Object.fromEntries(Object.entries(score.kinds).map(([key, { precision, recall }]) => [key, { precision: Number(precision.toFixed(3)), recall: Number(recall.toFixed(3)) }]));
console.log(JSON.stringify({ rounds: ROUNDS, ...speed, corpus: { whole: kindsOf(whole), heldOut: kindsOf(heldOut), blind: kindsOf(blind) } }));
