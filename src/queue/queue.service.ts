import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { RunAgainAt } from './run-again.js';
import { stoppingStep } from '../common/stopping.js';
import { AppConfig } from '../config/app-config.js';
import { JOB_QUEUE, QueueName, type JobItem, type JobName, type JobRun } from './job-catalogue.js';
import { RedisService } from './redis.service.js';

export interface AddOptions {
  /** Derived from the subject so adding twice is a no-op; BullMQ ids may not hold `:`. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  /** First retry delay; each further retry doubles it. */
  backoffMs?: number;
}

export type Processor = (name: JobName, data: unknown, run: JobRun) => Promise<unknown>;

export class RedisUnavailableError extends Error {
  constructor() {
    super('Redis is unavailable');
  }
}

/** KEYS: the failed set, then each job's hash; ARGV: the job ids. Answers [missing ids, failed ids]. */
const UNARMED_SCRIPT = `
local missing, failed = {}, {}
for i, id in ipairs(ARGV) do
  if redis.call('EXISTS', KEYS[i + 1]) == 0 then missing[#missing + 1] = id
  elseif redis.call('ZSCORE', KEYS[1], id) then failed[#failed + 1] = id end
end
return { missing, failed }`;

/** Failed jobs kept for the dashboard: enough to investigate, bounded in memory. */
const KEEP_FAILED = { count: 1000, age: 7 * 24 * 3600 };

/** How often a closing worker with no job running is looked at; a close still waiting then is left behind (closed()). */
const WORKER_CLOSE_GRACE_MS = 2_000;

/** Jobs added one by one rather than through addBulk's pipeline (QueueService.addBulk). */
const FEW_JOBS = 32;

/**
 * The queue driver (BullMQ on Redis, under `config.redisPrefix`): producers
 * add, remove and schedule jobs, the worker role consumes them. Producers fail
 * fast while Redis is away: the database row stays the truth and the
 * reconciler arms what could not be armed.
 */
