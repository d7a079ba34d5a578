// Shared parts of the benchmark suite (bench/suite.ts): a fresh database,
// Calumet built from dist as separate API and worker processes, autocannon
// rounds alternated with a floor, medians, resident memory, results on disk.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { deleteRedisPrefix } from '../test/helpers/redis-prefix.js';
import { lastJson, median, roundOrder } from './judge.js';

export type BenchDb = 'sqlite' | 'postgres';
export const BENCH_DB: BenchDb = process.env['BENCH_DB'] === 'postgres' ? 'postgres' : 'sqlite';
export const QUICK = process.env['BENCH_QUICK'] === '1';
export const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/9';
const POSTGRES_ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

export { lastJson, median };

/** The nearest-rank percentile of already sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Resident memory of a process now, in MB (Linux). */
/** Waits for /health to answer 200 (two minutes at most); `failed` names why to stop waiting early. */
export async function untilHealthy(base: string, failed: () => string | null = () => null): Promise<void> {
  for (let i = 0; ; i++) {
    const reason = failed();
    if (reason) throw new Error(reason);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      if (i > 600) throw new Error('Calumet did not start');
    }
    await sleep(200);
  }
}

export function rssMb(pid: number): number {
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
}

/** A database of its own: a new SQLite file, or `calumet_bench_<random>` on PostgreSQL, dropped by `drop`. */
export async function freshDatabase(db: BenchDb = BENCH_DB): Promise<{ url: string; drop: () => Promise<void> }> {
  if (db === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'calumet-bench-'));
    return { url: `sqlite:${join(dir, 'calumet.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `calumet_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface Calumet {
  base: string;
  token: string;
  api: ChildProcess;
  worker: ChildProcess | null;
  /** Resident memory of the API and the worker processes now, in MB. */
  memory: () => { apiMb: number; workerMb: number | null };
  /** Signed-in JSON call to the API; throws on an answer that is not 2xx. */
  call: <T = Record<string, unknown>>(path: string, body?: unknown, method?: string) => Promise<T>;
  stop: () => Promise<void>;
}

/** A TCP port free on 127.0.0.1 now, chosen by the system (a fixed range met NATS on 4222 and PostgreSQL on 5432). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/**
 * The file a Calumet process starts from in a checkout's build: the bundle `npm start` runs (dist/bundle/main.js), so
 * what is measured is what is deployed; dist/main.js in a checkout built before the bundle (bench/versus.ts).
 */
export function calumetMain(root = '.'): string {
  const bundled = resolve(root, 'dist/bundle/main.js');
  return existsSync(bundled) ? bundled : resolve(root, 'dist/main.js');
}

/**
 * Calumet built from dist on the given database: an API process and, unless
 * `worker` is false, a worker process, on a Redis prefix of their own
 * (deleted by `stop`), without rate limit. `root` is the checkout whose
 * build runs (this one by default; bench/versus.ts runs an earlier one).
 */
export async function startCalumet(databaseUrl: string, options: { worker?: boolean; token?: string; prefix?: string; root?: string } = {}): Promise<Calumet> {
  const cwd = resolve(options.root ?? '.');
  const main = calumetMain(cwd);
  const port = await freePort();
  const token = options.token ?? randomBytes(24).toString('hex');
  const prefix = options.prefix ?? `calumet-bench-${randomBytes(4).toString('hex')}`;
  const env = {
    PATH: process.env['PATH'] ?? '',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    CALUMET_ADMIN_TOKEN: token,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    EVIDENCE_DIR: join(tmpdir(), `calumet-bench-evidence-${port}`),
    // BENCH_ENV='IMPORT_BATCH_MS=200 LOG_LEVEL=info': settings given to Calumet's processes as well.
    ...Object.fromEntries((process.env['BENCH_ENV'] ?? '').split(/\s+/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])),
  };
  // BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof': Node's flags for Calumet's API (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
  const api = spawn(process.execPath, [...nodeArgs, main], { env: { ...env, PORT: String(port), CALUMET_ROLES: 'api' }, cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(base, () => (api.exitCode !== null ? `Calumet's API exited with ${api.exitCode}` : null));
  // Started once the API has run the migrations, so the two do not race on a fresh database.
  const worker = options.worker === false ? null : spawn(process.execPath, [main], { env: { ...env, PORT: String(await freePort()), CALUMET_ROLES: 'worker' }, cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  const call = async <T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    base,
    token,
    api,
    worker,
    memory: () => ({ apiMb: rssMb(api.pid!), workerMb: worker ? rssMb(worker.pid!) : null }),
    call,
    stop: async () => {
      await stopChild(api);
      if (worker) await stopChild(worker);
      rmSync(env.EVIDENCE_DIR, { recursive: true, force: true });
      await deleteRedisPrefix(REDIS_URL, prefix);
    },
  };
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Mean latency, ms (autocannon's average, to the hundredth). */
  mean?: number;
  errors: number;
}

export interface Target {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Builds each request's body (and path) in turn, for writes that must differ. */
  next?: () => { path?: string; body: string };
}

/** One autocannon run; latencies in ms (autocannon's histogram has 1 ms resolution above 1 ms). */
export async function load(target: Target, connections: number, seconds: number): Promise<Load> {
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
    connections,
    duration: seconds,
    ...(target.next ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...target.next!() }) }] } : {}),
  });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, mean: Number(result.latency.average.toFixed(2)), errors: result.non2xx + result.errors };
}

