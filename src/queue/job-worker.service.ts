import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Hooks } from '../common/hooks.js';
import { AppConfig } from '../config/app-config.js';
import { JOB_QUEUE, JOB_SCHEDULES, QUEUE_CONCURRENCY, type JobHandler, type JobName } from './job-catalogue.js';
import { handlerTable, type FoundHandler } from './job-handlers.js';
import { DueJobsPoller } from './due-jobs-poller.service.js';
import { OnJob } from './on-job.decorator.js';
import { QueueService } from './queue.service.js';
import { RedisService } from './redis.service.js';

/**
 * The worker role: finds the @OnJob handlers (boot fails when a job has none
 * or two), consumes every queue of the catalogue, and keeps the job
 * schedulers in place. Each time Redis (re)connects it asserts the
 * schedulers and runs every scheduled job once (the reconciler re-arms what a
 * wiped Redis lost); between times it re-asserts them every interval, so even
 * a flush without a reconnect is repaired.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private timer?: NodeJS.Timeout;
  private readonly onReady = () => void this.assertSchedules(true);

  constructor(
    private readonly hooks: Hooks,
    private readonly queues: QueueService,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    private readonly poller: DueJobsPoller,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = handlerTable(this.discover());
    for (const queue of new Set(Object.values(JOB_QUEUE))) {
      this.queues.work(
        queue,
        (name, data, run) => {
          const handler = handlers.get(name);
          if (!handler) throw new Error(`job ${name} is not in this version's catalogue`);
          return handler(data as never, run);
        },
        QUEUE_CONCURRENCY[queue] ?? this.config.workerConcurrency,
      );
    }
    this.poller.start(handlers);
    this.redis.client.on('ready', this.onReady);
    if (this.redis.client.status === 'ready') this.onReady();
    const every = Math.min(...JOB_SCHEDULES.map((schedule) => schedule.everyMs(this.config)));
    this.timer = setInterval(() => void this.assertSchedules(false), every).unref();
    this.logger.log(`worker started: ${handlers.size} jobs, concurrency ${this.config.workerConcurrency}`);
  }

  beforeApplicationShutdown(signal?: string): void {
    clearInterval(this.timer);
    this.redis.client.off('ready', this.onReady);
    this.logger.log(`worker stopping${signal ? ` on ${signal}` : ''}: finishing the running jobs`);
  }

  private async assertSchedules(runNow: boolean): Promise<void> {
    try {
      for (const schedule of JOB_SCHEDULES) {
        await this.queues.addScheduler(schedule.id, schedule.everyMs(this.config), schedule.job);
        if (runNow) await this.queues.add(schedule.job);
      }
    } catch (error) {
      this.logger.warn(`could not assert the job schedulers: ${(error as Error).message}`);
    }
  }

  private discover(): FoundHandler[] {
    return this.hooks.methods<JobName>(OnJob).map(({ value, where, call }) => ({
      name: value,
      where,
      handler: ((data, run) => call(data, run)) as JobHandler,
    }));
  }
}
