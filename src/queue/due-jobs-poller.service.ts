import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { stoppingStep } from '../common/stopping.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { DueJobSources, type DueJob } from './due-jobs.js';
import type { JobHandler, JobName } from './job-catalogue.js';
import { RedisService } from './redis.service.js';
import { RunAgainAt } from './run-again.js';

/** Due jobs one poll takes from each source at most. */
const BATCH = 100;

/**
 * Without Redis, still on time: while Redis is away (never reached, or lost)
 * the worker asks every due-work source what the rows say is due and runs it
 * itself, every FALLBACK_POLL_INTERVAL. Each run is claimed first by a lease
 * row (`job_leases`), so two workers never run one job at once; a lease runs
 * out after LEASE_MS, which is also how long a failed delivery waits for its
 * retry. Once Redis answers again the poll stands aside: the reconcilers
 * re-arm BullMQ's alarms for what is still scheduled.
 */
@Injectable()
export class DueJobsPoller implements BeforeApplicationShutdown {
  static readonly LEASE_MS = 30_000;
  private readonly logger = new Logger(DueJobsPoller.name);
  private readonly holder = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<number>;
  private standingIn = false;
  private handlers = new Map<JobName, JobHandler>();

  constructor(
    private readonly sources: DueJobSources,
    private readonly redis: RedisService,
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
  ) {}

  start(handlers: Map<JobName, JobHandler>): void {
    this.handlers = handlers;
    this.timer = setInterval(() => void this.tick(), this.config.fallbackPollIntervalMs).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await stoppingStep('due jobs: the running poll (no Redis)', Promise.resolve(this.polling));
  }

  private async tick(): Promise<void> {
    if (this.redis.client.status === 'ready') {
      if (this.standingIn) this.logger.log('Redis is back: BullMQ alarms run the due work again');
      this.standingIn = false;
      return;
    }
    if (!this.standingIn) this.logger.warn('Redis is unavailable: running due work from the database');
    this.standingIn = true;
    this.polling ??= this.poll().finally(() => (this.polling = undefined));
    await this.polling;
  }

  /** One pass over every source; answers how many jobs it ran. */
  async poll(now = new Date()): Promise<number> {
    let ran = 0;
    for (const source of this.sources.all()) {
      let due: DueJob[];
      try {
        due = await source.due(now, BATCH);
      } catch (error) {
        this.logger.error(`due work of ${source.name}: ${(error as Error).message}`);
        continue;
      }
      for (const job of due) {
        if (!(await this.claim(job.key, now))) continue;
        const attempt = job.attempt ?? 1;
        try {
          await this.handlers.get(job.item.name)!(job.item.data as never, {
            jobId: `poll-${job.key}`,
            attempt,
            lastAttempt: attempt >= this.config.deliveryAttempts,
          });
          ran += 1;
        } catch (error) {
          if (error instanceof RunAgainAt) this.logger.log(`${job.item.name} ${job.key} runs again later (${error.message}): taken up again once its lease runs out`);
          else this.logger.warn(`${job.item.name} ${job.key} (run ${attempt}) failed; retried once its lease runs out: ${(error as Error).message}`);
        }
      }
    }
    return ran;
  }

  /** Takes the job's lease unless another worker holds a live one; true if this worker now holds it. */
  private claim(key: string, now: Date): Promise<boolean> {
    const postgres = this.config.database.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    return this.transactions.run(async (tx) => {
      await tx.manager.query(
        `INSERT INTO job_leases (job_key, holder, expires_at) VALUES (${p(1)}, ${p(2)}, ${p(3)})
         ON CONFLICT (job_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE job_leases.expires_at < ${p(4)}`,
        [key, this.holder, now.getTime() + DueJobsPoller.LEASE_MS, now.getTime()],
      );
      const [row] = (await tx.manager.query(`SELECT holder FROM job_leases WHERE job_key = ${p(1)}`, [key])) as Array<{ holder: string }>;
      await tx.manager.query(`DELETE FROM job_leases WHERE expires_at < ${p(1)}`, [now.getTime() - 3_600_000]);
      return row?.holder === this.holder;
    });
  }
}
