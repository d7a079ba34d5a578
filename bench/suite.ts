// npm run bench — every benchmark in one suite, each beside its floor in the
// same run. BENCH_ONLY=write,read picks sections; BENCH_QUICK=1 is a short
// smoke run; BENCH_DB=postgres runs Calumet on PostgreSQL; BENCH_SCALE sets
// the comments of the scale section (default 1,000,000, with a tenth as many
// incidents). Its section aims gives the table of issue 21 [7/8] (bench/aims.ts).
// Results: a table on stdout, JSON in bench/results/<name>.json.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, BENCH_DB, freshDatabase, lastJson, load, log, QUICK, reads, runScript, saveResult, startCalumet, table, type Calumet, type Latency, type Load, type Target } from './harness.js';
import { explainReads } from './plans.js';
import { seed } from './seed.js';
import { versus } from './versus.js';
import { compareTrio, startTrio, type Trio } from './writes.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? (QUICK ? 2 : 10));
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? (QUICK ? 1 : 3));
const READ_SECONDS = QUICK ? 1 : 5;
const SCALE = Number(process.env['BENCH_SCALE'] ?? (QUICK ? 100_000 : 1_000_000));
const BIG_THREAD = Math.min(10_000, Math.floor(SCALE / 10));
// `versus` (the issue's table beside an earlier build, BENCH_BEFORE) runs only when asked for.
// `aims` (bench/aims.ts, `npm run bench:aims`): the table of issue 21 [7/8], each aim with its figure and whether it is met.
const SECTIONS = ['write', 'read', 'scale', 'signals', 'import', 'web', 'reminders', 'aims', 'versus'] as const;
type Section = (typeof SECTIONS)[number];
const only = process.env['BENCH_ONLY']?.split(',').map((name) => name.trim()) ?? SECTIONS.filter((name) => name !== 'versus');
for (const name of only) if (!SECTIONS.includes(name as Section)) throw new Error(`BENCH_ONLY: unknown section ${name}; one of ${SECTIONS.join(', ')}`);

const summary: string[] = [];
const memory: Array<[string, number, number | null]> = [];
const report = (title: string, text: string) => {
  summary.push(`\n### ${title}\n\n${text}`);
  process.stdout.write(`\n### ${title}\n\n${text}\n`);
};
const noteMemory = (run: string, calumet: Calumet) => {
  const { apiMb, workerMb } = calumet.memory();
  memory.push([run, apiMb, workerMb]);
  return { apiMb, workerMb };
};

/**
 * `npm run bench:write`: an inbound comment on Calumet beside the plain app
 * and the bare insert at 1, 10 and 50 connections (bench/writes.ts). With
 * BENCH_WRITE_KINDS=all, the other writes too (an outbound comment, a move, a
 * sent notice), each beside the bare insert.
 */
async function writeSection(): Promise<void> {
  const trio = await startTrio();
  try {
    const rows: Array<Array<string | number>> = [];
    const results: Record<string, unknown> = {};
    for (const connections of [1, 10, 50]) {
      const run = await compareTrio(trio, connections, SECONDS, ROUNDS);
      results[`comment (inbound) c=${connections}`] = run;
      const { Calumet, plain, bare } = run.loads;
      const each = (l: Load) => (connections === 1 ? ` (${l.mean} ms each)` : '');
      rows.push([
        connections,
        `${Calumet.rps}${each(Calumet)}`, `${Calumet.p50} / ${Calumet.p99}`,
        `${plain.rps}${each(plain)}`, `${plain.p50} / ${plain.p99}`,
        `${bare.rps}${each(bare)}`, `${bare.p50} / ${bare.p99}`,
        `${run.ratios.plain}×`, `${run.ratios.bare}×`,
        Calumet.errors + plain.errors + bare.errors,
      ]);
      log(`write inbound c=${connections}: Calumet ${Calumet.rps} req/s, plain ${plain.rps}, bare ${bare.rps}; Calumet÷plain ${run.ratios.plain}, Calumet÷bare ${run.ratios.bare}`);
    }
    if (process.env['BENCH_WRITE_KINDS'] === 'all') Object.assign(results, await otherWrites(trio));
    const rss = { ...noteMemory('write', trio.calumet), plainMb: trio.plain.memoryMb() };
    saveResult('write', { seconds: SECONDS, rounds: ROUNDS, order: 'Calumet, plain, bare; rotated each round', plain: 'bench/plain (NestJS + Fastify + TypeORM sqlite3 + class-validator)', bare: 'bench/bare-sqlite-server.ts (node:http + sqlite3)', runs: results, memory: rss });
    report(
      `write: an inbound comment (${BENCH_DB}; medians of ${ROUNDS} × ${SECONDS} s, Calumet, plain app and bare insert alternated, order rotated)`,
      table(['conns', 'Calumet req/s', 'Calumet p50 / p99 ms', 'plain req/s', 'plain p50 / p99 ms', 'bare req/s', 'bare p50 / p99 ms', 'Calumet ÷ plain', 'Calumet ÷ bare', 'errors'], rows),
    );
  } finally {
    await trio.stop();
  }
}

