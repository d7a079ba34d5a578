// npm run bench:web — server-side time of the incident page with a
// 1,000-message thread (Calumet, built, on SQLite): GET /incidents/:id
// signed in, one request at a time after a warm-up; p50/p95/p99 reported.
// The aim: p95 under 50 ms on the project's machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calumetMain, freePort, sessionCookie, untilHealthy } from './harness.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const dir = mkdtempSync(join(tmpdir(), 'calumet-bench-web-'));
const port = await freePort();
const token = randomBytes(24).toString('hex');
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, [calumetMain()], {
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'calumet.sqlite')}`,
    REDIS_PREFIX: `calumet-bench-web-${port}`,
    CALUMET_ADMIN_TOKEN: token,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

const api = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
  const response = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
};

async function main(): Promise<void> {
  await untilHealthy(base);
  const me = (await api('/api/me')) as { id: string };
  const party = (await api('/api/parties', { kind: 'person', name: 'The founder' })) as { id: string };
  const incident = (await api('/api/incidents', { title: 'A long thread', severity: 'low', counterpartId: party.id })) as { id: string };
  const ids: string[] = [];
  const start = Date.now() - MESSAGES * 60_000;
  for (let i = 0; i < MESSAGES; i++) {
    const parentId = i % 3 === 2 ? ids[i - 1] : undefined;
    const comment = (await api(`/api/incidents/${incident.id}/comments`, {
      direction: i % 3 === 2 ? 'outbound' : 'inbound',
      ...(i % 3 === 2 ? {} : { authorName: `Reader ${i % 17}` }),
      parentId,
      postedAt: new Date(start + i * 60_000).toISOString(),
      body: i % 50 === 0 ? 'Un huissier a constaté vos articles, je demande un droit de réponse.' : `Message ${i}: an ordinary comment of a blog thread, a sentence or two long, nothing more.`,
    })) as { id: string };
    ids.push(comment.id);
  }

  const cookie = await sessionCookie(base, api, me.id);

  const times: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const began = performance.now();
    const response = await fetch(`${base}/incidents/${incident.id}`, { headers: { cookie } });
    const text = await response.text();
    if (!response.ok || !text.includes('data-testid="comment"')) throw new Error(`page: ${response.status}`);
    if (i >= WARMUP) times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`incident page, ${MESSAGES} messages, ${REQUESTS} requests: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms (aim: p95 < 50 ms)`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  });
