// The table of issue [8/9], measured for this build and, with BENCH_BEFORE=<a
// checkout with its own node_modules and dist>, for an earlier build beside it
// in the same sitting: each figure's rounds alternate between the two (and the
// bare insert server, the floor), medians kept. Both run as API processes on
// SQLite files of their own, without a worker, on Redis prefixes of their own.
// Run by the suite as `BENCH_ONLY=versus` (`npm run bench:versus`).
import { freshDatabase, load, log, median, QUICK, saveResult, startCalumet, table, type Calumet, type Load, type Target } from './harness.js';
import { startBare } from './bare.js';
import { commentBody, fillThread } from './writes.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? (QUICK ? 2 : 5));
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? (QUICK ? 1 : 3));
const THREAD = Number(process.env['BENCH_THREAD'] ?? (QUICK ? 1_000 : 10_000));
const BEFORE = process.env['BENCH_BEFORE'];

const comment = commentBody;

interface Desk {
  name: string;
  calumet: Calumet;
  drop: () => Promise<void>;
  /** An incident for the writes, one with two comments, one with THREAD comments. */
  writes: string;
  small: string;
  big: string;
}

async function desk(name: string, root: string | undefined): Promise<Desk> {
  const database = await freshDatabase('sqlite');
  const calumet = await startCalumet(database.url, { worker: false, root });
  const incident = async (title: string) => (await calumet.call<{ id: string }>('/api/incidents', { title, severity: 'low' })).id;
  const [writes, small, big] = [await incident('Writes'), await incident('Two comments'), await incident('A long thread')];
  for (const direction of ['inbound', 'outbound'] as const) await calumet.call(`/api/incidents/${small}/comments`, JSON.parse(comment(direction)));
  // The long thread through the API, as people would log it: inbound and outbound in turn.
  const began = performance.now();
  await fillThread(calumet, big, THREAD);
  const thread = await calumet.call<{ items: unknown[]; nextCursor?: string | null }>(`/api/incidents/${big}/comments?limit=1`);
  log(`versus: ${name} seeded a ${THREAD}-message thread in ${Math.round((performance.now() - began) / 1000)} s (${thread.items.length ? 'ok' : 'empty'})`);
  return { name, calumet, drop: database.drop, writes, small, big };
}

/** Alternates rounds of one target on every desk (and the floor, when given); medians of each. */
async function compare(desks: Desk[], target: (desk: Desk) => Target, connections: number, floor?: Target): Promise<{ runs: Record<string, Load>; floor?: Load; ratio?: Record<string, number> }> {
  const runs: Record<string, Load[]> = Object.fromEntries(desks.map((d) => [d.name, []]));
  const floors: Load[] = [];
  for (const d of desks) await load(target(d), connections, 1);
  for (let round = 0; round < ROUNDS; round++) {
    for (const d of desks) runs[d.name]!.push(await load(target(d), connections, SECONDS));
    if (floor) floors.push(await load(floor, connections, SECONDS));
  }
  const of = (loads: Load[]): Load => ({ rps: median(loads.map((l) => l.rps)), p50: median(loads.map((l) => l.p50)), p99: median(loads.map((l) => l.p99)), errors: loads.reduce((sum, l) => sum + l.errors, 0) });
  const result: { runs: Record<string, Load>; floor?: Load; ratio?: Record<string, number> } = { runs: Object.fromEntries(Object.entries(runs).map(([name, loads]) => [name, of(loads)])) };
  if (floor) {
    result.floor = of(floors);
    result.ratio = Object.fromEntries(Object.entries(runs).map(([name, loads]) => [name, Number(median(loads.map((l, i) => l.rps / Math.max(1, floors[i]!.rps))).toFixed(3))]));
  }
  return result;
}

export async function versus(): Promise<string> {
  const bare = await startBare();
  const desks: Desk[] = [];
  try {
    if (BEFORE) desks.push(await desk('before', BEFORE));
    desks.push(await desk('now', undefined));
    const auth = (d: Desk) => ({ authorization: `Bearer ${d.calumet.token}` });
    const post = (direction: 'inbound' | 'outbound') => (d: Desk): Target => ({ url: `${d.calumet.base}/api/incidents/${d.writes}/comments`, method: 'POST', headers: auth(d), body: comment(direction) });
    const get = (path: (d: Desk) => string) => (d: Desk): Target => ({ url: `${d.calumet.base}${path(d)}`, headers: auth(d) });
    const floor: Target = { url: bare.url, method: 'POST', body: comment('inbound') };
    const figures: Array<[string, number, (d: Desk) => Target, Target | undefined]> = [
      ['POST …/comments inbound', 1, post('inbound'), undefined],
      ['POST …/comments inbound', 10, post('inbound'), floor],
      ['POST …/comments outbound', 10, post('outbound'), undefined],
      ['GET /api/incidents/:id, 2 comments', 1, get((d) => `/api/incidents/${d.small}`), undefined],
      ['GET /api/me', 10, get(() => '/api/me'), undefined],
      [`GET /api/incidents/:id, ${THREAD.toLocaleString('en')} comments`, 1, get((d) => `/api/incidents/${d.big}`), undefined],
    ];
    const results: Record<string, unknown> = {};
    const rows: Array<Array<string | number | null>> = [];
    for (const [name, connections, target, floorTarget] of figures) {
      const run = await compare(desks, target, connections, floorTarget);
      results[`${name} c=${connections}`] = run;
      const cells = desks.flatMap((d) => {
        const r = run.runs[d.name]!;
        const each = connections === 1 ? `${(1000 / Math.max(1, r.rps)).toFixed(1)} ms each` : `p50 ${r.p50} ms`;
        return [`${r.rps} req/s, ${each}${r.errors ? `, ${r.errors} errors` : ''}`];
      });
      const ratio = desks.length > 1 ? Number((run.runs['now']!.rps / Math.max(1, run.runs['before']!.rps)).toFixed(2)) : null;
      rows.push([name, connections, ...cells, ratio, run.floor ? `${run.floor.rps} req/s; now ${run.ratio!['now']} of it${BEFORE ? `, before ${run.ratio!['before']}` : ''}` : '']);
      log(`versus ${name} c=${connections}: ${cells.join(' | ')}`);
    }
    const memory = Object.fromEntries(desks.map((d) => [d.name, d.calumet.memory().apiMb]));
    saveResult('versus', { before: BEFORE ?? null, seconds: SECONDS, rounds: ROUNDS, thread: THREAD, results, apiMemoryMb: memory });
    return table(['operation', 'conns', ...desks.map((d) => d.name), ...(desks.length > 1 ? ['now ÷ before (req/s)'] : []), 'floor (bare node:http + sqlite3 insert)'], rows.map((row) => (desks.length > 1 ? row : row.filter((_, i) => i !== 3))));
  } finally {
    for (const d of desks) {
      await d.calumet.stop();
      await d.drop();
    }
    await bare.stop();
  }
}