/** The other writes of Calumet (BENCH_WRITE_KINDS=all), each beside the bare insert. */
async function otherWrites(trio: Trio): Promise<Record<string, unknown>> {
  const { calumet, incident } = trio;
  const auth = { authorization: `Bearer ${calumet.token}` };
  const moved: string[] = [];
  for (let i = 0; i < 200; i++) moved.push((await calumet.call<{ id: string }>('/api/incidents', { title: `Moves ${i}`, severity: 'low' })).id);
  let moves = 0;
  const kinds: Record<string, Target> = {
    'comment (outbound)': trio.targets('outbound').Calumet,
    // Each request moves the next incident in turn, between monitoring and heated: two moves of one incident are never in flight together.
    move: {
      url: `${calumet.base}/api/incidents/${moved[0]}/transitions`,
      method: 'POST',
      headers: auth,
      next: () => {
        const n = moves++;
        const to = Math.floor(n / moved.length) % 2 === 0 ? 'monitoring' : 'heated';
        return { path: `/api/incidents/${moved[n % moved.length]}/transitions`, body: JSON.stringify({ to: n < moved.length ? 'monitoring' : to, reason: 'benchmark' }) };
      },
    },
    notice: {
      url: `${calumet.base}/api/incidents/${incident}/legal-notices`,
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'other', direction: 'sent', sentAt: new Date().toISOString(), jurisdiction: 'FR', summary: 'A letter of ours' }),
    },
  };
  const floor = trio.targets('inbound').bare;
  const rows: Array<Array<string | number>> = [];
  const results: Record<string, unknown> = {};
  for (const [kind, target] of Object.entries(kinds)) {
    await load(target, 10, 2);
    for (const connections of [1, 10, 50]) {
      const run = await alternate(() => load(target, connections, SECONDS), () => load(floor, connections, SECONDS), ROUNDS);
      results[`${kind} c=${connections}`] = run;
      rows.push([kind, connections, run.subject.rps, run.subject.p50, run.subject.p99, run.subject.errors, run.floor.rps, run.ratio]);
      log(`write ${kind} c=${connections}: ${run.subject.rps} req/s (bare ${run.floor.rps}), ratio ${run.ratio}`);
    }
  }
  report(`other writes (${BENCH_DB}; medians of ${ROUNDS} × ${SECONDS} s, alternated with the bare insert)`, table(['write', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'bare req/s', 'Calumet ÷ bare'], rows));
  return results;
}

interface ReadIds {
  incident: string;
  ownerId: string;
}

function readPaths(ids: ReadIds): Record<string, string> {
  return {
    'GET /api/me (floor)': '/api/me',
    incident: `/api/incidents/${ids.incident}`,
    thread: `/api/incidents/${ids.incident}/comments`,
    'thread ?awaitingResponse': `/api/incidents/${ids.incident}/comments?awaitingResponse=true`,
    incidents: '/api/incidents',
    'incidents ?state': '/api/incidents?state=heated',
    'incidents ?severity': '/api/incidents?severity=high',
    'incidents ?ownerId': `/api/incidents?ownerId=${ids.ownerId}`,
    'incidents ?q': '/api/incidents?q=incident%204242',
    'legal-notices ?status=open': '/api/legal-notices?status=open',
    'commitments ?status': '/api/commitments?status=pending',
    'reminders ?status': '/api/reminders?status=scheduled',
    search: '/api/search?q=huissier',
    'Today (agenda)': '/api/me/agenda',
  };
}

