import 'reflect-metadata';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DataSource, In } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { PinoLogger } from '../src/common/logger.js';
import { loadConfig } from '../src/config/app-config.js';
import { TransactionService } from '../src/database/transaction.service.js';
import { IncidentsService } from '../src/incidents/incidents.service.js';
import { Delivery } from '../src/notifications/delivery.entity.js';
import { Reminder } from '../src/reminders/reminder.entity.js';
import { RemindersService } from '../src/reminders/reminders.service.js';
import { User } from '../src/users/user.entity.js';
import { deleteRedisPrefix } from '../test/helpers/redis-prefix.js';
import { calumetMain } from './harness.js';

/**
 * npm run bench:reminders — not a test. 100,000 reminders wait far in the
 * future while 5,000 fire at 100 per second; lateness is delivery time minus
 * dueAt, for the Calumet worker (its own process, in-app channel) and for a
 * bare BullMQ worker on the same Redis (another prefix), in the same run.
 */
const PENDING = Number(process.env['BENCH_PENDING'] ?? 100_000);
const FIRE = Number(process.env['BENCH_FIRE'] ?? 5_000);
const RATE = Number(process.env['BENCH_RATE'] ?? 100);
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/9';
/** The V8 settings docs/reminders.md recommends for worker processes; BENCH_WORKER_NODE_OPTIONS= (empty) measures V8's defaults. */
const WORKER_NODE_OPTIONS = process.env['BENCH_WORKER_NODE_OPTIONS'] ?? '--max-semi-space-size=2 --max-old-space-size=128';
const LEAD_MS = 15_000;
const FAR = 30 * 24 * 3_600_000;

type Figures = { p50: number; p99: number; max: number; rssPeakMb: number; count: number };

const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function figures(lateness: number[], rssPeakMb: number): Figures {
  const sorted = [...lateness].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1]!, rssPeakMb, count: sorted.length };
}

/** Samples a process's resident memory until stopped; answers the peak in MB. */
function rssSampler(pid: number): () => number {
  let peak = 0;
  const sample = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // the process is gone
    }
  };
  const timer = setInterval(sample, 200);
  sample();
  return () => {
    clearInterval(timer);
    return Math.round(peak);
  };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

function spawnNode(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [script], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function bareBullmq(redis: Redis, prefix: string): Promise<Figures> {
  const connection = redis.duplicate();
  const queue = new Queue('bare', { connection, prefix });
  for (let i = 0; i < PENDING; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, PENDING - i) }, (_, j) => ({ name: 'pending', data: { dueAt: Date.now() + FAR }, opts: { jobId: `pending-${i + j}`, delay: FAR } })),
    );
  }
  log(`bare: ${PENDING} far-future delayed jobs added`);
  const child = spawnNode(resolve('dist/bench/bench/bare-worker.js'), { BENCH_REDIS_URL: REDIS_URL, BENCH_PREFIX: prefix, BENCH_COUNT: String(FIRE) });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  await lines.next();
  const stopRss = rssSampler(child.pid!);
  const t0 = Date.now() + 5_000;
  for (let i = 0; i < FIRE; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, FIRE - i) }, (_, j) => {
        const dueAt = t0 + ((i + j) * 1000) / RATE;
        return { name: 'fire', data: { dueAt }, opts: { delay: dueAt - Date.now(), removeOnComplete: true } };
      }),
    );
  }
  const result = JSON.parse((await lines.next()).value as string) as { lateness: number[] };
  const rss = stopRss();
  await queue.close();
  await connection.quit();
  return figures(result.lateness, rss);
}

