// npm run bench:comments — requests/s and latency of POST /api/incidents/:id/comments
// (Calumet, built, on SQLite) beside a bare node:http + sqlite3 insert server,
// both measured in the same run with autocannon, 10 connections, alternating
// rounds; medians reported.
import autocannon from 'autocannon';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'calumet-bench-'));
const body = JSON.stringify({ direction: 'inbound', authorName: 'A bystander', body: 'I saw the whole exchange; this is a comment of ordinary length for a blog thread.' });

interface Result { rps: number; p50: number; p99: number; errors: number }

async function measure(url: string, headers: Record<string, string>): Promise<Result> {
  const result = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections: CONNECTIONS, duration: DURATION });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

async function startCalumet(): Promise<{ child: ChildProcess; url: string; token: string }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const token = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, [resolve('dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      // BENCH_DATABASE_URL=postgres://… measures Calumet on PostgreSQL (the floor stays SQLite).
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'calumet.sqlite')}`,
      REDIS_PREFIX: `calumet-bench-${port}`,
      CALUMET_ADMIN_TOKEN: token,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (i > 100) throw new Error('Calumet did not start');
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const incident = (await (await fetch(`${base}/api/incidents`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Benchmark', severity: 'low' }) })).json()) as { id: string };
  return { child, url: `${base}/api/incidents/${incident.id}/comments`, token };
}

async function startBare(): Promise<{ child: ChildProcess; url: string }> {
  const port = 3990 + Math.floor(Math.random() * 9);
  const child = fork(join(here, 'bare-sqlite-server.js'), [join(dir, 'bare.sqlite'), String(port)], { stdio: 'inherit' });
  await once(child, 'message');
  return { child, url: `http://127.0.0.1:${port}/api/incidents/${randomBytes(8).toString('hex')}/comments` };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  const calumet = await startCalumet();
  const bare = await startBare();
  await measure(calumet.url, { authorization: `Bearer ${calumet.token}` }); // warm-up
  await measure(bare.url, {});
  const rounds: Array<{ calumet: Result; bare: Result }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const c = await measure(calumet.url, { authorization: `Bearer ${calumet.token}` });
    const b = await measure(bare.url, {});
    rounds.push({ calumet: c, bare: b });
    console.log(`round ${round}: calumet ${c.rps.toFixed(0)} req/s (p50 ${c.p50} ms, p99 ${c.p99} ms, errors ${c.errors}); bare ${b.rps.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms)`);
  }
  const m = (pick: (r: { calumet: Result; bare: Result }) => number) => median(rounds.map(pick));
  console.log(JSON.stringify({
    connections: CONNECTIONS,
    seconds: DURATION,
    rounds: ROUNDS,
    calumet: { rps: Math.round(m((r) => r.calumet.rps)), p50: m((r) => r.calumet.p50), p99: m((r) => r.calumet.p99) },
    bare: { rps: Math.round(m((r) => r.bare.rps)), p50: m((r) => r.bare.p50), p99: m((r) => r.bare.p99) },
    ratio: Number(median(rounds.map((r) => r.calumet.rps / r.bare.rps)).toFixed(3)),
  }, null, 2));
  calumet.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
} finally {
  setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref();
}
