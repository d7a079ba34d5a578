import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The baseline: a bare BullMQ worker that does nothing but note how late
 * each delayed job started (now − the due time the job carries). Prints the
 * figures as one JSON line once it has seen BENCH_COUNT jobs.
 */
const count = Number(process.env['BENCH_COUNT']);
const lateness: number[] = [];
const worker = new Worker(
  'bare',
  async (job) => {
    lateness.push(Date.now() - (job.data as { dueAt: number }).dueAt);
    if (lateness.length === count) setImmediate(() => void finish());
  },
  {
    connection: new Redis(process.env['BENCH_REDIS_URL']!, { maxRetriesPerRequest: null }),
    prefix: process.env['BENCH_PREFIX']!,
    concurrency: Number(process.env['BENCH_CONCURRENCY'] ?? 20),
  },
);

async function finish(): Promise<void> {
  process.stdout.write(`${JSON.stringify({ lateness })}\n`);
  await worker.close();
  process.exit(0);
}

void worker.waitUntilReady().then(() => process.stdout.write('ready\n'));