async function measureReads(calumet: Calumet, paths: Record<string, string>, connections: number[]): Promise<Record<string, Record<number, Latency>>> {
  const results: Record<string, Record<number, Latency>> = {};
  for (const [name, path] of Object.entries(paths)) {
    results[name] = {};
    for (const c of connections) results[name][c] = await reads(`${calumet.base}${path}`, { authorization: `Bearer ${calumet.token}` }, c, READ_SECONDS);
    log(`read ${name}: ${connections.map((c) => `c=${c} p50 ${results[name]![c]!.p50} ms p95 ${results[name]![c]!.p95} ms`).join('; ')}`);
  }
  return results;
}

/** A seeded desk: the bench user (admin) owns one incident in 20 among 19 colleagues. */
async function seededDesk(databaseUrl: string) {
  const token = randomBytes(24).toString('hex');
  const prefix = `calumet-bench-${randomBytes(4).toString('hex')}`;
  let calumet = await startCalumet(databaseUrl, { worker: false, token, prefix });
  const me = await calumet.call<{ id: string }>('/api/me');
  const owners = [me.id];
  for (let i = 0; i < 19; i++) owners.push((await calumet.call<{ user: { id: string } }>('/api/users', { name: `Colleague ${i}`, email: `colleague${i}@bench.example.com`, role: 'community_manager' })).user.id);
  await calumet.stop();
  let offset = 0;
  const grow = async (incidents: number, comments: number, bigThread: number) => {
    await calumet.stop();
    const began = performance.now();
    const big = await seed(databaseUrl, { incidents, comments, bigThread, offset, actorId: me.id, ownerIds: owners }, (done) => {
      if (done % 200_000 < 50_000) log(`seeded ${done} comments`);
    });
    offset += incidents;
    const seconds = Math.round((performance.now() - began) / 1000);
    calumet = await startCalumet(databaseUrl, { token, prefix });
    return { big, seconds };
  };
  return { me, token, prefix, grow, current: () => calumet };
}

async function readSection(): Promise<void> {
  const database = await freshDatabase();
  const desk = await seededDesk(database.url);
  try {
    const { big } = await desk.grow(200, 2_000, 10);
    const calumet = desk.current();
    const results = await measureReads(calumet, readPaths({ incident: big, ownerId: desk.me.id }), [1, 10]);
    const rss = noteMemory('read', calumet);
    saveResult('read', { seconds: READ_SECONDS, rows: { incidents: 200, comments: 2_000 }, results, memory: rss });
    report(
      `read (${BENCH_DB}; 200 incidents, 2,000 comments; ${READ_SECONDS} s each, client-timed)`,
      table(['read', 'c=1 p50', 'c=1 p95', 'c=1 req/s', 'c=10 p50', 'c=10 p95', 'c=10 req/s'], Object.entries(results).map(([name, r]) => [name, r[1]!.p50, r[1]!.p95, r[1]!.rps, r[10]!.p50, r[10]!.p95, r[10]!.rps])),
    );
  } finally {
    await desk.current().stop();
    await database.drop();
  }
}