/** Medians of each figure over rounds; errors summed. */
export function medianLoad(loads: Load[]): Load {
  return {
    rps: median(loads.map((l) => l.rps)),
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    mean: median(loads.map((l) => l.mean ?? Number.NaN)),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
  };
}

/**
 * Rounds of several targets alternated, the order rotated each round
 * (A,B,C then B,C,A then C,A,B…), after a warm-up run of each; medians of
 * each target's figures, and for each pair (first ÷ each other) the median of
 * the rounds' ratios of req/s.
 */
export async function alternateMany(runs: Record<string, () => Promise<Load>>, rounds: number, warmUp: Record<string, () => Promise<unknown>> = runs): Promise<{ loads: Record<string, Load>; rounds: Array<Record<string, Load>>; ratios: Record<string, number> }> {
  const names = Object.keys(runs);
  for (const name of names) await warmUp[name]!();
  const each: Array<Record<string, Load>> = [];
  for (let round = 0; round < rounds; round++) {
    const got: Record<string, Load> = {};
    for (const name of roundOrder(names, round)) got[name] = await runs[name]!();
    each.push(got);
  }
  const loads = Object.fromEntries(names.map((name) => [name, medianLoad(each.map((got) => got[name]!))]));
  const [first, ...others] = names;
  const ratios = Object.fromEntries(others.map((other) => [`${first}/${other}`, Number(median(each.map((got) => got[first!]!.rps / Math.max(1, got[other]!.rps))).toFixed(3))]));
  return { loads, rounds: each, ratios };
}

/** Rounds of the subject and its floor, alternated so both see the same machine; medians of each figure and of the ratio of req/s. */
export async function alternate(subject: () => Promise<Load>, floor: () => Promise<Load>, rounds: number): Promise<{ subject: Load; floor: Load; ratio: number }> {
  await subject();
  await floor();
  const runs: Array<{ subject: Load; floor: Load }> = [];
  for (let i = 0; i < rounds; i++) runs.push({ subject: await subject(), floor: await floor() });
  const of = (pick: (run: { subject: Load; floor: Load }) => Load): Load => ({
    rps: median(runs.map((run) => pick(run).rps)),
    p50: median(runs.map((run) => pick(run).p50)),
    p99: median(runs.map((run) => pick(run).p99)),
    errors: runs.reduce((sum, run) => sum + pick(run).errors, 0),
  });
  return { subject: of((run) => run.subject), floor: of((run) => run.floor), ratio: Number(median(runs.map((run) => run.subject.rps / Math.max(1, run.floor.rps))).toFixed(3)) };
}

export interface Latency {
  rps: number;
  p50: number;
  p95: number;
}

/**
 * GETs of one URL from `connections` loops at once for `seconds`, timed by
 * the client to a hundredth of a millisecond (autocannon's histogram has no
 * p95 and counts whole milliseconds); a warm-up of a second first.
 */
export async function reads(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<Latency> {
  const run = async (ms: number) => {
    const times: number[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const began = performance.now();
          const response = await fetch(url, { headers });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
          times.push(performance.now() - began);
        }
      }),
    );
    return times;
  };
  await run(1000);
  const times = (await run(seconds * 1000)).sort((a, b) => a - b);
  return { rps: Math.round(times.length / seconds), p50: Number(percentile(times, 0.5).toFixed(2)), p95: Number(percentile(times, 0.95).toFixed(2)) };
}

/** Writes bench/results/<name>.json. */
export function saveResult(name: string, result: unknown): void {
  mkdirSync(resolve('bench/results'), { recursive: true });
  writeFileSync(resolve(`bench/results/${name}.json`), `${JSON.stringify({ name, db: BENCH_DB, quick: QUICK, at: new Date().toISOString(), machine: machine(), result }, null, 2)}\n`);
}

function machine(): string {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/gm) ?? [];
  return `${cpus.length} × ${cpus[0]?.split(':')[1]?.trim() ?? 'cpu'}, node ${process.version}`;
}

/** A Markdown table. */
export function table(header: string[], rows: Array<Array<string | number | null>>): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map((cell) => cell ?? '').join(' | ')} |`)].join('\n');
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const cookieOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');

/**
 * A session cookie of the web desk for `userId` (the bench user): an invite
 * made through the API, accepted with a password in the browser's way (CSRF
 * token of the form, its cookie).
 */
export async function sessionCookie(base: string, call: (path: string, body?: unknown) => Promise<unknown>, userId: string): Promise<string> {
  const invite = (await call(`/api/users/${userId}/invite`, {})) as { url: string };
  const path = new URL(invite.url).pathname;
  const form = await fetch(`${base}${path}`);
  const password = 'benchmark password';
  const accepted = await fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieOf(form), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await form.text()), password, confirm: password }),
  });
  return cookieOf(accepted);
}

/** Runs a built standalone benchmark (a .js file) with more environment; answers what it printed (also echoed). */
export async function runScript(file: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    process.stdout.write(chunk);
  });
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`${file} exited with ${code}`);
  return out;
}
