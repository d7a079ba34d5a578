import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { DueJobSources } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { QueueService } from '../queue/queue.service.js';
import { alarmId, ReminderAlarms } from './reminder-alarms.js';
import { Reminder } from './reminder.entity.js';

const BATCH = 250;

/**
 * Re-arms every scheduled reminder that has no alarm in Redis, or whose
 * alarm failed for good: after Redis was wiped or restarted, after an API
 * write while Redis was away, after a crash between commit and arming. Runs
 * at worker start, on every Redis reconnection and every RECONCILE_INTERVAL;
 * arming twice is harmless (the job id is derived from the reminder and its
 * version). It reads ids and versions only (an index holds them), in small
 * batches, resting between them so deliveries due meanwhile are not held up.
 */
@Injectable()
export class ReminderReconciler implements OnModuleInit {
  private readonly logger = new Logger(ReminderReconciler.name);
  private running?: Promise<{ checked: number; armed: number }>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly alarms: ReminderAlarms,
    private readonly dueJobs: DueJobSources,
  ) {}

  /** Without Redis, the worker delivers what is due from these rows itself (see DueJobsPoller). */
  onModuleInit(): void {
    this.dueJobs.register({
      name: 'reminders',
      due: async (now, limit) => {
        const due = await this.dataSource.manager.find(Reminder, {
          select: { id: true, version: true, attempts: true, dueAt: true },
          where: { status: 'scheduled', dueAt: LessThanOrEqual(now) },
          order: { dueAt: 'ASC' },
          take: limit,
        });
        return due.map((reminder) => ({ item: this.alarms.job(reminder).item, key: alarmId(reminder), attempt: reminder.attempts + 1 }));
      },
    });
  }

  /** One pass at a time in this process: a pass asked for while one runs joins it. */
  reconcile(): Promise<{ checked: number; armed: number }> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<{ checked: number; armed: number }> {
    let checked = 0;
    let armed = 0;
    let after = '';
    for (;;) {
      const started = Date.now();
      const batch: Array<{ id: string; version: number | string }> = await this.dataSource
        .getRepository(Reminder)
        .createQueryBuilder('r')
        .select('r.id', 'id')
        .addSelect('r.version', 'version')
        .where('r.status = :status AND r.id > :after', { status: 'scheduled', after })
        .orderBy('r.id', 'ASC')
        .limit(BATCH)
        .getRawMany();
      if (!batch.length) break;
      const unarmed = new Set(await this.queues.unarmed(JobName.DeliverReminder, batch.map((row) => alarmId({ id: row.id, version: Number(row.version) }))));
      const ids = batch.filter((row) => unarmed.has(alarmId({ id: row.id, version: Number(row.version) }))).map((row) => row.id);
      if (ids.length) {
        const reminders = await this.dataSource.manager.find(Reminder, { select: { id: true, version: true, dueAt: true }, where: { id: In(ids), status: 'scheduled' } });
        await this.queues.addBulk(reminders.map((reminder) => this.alarms.job(reminder)));
        armed += reminders.length;
      }
      checked += batch.length;
      after = batch[batch.length - 1]!.id;
      // Rest as long as the batch took: deliveries share the database connection (one, on SQLite).
      await sleep(Date.now() - started);
    }
    if (armed) this.logger.log(`re-armed ${armed} of ${checked} scheduled reminders`);
    return { checked, armed };
  }
}