async function scaleSection(): Promise<void> {
  const database = await freshDatabase();
  const desk = await seededDesk(database.url);
  try {
    const small = { incidents: SCALE / 1000, comments: SCALE / 100 };
    const first = await desk.grow(small.incidents, small.comments, 10);
    log(`scale: ${small.comments} comments seeded in ${first.seconds} s`);
    const before = await measureReads(desk.current(), readPaths({ incident: first.big, ownerId: desk.me.id }), [1, 10]);
    const rest = { incidents: SCALE / 10 - small.incidents, comments: SCALE - small.comments };
    const second = await desk.grow(rest.incidents, rest.comments, BIG_THREAD);
    log(`scale: ${rest.comments} more comments seeded in ${second.seconds} s`);
    const paths = readPaths({ incident: first.big, ownerId: desk.me.id });
    const after = await measureReads(desk.current(), { ...paths, [`incident (${BIG_THREAD}-message thread)`]: `/api/incidents/${second.big}`, [`thread page (${BIG_THREAD}-message thread)`]: `/api/incidents/${second.big}/comments` }, [1, 10]);
    const rss = noteMemory('scale', desk.current());
    const growth = (name: string, c: number) => (before[name] ? Number((after[name]![c]!.p95 / Math.max(0.01, before[name]![c]!.p95)).toFixed(2)) : null);
    await desk.current().stop();
    const plans = await explainReads(database.url, desk.token, desk.prefix, { ...paths, 'incident (big thread)': `/api/incidents/${second.big}` });
    saveResult('scale', { rows: { small, total: { incidents: SCALE / 10, comments: SCALE }, bigThread: BIG_THREAD }, seedSeconds: { small: first.seconds, rest: second.seconds }, before, after, memory: rss, plans });
    report(
      `scale (${BENCH_DB}; p95 ms at ${small.comments.toLocaleString('en')} and at ${SCALE.toLocaleString('en')} comments, ${(SCALE / 10).toLocaleString('en')} incidents; seeded in ${first.seconds + second.seconds} s)`,
      table(
        ['read', 'c=1 small', 'c=1 large', 'growth', 'c=10 small', 'c=10 large', 'growth'],
        Object.keys(after).map((name) => [name, before[name]?.[1]?.p95 ?? null, after[name]![1]!.p95, growth(name, 1), before[name]?.[10]?.p95 ?? null, after[name]![10]!.p95, growth(name, 10)]),
      ),
    );
    report(
      `plans at ${SCALE.toLocaleString('en')} comments (${BENCH_DB})`,
      Object.entries(plans)
        .map(([name, queries]) => `- **${name}**\n${queries.map((q) => `  - \`${q.plan.join(' / ').replace(/`/g, "'")}\``).join('\n')}`)
        .join('\n'),
    );
  } finally {
    await desk.current().stop();
    await database.drop();
  }
}

/** Runs one of the standalone benchmarks (dist/bench/bench/<name>.js) and keeps what it printed. */
async function standalone(name: string, env: Record<string, string>): Promise<void> {
  const out = await runScript(join(here, `${name}.js`), env);
  saveResult(name, lastJson(out) ?? { output: out.trim().split('\n').slice(-3) });
  report(name, `\`\`\`\n${out.trim().split('\n').slice(-8).join('\n')}\n\`\`\``);
}

const databaseEnv = async (): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> => {
  if (BENCH_DB === 'sqlite') return { env: {}, drop: async () => undefined };
  const database = await freshDatabase();
  return { env: { BENCH_DATABASE_URL: database.url }, drop: database.drop };
};

const runners: Record<Section, () => Promise<void>> = {
  write: writeSection,
  read: readSection,
  scale: scaleSection,
  signals: () => standalone('signals', QUICK ? { BENCH_ROUNDS: '3' } : {}),
  import: async () => {
    const database = await databaseEnv();
    try {
      await standalone('import', { ...database.env, ...(QUICK ? { BENCH_COMMENTS: '2000' } : {}) });
    } finally {
      await database.drop();
    }
  },
  web: async () => {
    const database = await databaseEnv();
    try {
      await standalone('web', { ...database.env, ...(QUICK ? { BENCH_MESSAGES: '200', BENCH_REQUESTS: '50' } : {}) });
    } finally {
      await database.drop();
    }
  },
  // Long enough for two passes of the reconciler (every minute): 130 s of firing.
  versus: async () => report(`the table of issue [8/9] (SQLite; ${process.env['BENCH_BEFORE'] ? `before: ${process.env['BENCH_BEFORE']}, ` : ''}medians of alternated rounds)`, await versus()),
  reminders: () => standalone('reminders', QUICK ? { BENCH_PENDING: '5000', BENCH_FIRE: '500' } : { BENCH_FIRE: '13000' }),
  // Its own script, as `npm run bench:aims` runs it (it saves bench/results/aims.json); its table goes in the summary whole.
  aims: async () => {
    const out = await runScript(join(here, 'aims.js'), {});
    const at = out.lastIndexOf('## The aims of issue 21');
    report('the aims of issue 21 [7/8]', at === -1 ? out.trim().split('\n').slice(-12).join('\n') : out.slice(out.indexOf('\n', at) + 1).trim());
  },
};

const failures: string[] = [];
for (const section of SECTIONS.filter((name) => only.includes(name))) {
  log(`— ${section} —`);
  try {
    await runners[section]();
  } catch (error) {
    failures.push(section);
    process.stderr.write(`[bench] ${section} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
if (memory.length) {
  saveResult('memory', memory.map(([run, apiMb, workerMb]) => ({ run, apiMb, workerMb })));
  report('memory (RSS after each run; aim < 250 MB API, < 200 MB worker)', table(['run', 'API MB', 'worker MB'], memory));
}
process.stdout.write(`\n## Summary (${BENCH_DB}${QUICK ? ', quick' : ''})\n${summary.join('\n')}\n`);
if (failures.length) {
  process.stderr.write(`[bench] failed: ${failures.join(', ')}\n`);
  process.exitCode = 1;
}