@Injectable()
export class QueueService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues = new Map<QueueName, Queue>();
  /** Each consuming worker, with the jobs it runs now (id → name), named at a stop that outlasts its deadline. */
  private readonly workers: Array<{ worker: Worker; running: Map<string, string> }> = [];

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {}

  async add(item: JobItem, options: AddOptions = {}): Promise<void> {
    await this.addBulk([{ item, options }]);
  }

  async addBulk(jobs: Array<{ item: JobItem; options?: AddOptions }>): Promise<void> {
    if (!jobs.length) return;
    await this.assertReady();
    const byQueue = new Map<QueueName, Parameters<Queue['addBulk']>[0]>();
    for (const { item, options = {} } of jobs) {
      const name = JOB_QUEUE[item.name];
      byQueue.set(name, [
        ...(byQueue.get(name) ?? []),
        {
          name: item.name,
          data: item.data,
          opts: {
            jobId: options.jobId,
            delay: Math.max(0, Math.round(options.delayMs ?? 0)),
            attempts: options.attempts ?? 1,
            ...(options.backoffMs ? { backoff: { type: 'exponential', delay: options.backoffMs } } : {}),
            removeOnComplete: true,
            removeOnFail: KEEP_FAILED,
          },
        },
      ]);
    }
    // A few jobs are added one by one, sent together: BullMQ's addBulk builds an ioredis pipeline, which copies every script of the
    // connection each time (about 0.5 ms); many (the reconciler's thousands) go through it.
    for (const [name, batch] of byQueue) {
      const queue = this.queue(name);
      if (batch.length <= FEW_JOBS) await Promise.all(batch.map((job) => queue.add(job.name, job.data, job.opts)));
      else await queue.addBulk(batch);
    }
  }

  /** Removes a waiting or delayed job; a running or missing one is left alone. */
  async remove(name: JobName, jobId: string): Promise<void> {
    await this.assertReady();
    await this.queue(JOB_QUEUE[name]).remove(jobId);
  }

  /**
   * The ids, among those given, whose job is missing or has failed for good
   * in the queue of `name`; failed ones are removed, so they can be added
   * again. One round trip per call (a script), whatever the number of ids.
   */
  async unarmed(name: JobName, jobIds: string[]): Promise<string[]> {
    if (!jobIds.length) return [];
    await this.assertReady();
    const queue = this.queue(JOB_QUEUE[name]);
    const keys = [queue.toKey('failed'), ...jobIds.map((id) => queue.toKey(id))];
    const [missing, failed] = (await this.redis.client.eval(UNARMED_SCRIPT, keys.length, ...keys, ...jobIds)) as [string[], string[]];
    for (const id of failed) await queue.remove(id);
    return [...missing, ...failed];
  }

  /** The ids of the jobs that failed for good in the queue of `name` (at most the KEEP_FAILED last). */
  async failedIds(name: JobName): Promise<string[]> {
    await this.assertReady();
    return this.redis.client.zrange(this.queue(JOB_QUEUE[name]).toKey('failed'), 0, -1);
  }

  /** Creates or updates a job scheduler: the job runs every `everyMs`, once across all workers. */
  async addScheduler(schedulerId: string, everyMs: number, item: JobItem): Promise<void> {
    await this.assertReady();
    await this.queue(JOB_QUEUE[item.name]).upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      { name: item.name, data: item.data, opts: { removeOnComplete: true, removeOnFail: KEEP_FAILED } },
    );
  }

  /** Starts consuming a queue on a connection of its own; closed on shutdown after its running jobs finish. */
  work(name: QueueName, processor: Processor, concurrency: number): Worker {
    const running = new Map<string, string>();
    const worker = new Worker(
      name,
      async (job: Job, token?: string) => {
        const attempts = job.opts.attempts ?? 1;
        running.set(job.id!, job.name);
        try {
          return await processor(job.name as JobName, job.data, { jobId: job.id!, attempt: job.attemptsMade + 1, lastAttempt: job.attemptsMade + 1 >= attempts });
        } catch (error) {
          // Not done, nor failed: the same job again at that time (BullMQ's manual delay), no attempt counted.
          if (!(error instanceof RunAgainAt)) throw error;
          await job.moveToDelayed(error.at.getTime(), token);
          throw new DelayedError(error.message);
        } finally {
          running.delete(job.id!);
        }
      },
      { connection: this.redis.connect(`worker-${name}`), prefix: this.config.redisPrefix, concurrency, lockDuration: this.config.jobLockMs, stalledInterval: this.config.jobLockMs },
    );
    worker.on('error', (error) => this.logger.warn(`worker ${name}: ${error.message}`));
    worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
    this.workers.push({ worker, running });
    return worker;
  }

  /** The queues, for the dashboard and the tests. */
  all(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  /** Stop taking jobs and let the running ones finish, before connections and the database close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.workers.splice(0).map(({ worker, running }) =>
        stoppingStep(() => `queue ${worker.name}: ${running.size ? `jobs running (${[...running].map(([id, job]) => `${job} ${id}`).join(', ')})` : 'closing'}`, this.closed(worker, running)),
      ),
    );
  }

  /**
   * A worker closed once its running jobs are done. BullMQ's close then waits for its blocking connection's end,
   * which a connection waiting to reconnect to an unreachable Redis never emits (taskforcesh/bullmq#4656): a stop
   * during an outage would wait until the shutdown deadline and exit with 1. So once no job of its runs, the close
   * has WORKER_CLOSE_GRACE_MS; still waiting then, it is left behind (that connection's retries were cancelled by the
   * close, and RedisService ends the worker's own connection next).
   */
  private async closed(worker: Worker, running: Map<string, string>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<'left'>((resolve) => {
      const look = () => (timer = setTimeout(() => (running.size === 0 ? resolve('left') : look()), WORKER_CLOSE_GRACE_MS));
      look();
    });
    try {
      if ((await Promise.race([worker.close(), idle])) === 'left') this.logger.warn(`worker ${worker.name}: stopped without waiting for its connection to Redis, which does not answer`);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis.client, prefix: this.config.redisPrefix });
      let reported = false;
      queue.on('error', (error) => {
        if (!reported) this.logger.warn(`queue ${name}: ${error.message}`);
        reported = true;
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async assertReady(): Promise<void> {
    if (!(await this.redis.whenReady())) throw new RedisUnavailableError();
  }
}
