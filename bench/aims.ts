// npm run bench:aims — every aim of issue 21 [7/8], one function each, in one
// table: figure | Calumet | beside | aim | met? (JSON: bench/results/aims.json).
// BENCH_AIMS=write,thread,web,today,import picks aims (all by default);
// BENCH_QUICK=1 is a smoke run (small sizes, short rounds). Calumet runs from
// dist/ as harness.ts starts it, on SQLite files of its own (BENCH_DB=postgres
// for the aims that start Calumet through harness.ts).
//   write  (a) an inbound comment at 10 connections: req/s ÷ the plain app ≥ 1
//          (b) a comment at 1 connection: mean latency ≤ 2 ms
//   thread (c) GET /api/incidents/:id of an incident of BENCH_THREAD messages
//          vs one of one message, and its first page of messages
//          (GET …/comments, 20 a page) vs an incident of one page (25
//          messages): p50 ratio ≤ 1.5
//   web    (d) the incident page (/incidents/:id, a session cookie), 1,000
//          messages: p95 ≤ 40 ms
//   today  (e) GET /api/me/agenda for a person owing BENCH_OWED (8,600)
//          replies: p95 ≤ 20 ms
//   import (f) a 28,000-comment WXR import ≥ 2,000 comments/s while another
//          client writes comments to another incident at c=1 (p50/p99/max)
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DB, freshDatabase, lastJson, log, median, percentile, QUICK, reads, runScript, saveResult, sessionCookie, startCalumet, table } from './harness.js';
import { aimText, meets, verdict, type Aim } from './judge.js';
import { seed } from './seed.js';
import { commentBody, compareTrio, fillThread, startTrio } from './writes.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? (QUICK ? 2 : 10));
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? (QUICK ? 1 : 3));
const READ_SECONDS = QUICK ? 1 : 5;
const THREAD = Number(process.env['BENCH_THREAD'] ?? (QUICK ? 500 : 5_000));
const PAGE_MESSAGES = QUICK ? 200 : 1_000;
/** More than the API's page of messages (20): the thread beside the long one in (c)'s page figure. */
const ONE_PAGE = 25;
const PAGE_REQUESTS = QUICK ? 50 : 300;
const OWED = Number(process.env['BENCH_OWED'] ?? (QUICK ? 860 : 8_600));
const IMPORT_COMMENTS = Number(process.env['BENCH_COMMENTS'] ?? (QUICK ? 2_000 : 28_000));

interface Figure {
  figure: string;
  /** The figure judged against the aim. */
  value: number | null;
  calumet: string;
  beside: string;
  aim: Aim;
  unit?: string;
  detail?: unknown;
}

const AIMS: Record<string, () => Promise<Figure[]>> = { write: writeAims, thread: threadAim, web: webAim, today: todayAim, import: importAim };

/** (a) and (b): Calumet beside the plain app and the bare insert (bench/writes.ts). */
async function writeAims(): Promise<Figure[]> {
  const trio = await startTrio();
  try {
    const c10 = await compareTrio(trio, 10, SECONDS, ROUNDS);
    const c1 = await compareTrio(trio, 1, SECONDS, ROUNDS);
    const at = (run: typeof c10, name: 'Calumet' | 'plain' | 'bare') => `${run.loads[name].rps} req/s, p50 ${run.loads[name].p50} ms, p99 ${run.loads[name].p99} ms`;
    return [
      {
        figure: '(a) log an inbound comment, 10 connections: Calumet ÷ plain app (req/s)',
        value: c10.ratios.plain,
        calumet: at(c10, 'Calumet'),
        beside: `plain ${at(c10, 'plain')} (${c10.ratios.plain}×); bare ${c10.loads.bare.rps} req/s (${c10.ratios.bare}×)`,
        aim: { kind: 'atLeast', target: 1 },
        unit: '×',
        detail: c10,
      },
      {
        figure: '(b) log a comment, 1 connection: mean ms each',
        value: c1.loads.Calumet.mean ?? null,
        calumet: `${c1.loads.Calumet.mean} ms (${c1.loads.Calumet.rps} req/s)`,
        beside: `plain ${c1.loads.plain.mean} ms; bare ${c1.loads.bare.mean} ms; Calumet ÷ bare ${c1.ratios.bare}× (req/s)`,
        aim: { kind: 'atMost', target: 2 },
        unit: ' ms',
        detail: c1,
      },
    ];
  } finally {
    await trio.stop();
  }
}

/**
 * (c): the incident and its thread page, THREAD messages vs few; rounds of the two alternated, p50 ratios' medians. The
 * incident beside holds one message; the page beside is a whole page too (an incident of ONE_PAGE messages, the first page
 * of 20 of each), so the figure tells what grows with the thread, not what a page of 20 costs beside a page of one.
 */