async function calumet(prefix: string): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'calumet-bench-'));
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    CALUMET_ADMIN_TOKEN: `bench-admin-${randomBytes(12).toString('hex')}`,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    // The pending reminders armed in Redis, as the bare BullMQ beside it holds its delayed jobs: by default Calumet arms only
    // those due within the hour (ALARM_HORIZON), and these are due in 30 days.
    ALARM_HORIZON: 'P60D',
  };
  const app = await createApp(loadConfig({ ...env, CALUMET_ROLES: 'api' }), PinoLogger.create('warn'));
  const dataSource = app.context.get(DataSource);
  const admin = await dataSource.manager.findOneByOrFail(User, { role: 'admin' });
  const actor = { kind: 'user' as const, id: admin.id, role: admin.role };
  const incidents: string[] = [];
  for (let i = 0; i < 100; i++) incidents.push((await app.context.get(IncidentsService).create(actor, { title: `Bench incident ${i}`, severity: 'medium' })).id);

  let started = Date.now();
  const now = new Date();
  for (let i = 0; i < PENDING; i += 10_000) {
    // Through the unit of work: on SQLite every other write on the shared connection is refused.
    await app.context.get(TransactionService).run(async ({ manager }) => {
      for (let j = i; j < Math.min(PENDING, i + 10_000); j += 500) {
        const rows = Array.from({ length: Math.min(500, PENDING - j) }, (_, k): Reminder => {
          const dueAt = new Date(now.getTime() + FAR + (j + k) * 1000);
          return {
            id: randomUUID(),
            kind: 'follow_up',
            noteFacts: null,
            subjectType: 'incident',
            subjectId: incidents[(j + k) % incidents.length]!,
            incidentId: incidents[(j + k) % incidents.length]!,
            recipientUserId: admin.id,
            dueAt,
            owedBy: dueAt,
            status: 'scheduled',
            sequence: 1,
            version: 1,
            attempts: 0,
            note: 'Far in the future',
            sentAt: null,
            cancelledAt: null,
            cancelReason: null,
            lastError: null,
            createdBy: admin.id,
            createdAt: now,
            updatedAt: now,
          };
        });
        await manager.insert(Reminder, rows);
      }
    });
  }
  log(`calumet: ${PENDING} pending reminders inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const worker = spawnNode(calumetMain(), { ...env, CALUMET_ROLES: 'worker', NODE_OPTIONS: WORKER_NODE_OPTIONS });
  worker.stdout!.resume();
  const redis = new Redis(REDIS_URL);
  started = Date.now();
  await until('the worker to arm the pending reminders', async () => (await redis.zcard(`${prefix}:reminders:delayed`)) >= PENDING, 300_000);
  log(`calumet: the worker's reconciler armed them in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const stopRss = rssSampler(worker.pid!);

  const t0 = Date.now() + LEAD_MS;
  const reminders = app.context.get(RemindersService);
  const transactions = app.context.get(TransactionService);
  const firing: string[] = [];
  for (let i = 0; i < FIRE; i += 50) {
    await transactions.run(async (tx) => {
      for (let j = i; j < Math.min(FIRE, i + 50); j++) {
        const incidentId = incidents[j % incidents.length]!;
        const [reminder] = await reminders.schedule(tx, {
          kind: 'follow_up',
          subject: { type: 'incident', id: incidentId },
          incidentId,
          dueAt: new Date(t0 + (j * 1000) / RATE),
          recipientUserIds: [admin.id],
          note: `Bench reminder ${j}`,
        });
        firing.push(reminder!.id);
      }
    });
  }
  if (Date.now() > t0) log('warning: scheduling ended after the first reminder was due');
  log(`calumet: ${FIRE} reminders scheduled to fire at ${RATE}/s`);
  await until('every reminder to be delivered', async () => (await dataSource.manager.countBy(Delivery, { channel: 'in_app' })) >= FIRE, (FIRE / RATE) * 1000 + LEAD_MS + 120_000);
  const rss = stopRss();

  const fired = await dataSource.manager.find(Reminder, { select: { id: true, dueAt: true }, where: { id: In(firing) } });
  const deliveries = await dataSource.manager.find(Delivery, { select: { reminderId: true, sentAt: true }, where: { channel: 'in_app' } });
  const due = new Map(fired.map((reminder) => [reminder.id, reminder.dueAt.getTime()]));
  const lateness = deliveries.map((delivery) => delivery.sentAt!.getTime() - due.get(delivery.reminderId)!);
  const slices = new Map<number, number[]>();
  for (const delivery of deliveries) {
    const slice = Math.floor((due.get(delivery.reminderId)! - t0) / 10_000);
    slices.set(slice, [...(slices.get(slice) ?? []), delivery.sentAt!.getTime() - due.get(delivery.reminderId)!]);
  }
  log(`calumet: p99 per 10 s of firing: ${[...slices.entries()].sort(([a], [b]) => a - b).map(([, values]) => percentile(values.sort((x, y) => x - y), 0.99)).join(', ')} ms`);

  worker.kill('SIGTERM');
  await new Promise((done) => worker.on('exit', done));
  await app.context.close();
  await redis.quit();
  rmSync(dir, { recursive: true, force: true });
  return figures(lateness, rss);
}

async function main(): Promise<void> {
  const run = randomBytes(3).toString('hex');
  const redis = new Redis(REDIS_URL);
  const prefixes = { bare: `bench-bare-${run}`, calumet: `bench-calumet-${run}` };
  try {
    log(`${PENDING} pending, ${FIRE} firing at ${RATE}/s, Redis ${REDIS_URL}, Calumet worker NODE_OPTIONS '${WORKER_NODE_OPTIONS}'`);
    const bare = await bareBullmq(redis, prefixes.bare);
    log(`bare BullMQ: p50 ${bare.p50} ms, p99 ${bare.p99} ms, max ${bare.max} ms, worker RSS peak ${bare.rssPeakMb} MB`);
    const engine = await calumet(prefixes.calumet);
    log(`calumet:     p50 ${engine.p50} ms, p99 ${engine.p99} ms, max ${engine.max} ms, worker RSS peak ${engine.rssPeakMb} MB`);
    process.stdout.write(
      [
        '',
        `| lateness (delivery − dueAt), ${FIRE} reminders at ${RATE}/s, ${PENDING} pending | p50 | p99 | max | worker RSS peak |`,
        '| --- | --- | --- | --- | --- |',
        `| bare BullMQ worker | ${bare.p50} ms | ${bare.p99} ms | ${bare.max} ms | ${bare.rssPeakMb} MB |`,
        `| Calumet worker (in-app) | ${engine.p50} ms | ${engine.p99} ms | ${engine.max} ms | ${engine.rssPeakMb} MB |`,
        `| ratio | ${(engine.p50 / Math.max(1, bare.p50)).toFixed(2)} | ${(engine.p99 / Math.max(1, bare.p99)).toFixed(2)} | ${(engine.max / Math.max(1, bare.max)).toFixed(2)} | |`,
        '',
        JSON.stringify({ bare, calumet: engine }),
        '',
      ].join('\n'),
    );
  } finally {
    await deleteRedisPrefix(REDIS_URL, prefixes.bare);
    await deleteRedisPrefix(REDIS_URL, prefixes.calumet);
    await redis.quit();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
