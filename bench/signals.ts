// npm run bench:signals — comments analysed per second by the signal analyser
// (src/signals/analyzer.ts), on one core: a few thousand generated comments,
// French and English, of blog-thread length, read again and again for
// BENCH_SECONDS; the median of the rounds is reported. Aim: 5,000 comments/s.
import { analyzeSignals } from '../src/signals/analyzer.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS_PER_ROUND = Number(process.env.BENCH_SECONDS ?? 1);
const COMMENTS = 4000;

const OPENINGS = [
  'Bonjour,', 'Hello,', 'Madame,', 'Dear blogger,', 'Franchement,', 'Honestly,', 'Pour info,', 'Je passe par là :', 'Re:', '',
];
const SENTENCES = [
  "J'exerce mon droit de réponse sur cet article, qui cite notre tweet sans notre accord.",
  "Notre nom est une marque déposée et un commissaire de justice a constaté les deux articles.",
  "À défaut de retrait de toute mention de notre société, nous prendrons les mesures nécessaires.",
  "Mon avocat vous adressera une mise en demeure par lettre recommandée.",
  'Toute demande juridique doit m’être adressée par lettre recommandée avec accusé de réception.',
  "Vous pouvez m'appeler, mais pas avant jeudi.",
  "Je vous présente mes excuses : nous subissions des attaques de SEO négatif et j'ai cru à une de plus.",
  'La hache de guerre est enterrée, je vais passer l’article en noindex et je vous enverrai un email.',
  'La diffamation est un délit en France, mais citer un tweet public n’en est pas une.',
  "Super article, j'ai fait exactement la même erreur avec mon premier compte Twitter.",
  'On attend la suite avec impatience, le feuilleton est passionnant.',
  'Is it even legal to screenshot tweets? I always wondered.',
  'He says he will sue, lol. Popcorn time.',
  "I'm sorry, I overreacted. Let's bury the hatchet.",
  "We'll remove every mention of your brand and I'll call you back on Thursday.",
  'Shame on you for mocking a small business that did nothing wrong.',
  'Feel free to call me any time after Thursday; my number is on the contact page.',
  'Great write-up, the part about the beginner mistakes is spot on and very well explained.',
  "I'm not sorry, and I don't owe anyone an apology for quoting a public post.",
  'You used our tweet without our consent and took our words out of context.',
];

/** A small deterministic generator, so every run reads the same comments. */
function* random(seed: number): Generator<number> {
  for (let state = seed; ; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    yield state / 2 ** 31;
  }
}

const pick = random(7);
const next = (n: number) => Math.floor(pick.next().value! * n);
const comments = Array.from({ length: COMMENTS }, () => {
  const sentences = Array.from({ length: 1 + next(5) }, () => SENTENCES[next(SENTENCES.length)]!);
  return [OPENINGS[next(OPENINGS.length)], ...sentences].join(' ').trim();
});
const averageLength = comments.reduce((sum, comment) => sum + comment.length, 0) / comments.length;

function round(): number {
  const until = performance.now() + SECONDS_PER_ROUND * 1000;
  let analysed = 0;
  let signals = 0;
  const started = performance.now();
  while (performance.now() < until) {
    for (let i = 0; i < 200; i++) signals += analyzeSignals(comments[(analysed + i) % COMMENTS]!).length;
    analysed += 200;
  }
  if (signals === 0) throw new Error('the analyser found no signal in the generated comments');
  return analysed / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

round(); // warm-up
const rates: number[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  const rate = round();
  rates.push(rate);
  console.log(`round ${r}: ${rate.toFixed(0)} comments/s`);
}
console.log(JSON.stringify({ comments: COMMENTS, averageLength: Math.round(averageLength), rounds: ROUNDS, secondsPerRound: SECONDS_PER_ROUND, commentsPerSecond: Math.round(median(rates)) }));