async function threadAim(): Promise<Figure[]> {
  const database = await freshDatabase();
  const calumet = await startCalumet(database.url, { worker: false });
  try {
    const incident = async (title: string) => (await calumet.call<{ id: string }>('/api/incidents', { title, severity: 'low' })).id;
    const [one, onePage, big] = [await incident('One message'), await incident('One page of messages'), await incident('A long thread')];
    await calumet.call(`/api/incidents/${one}/comments`, JSON.parse(commentBody('inbound')));
    await fillThread(calumet, onePage, ONE_PAGE);
    const began = performance.now();
    await fillThread(calumet, big, THREAD);
    log(`thread: ${THREAD} messages logged in ${Math.round((performance.now() - began) / 1000)} s`);
    const auth = { authorization: `Bearer ${calumet.token}` };
    const figures: Figure[] = [];
    const cases = [
      { name: 'GET /api/incidents/:id', path: '', small: one, beside: 'one message' },
      { name: 'GET /api/incidents/:id/comments', path: '/comments', small: onePage, beside: `${ONE_PAGE} messages` },
    ];
    for (const { name, path, small, beside } of cases) {
      const bigs: number[] = [];
      const smalls: number[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const pair = round % 2 === 0 ? [big, small] : [small, big];
        const got: Record<string, number> = {};
        for (const id of pair) got[id] = (await reads(`${calumet.base}/api/incidents/${id}${path}`, auth, 1, READ_SECONDS)).p50;
        bigs.push(got[big]!);
        smalls.push(got[small]!);
        ratios.push(got[big]! / Math.max(0.01, got[small]!));
      }
      const ratio = Number(median(ratios).toFixed(2));
      log(`thread ${name}: ${THREAD} messages p50 ${median(bigs)} ms, ${beside} ${median(smalls)} ms, ratio ${ratio}`);
      figures.push({
        figure: `(c) ${name}, ${THREAD.toLocaleString('en')} messages ÷ ${beside} (p50, c=1)`,
        value: ratio,
        calumet: `p50 ${median(bigs)} ms`,
        beside: `${beside}: p50 ${median(smalls)} ms (${ratio}×)`,
        aim: { kind: 'atMost', target: 1.5 },
        unit: '×',
        detail: { bigP50: bigs, smallP50: smalls, ratios },
      });
    }
    return figures;
  } finally {
    await calumet.stop();
    await database.drop();
  }
}

