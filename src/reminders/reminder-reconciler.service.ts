import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, In, LessThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { DueJobs, type DueJob } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { QueueService } from '../queue/queue.service.js';
import { RedisService } from '../queue/redis.service.js';
import { alarmId, ReminderAlarms } from './reminder-alarms.js';
import { Reminder } from './reminder.entity.js';

const BATCH = 250;
/**
 * How far before a pass's start the next pass looks again: a row written by
 * a transaction that was still open when the pass read (its updatedAt set
 * before its commit) is checked by the next one.
 */
export const RECONCILE_OVERLAP_MS = 5_000;
const ALARM_ID = /^reminder-(.+)-v\d+$/;

type Row = { id: string; version: number | string };

/**
 * Re-arms every scheduled reminder that has no alarm in Redis, or whose
 * alarm failed for good: after Redis was wiped or restarted, after an API
 * write while Redis was away, after a crash between commit and arming. Runs
 * at worker start, on every Redis reconnection and every RECONCILE_INTERVAL;
 * arming twice is harmless (the job id is derived from the reminder and its
 * version).
 *
 * Only reminders due within ALARM_HORIZON have an alarm: those due later
 * are armed by the pass that finds them within it (ReminderAlarms).
 *
 * A pass costs what changed, not what is pending. The first pass of the
 * process, and any pass that finds Redis lost its marker (wiped, or
 * restarted empty), checks every scheduled reminder due within the horizon
 * and then sets the marker; the others check only the reminders written
 * since the previous pass began (an index holds status, updatedAt, id and
 * version), those come within the horizon since then (the index on dueAt),
 * and those whose alarm failed for good. Every write of a reminder sets
 * updatedAt, and an alarm is only ever set after such a write, so one
 * missing since then belongs to a row the pass reads. It reads in small
 * batches, asks Redis about a whole batch in one script, and rests as long
 * as each batch took, so deliveries due meanwhile are not held up (on
 * SQLite they share one connection).
 */
@Injectable()
export class ReminderReconciler {
  private readonly logger = new Logger(ReminderReconciler.name);
  private running?: Promise<{ checked: number; armed: number }>;
  /** Rows written since then are checked by the next pass; unknown until a whole pass succeeded. */
  private since: Date | null = null;
  /** The horizon's end at the last whole pass: reminders due by then were armed (ALARM_HORIZON). */
  private armedUntil: Date | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly alarms: ReminderAlarms,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  /** Without Redis, the worker delivers what is due from these rows itself (see DueJobsPoller). */
  @DueJobs({ name: 'reminders', priority: 50 })
  async dueReminders(now: Date, limit: number): Promise<DueJob[]> {
    const due = await this.dataSource.manager.find(Reminder, {
      select: { id: true, version: true, attempts: true, dueAt: true },
      where: { status: 'scheduled', dueAt: LessThanOrEqual(now) },
      order: { dueAt: 'ASC' },
      take: limit,
    });
    return due.map((reminder) => ({ item: this.alarms.job(reminder).item, key: alarmId(reminder), attempt: reminder.attempts + 1 }));
  }

  /** One pass at a time in this process: a pass asked for while one runs joins it. */
  reconcile(): Promise<{ checked: number; armed: number }> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private get marker(): string {
    return `${this.config.redisPrefix}:reminders:reconciled`;
  }

  private async pass(): Promise<{ checked: number; armed: number }> {
    const started = Date.now();
    const since = this.since && this.armedUntil && (await this.redis.client.exists(this.marker)) ? this.since : null;
    // Armed: what is due within the horizon. Later reminders are armed by a later pass, once they come within it.
    const until = new Date(started + this.config.alarmHorizonMs);
    let { checked, armed } = await this.sweep(until, since ? (qb) => qb.andWhere('r.updatedAt >= :since', { since }) : (qb) => qb);
    if (since) {
      // Come within the horizon since the last pass: due after its horizon, up to this one's.
      const entering = await this.sweep(until, (qb) => qb.andWhere('r.dueAt > :entering', { entering: this.armedUntil }));
      const failed = (await this.failedStillScheduled()).filter((row) => row.dueAt <= until);
      checked += entering.checked + failed.length;
      armed += entering.armed + (await this.armMissing(failed));
    } else {
      await this.redis.client.set(this.marker, new Date(started).toISOString());
    }
    this.since = new Date(started - RECONCILE_OVERLAP_MS);
    this.armedUntil = until;
    if (armed) this.logger.log(`re-armed ${armed} of ${checked} scheduled reminders${since ? ' written since the last pass or come within the horizon' : ''}`);
    return { checked, armed };
  }

  /**
   * Arms the missing alarms of the scheduled reminders due by `until` that
   * `narrow` picks, in batches by id, resting as long as each batch took
   * (deliveries share the database connection, one on SQLite).
   */
  private async sweep(until: Date, narrow: (qb: SelectQueryBuilder<Reminder>) => SelectQueryBuilder<Reminder>): Promise<{ checked: number; armed: number }> {
    let checked = 0;
    let armed = 0;
    let after = '';
    for (;;) {
      const batchStarted = Date.now();
      const qb = this.dataSource
        .getRepository(Reminder)
        .createQueryBuilder('r')
        .select('r.id', 'id')
        .addSelect('r.version', 'version')
        .where('r.status = :status AND r.id > :after AND r.dueAt <= :until', { status: 'scheduled', after, until });
      const batch: Row[] = await narrow(qb).orderBy('r.id', 'ASC').limit(BATCH).getRawMany();
      if (!batch.length) break;
      armed += await this.armMissing(batch);
      checked += batch.length;
      after = batch[batch.length - 1]!.id;
      await sleep(Date.now() - batchStarted);
    }
    return { checked, armed };
  }

  /** Arms those of these rows whose alarm is missing or failed for good; answers how many. */
  private async armMissing(rows: Row[]): Promise<number> {
    if (!rows.length) return 0;
    const unarmed = new Set(await this.queues.unarmed(JobName.DeliverReminder, rows.map((row) => alarmId({ id: row.id, version: Number(row.version) }))));
    const ids = rows.filter((row) => unarmed.has(alarmId({ id: row.id, version: Number(row.version) }))).map((row) => row.id);
    if (!ids.length) return 0;
    const reminders = await this.dataSource.manager.find(Reminder, { select: { id: true, version: true, dueAt: true }, where: { id: In(ids), status: 'scheduled' } });
    await this.queues.addBulk(reminders.map((reminder) => this.alarms.job(reminder)));
    return reminders.length;
  }

  /** Reminders still scheduled whose alarm (at any version) failed for good: a crashed run leaves its row unchanged. */
  private async failedStillScheduled(): Promise<Array<Row & { dueAt: Date }>> {
    const ids = [...new Set((await this.queues.failedIds(JobName.DeliverReminder)).flatMap((jobId) => ALARM_ID.exec(jobId)?.[1] ?? []))];
    if (!ids.length) return [];
    return this.dataSource.manager.find(Reminder, { select: { id: true, version: true, dueAt: true }, where: { id: In(ids), status: 'scheduled' } });
  }
}