/** (d): the web incident page of a PAGE_MESSAGES-message thread, signed in with a session cookie, one request at a time. */
async function webAim(): Promise<Figure[]> {
  const database = await freshDatabase();
  const calumet = await startCalumet(database.url, { worker: false });
  try {
    const me = await calumet.call<{ id: string }>('/api/me');
    const party = await calumet.call<{ id: string }>('/api/parties', { kind: 'person', name: 'The founder' });
    const incident = (await calumet.call<{ id: string }>('/api/incidents', { title: 'A long thread', severity: 'low', counterpartId: party.id })).id;
    await fillThread(calumet, incident, PAGE_MESSAGES);
    const cookie = await sessionCookie(calumet.base, calumet.call, me.id);
    const times: number[] = [];
    for (let i = 0; i < 20 + PAGE_REQUESTS; i++) {
      const began = performance.now();
      const response = await fetch(`${calumet.base}/incidents/${incident}`, { headers: { cookie } });
      const text = await response.text();
      if (!response.ok || !text.includes('data-testid="comment"')) throw new Error(`the incident page answered ${response.status}${response.ok ? ' without its messages' : ''}`);
      if (i >= 20) times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Number(percentile(times, q).toFixed(1));
    return [
      {
        figure: `(d) the web incident page, ${PAGE_MESSAGES.toLocaleString('en')} messages: p95 ms (c=1, ${PAGE_REQUESTS} requests)`,
        value: at(0.95),
        calumet: `p95 ${at(0.95)} ms`,
        beside: `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
        aim: { kind: 'atMost', target: 40 },
        unit: ' ms',
      },
    ];
  } finally {
    await calumet.stop();
    await database.drop();
  }
}

/** (e): Today of the bench user, owner of open incidents holding OWED inbound comments awaiting a reply (bench/seed.ts), among a desk of a colleague's. */
async function todayAim(): Promise<Figure[]> {
  const database = await freshDatabase();
  const token = randomBytes(24).toString('hex');
  const prefix = `calumet-bench-${randomBytes(4).toString('hex')}`;
  let calumet = await startCalumet(database.url, { worker: false, token, prefix });
  try {
    const me = await calumet.call<{ id: string }>('/api/me');
    const colleague = (await calumet.call<{ user: { id: string } }>('/api/users', { name: 'A colleague', email: 'colleague@bench.example.com', role: 'community_manager' })).user.id;
    await calumet.stop();
    const began = performance.now();
    const background = QUICK ? { incidents: 100, comments: 1_000 } : { incidents: 1_000, comments: 20_000 };
    await seed(database.url, { ...background, bigThread: 20, offset: 0, actorId: me.id, ownerIds: [colleague], owed: { ownerId: me.id, replies: OWED } });
    log(`today: seeded ${OWED} owed replies and ${background.comments} other comments in ${Math.round((performance.now() - began) / 1000)} s`);
    calumet = await startCalumet(database.url, { worker: false, token, prefix });
    const agenda = await calumet.call<{ total: number; counts: Record<string, number>; items: Array<{ incidentId: string }> }>('/api/me/agenda');
    if (agenda.counts['reply'] !== OWED) throw new Error(`Today counts ${agenda.counts['reply']} replies owed, not the ${OWED} seeded`);
    // The seeded rows are whole: an owed incident's timeline chain verifies.
    const chain = await calumet.call<{ valid: boolean; events: number }>(`/api/incidents/${agenda.items[0]!.incidentId}/timeline/verify`);
    if (!chain.valid) throw new Error(`the seeded timeline of ${agenda.items[0]!.incidentId} does not verify`);
    const auth = { authorization: `Bearer ${calumet.token}` };
    const today: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      today.push((await reads(`${calumet.base}/api/me/agenda`, auth, 1, READ_SECONDS)).p95);
      floor.push((await reads(`${calumet.base}/api/me`, auth, 1, READ_SECONDS)).p95);
    }
    const p95 = median(today);
    return [
      {
        figure: `(e) Today (GET /api/me/agenda) owing ${OWED.toLocaleString('en')} replies: p95 ms (c=1)`,
        value: p95,
        calumet: `p95 ${p95} ms (${agenda.counts['reply']} replies counted)`,
        beside: `GET /api/me p95 ${median(floor)} ms`,
        aim: { kind: 'atMost', target: 20 },
        unit: ' ms',
        detail: { today, floor, counts: agenda.counts },
      },
    ];
  } finally {
    await calumet.stop();
    await database.drop();
  }
}

/** (f): bench/import.ts with one client writing comments one after another (BENCH_PACE_MS=0) to another incident meanwhile. */
async function importAim(): Promise<Figure[]> {
  const database = BENCH_DB === 'postgres' ? await freshDatabase() : null;
  try {
    const out = await runScript(join(here, 'import.js'), { BENCH_COMMENTS: String(IMPORT_COMMENTS), BENCH_PACE_MS: '0', ...(database ? { BENCH_DATABASE_URL: database.url } : {}) });
    const result = lastJson(out) as { seconds: number; commentAckMs: { n: number; p50: number; p99: number; max: number } } | null;
    if (!result) throw new Error('bench/import.js printed no result');
    const rate = Math.round(IMPORT_COMMENTS / result.seconds);
    const acks = result.commentAckMs;
    return [
      {
        figure: `(f) a ${IMPORT_COMMENTS.toLocaleString('en')}-comment WXR import: comments/s`,
        value: rate,
        calumet: `${rate} comments/s (${result.seconds} s)`,
        beside: `meanwhile ${acks.n} comments at c=1: p50 ${acks.p50} ms, p99 ${acks.p99} ms, max ${acks.max} ms`,
        aim: { kind: 'atLeast', target: 2_000 },
        unit: ' comments/s',
        detail: result,
      },
      {
        figure: '(f) the comments written at c=1 during the import: p99 ms',
        value: acks.p99,
        calumet: `p99 ${acks.p99} ms (max ${acks.max} ms)`,
        beside: `${acks.n} written during the import; p50 ${acks.p50} ms`,
        aim: { kind: 'atMost', target: 1_000 },
        unit: ' ms',
      },
    ];
  } finally {
    await database?.drop();
  }
}

const chosen = process.env['BENCH_AIMS']?.split(',').map((name) => name.trim()) ?? Object.keys(AIMS);
for (const name of chosen) if (!AIMS[name]) throw new Error(`BENCH_AIMS: unknown aim ${name}; one of ${Object.keys(AIMS).join(', ')}`);

const figures: Array<Figure & { met: boolean | null }> = [];
const failures: string[] = [];
for (const name of chosen) {
  log(`— aim ${name} —`);
  try {
    for (const figure of await AIMS[name]!()) figures.push({ ...figure, met: meets(figure.value, figure.aim) });
  } catch (error) {
    failures.push(name);
    process.stderr.write(`[bench] aim ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
saveResult('aims', { seconds: SECONDS, rounds: ROUNDS, readSeconds: READ_SECONDS, sizes: { thread: THREAD, pageMessages: PAGE_MESSAGES, owed: OWED, importComments: IMPORT_COMMENTS }, figures, failed: failures });
process.stdout.write(
  `\n## The aims of issue 21 [7/8] (${BENCH_DB}${QUICK ? ', quick' : ''}; medians of ${ROUNDS} rounds)\n\n${table(
    ['figure', 'Calumet', 'beside', 'aim', 'met?'],
    figures.map((f) => [f.figure, f.calumet, f.beside, aimText(f.aim, f.unit), verdict(f.met)]),
  )}\n`,
);
if (failures.length) {
  process.stderr.write(`[bench] aims failed: ${failures.join(', ')}\n`);
  process.exitCode = 1;
}
