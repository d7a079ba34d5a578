import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/transaction.service.js';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { QueueService, type AddOptions } from '../queue/queue.service.js';
import type { Reminder } from './reminder.entity.js';

type Armed = Pick<Reminder, 'id' | 'version' | 'dueAt'>;

/** The job id of a reminder at a version: a new version (snooze, moved deadline) makes a new alarm and strands the old one. */
export const alarmId = (reminder: Pick<Reminder, 'id' | 'version'>): string => `reminder-${reminder.id}-v${reminder.version}`;

/**
 * A reminder's alarm clock: one delayed DeliverReminder job, carrying ids
 * only, set once the transaction that scheduled the reminder has committed,
 * if the reminder is due within ALARM_HORIZON; one due later is armed by the
 * reconciler once it comes within the horizon (Redis holds the next hour's
 * alarms, the rows all of them, and a message logged costs no Redis write
 * nor a worker woken for a reply owed in three days). Setting it may fail
 * (Redis away): that is logged, and the reconciler sets it once Redis is back.
 */
@Injectable()
export class ReminderAlarms {
  private readonly logger = new Logger(ReminderAlarms.name);
  private readonly pending: Armed[] = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  armAfterCommit(tx: Tx, reminders: Armed[]): void {
    const soon = reminders.filter((reminder) => this.withinHorizon(reminder));
    if (soon.length) tx.afterCommit(() => this.arm(soon));
  }

  /** Due within ALARM_HORIZON from now (or at `now`): armed when written; later ones wait for the reconciler. */
  withinHorizon(reminder: Pick<Reminder, 'dueAt'>, now = Date.now()): boolean {
    return reminder.dueAt.getTime() <= now + this.config.alarmHorizonMs;
  }

  /** Removes the stranded alarms of older versions once committed; one that already runs finds its row changed and does nothing. */
  disarmAfterCommit(tx: Tx, reminders: Array<Pick<Reminder, 'id' | 'version'>>): void {
    if (reminders.length) tx.afterCommit(() => this.disarm(reminders));
  }

  /**
   * Arms these reminders with those armed in the same tick (the units of
   * work that committed together, on SQLite): one Redis round trip for all.
   */
  arm(reminders: Armed[]): Promise<void> {
    this.pending.push(...reminders);
    this.flushing ??= Promise.resolve().then(() => this.flush());
    return this.flushing;
  }

  private async flush(): Promise<void> {
    this.flushing = undefined;
    const reminders = this.pending.splice(0);
    try {
      await this.queues.addBulk(reminders.map((reminder) => this.job(reminder)));
    } catch (error) {
      this.logger.warn(`${reminders.length} reminder(s) not armed (${(error as Error).message}); the reconciler will arm them`);
    }
  }

  job(reminder: Armed): { item: JobOf<JobName.DeliverReminder>; options: AddOptions } {
    return {
      item: { name: JobName.DeliverReminder, data: { reminderId: reminder.id, version: reminder.version } },
      options: {
        jobId: alarmId(reminder),
        delayMs: reminder.dueAt.getTime() - Date.now(),
        attempts: this.config.deliveryAttempts,
        backoffMs: this.config.deliveryBackoffMs,
      },
    };
  }

  private async disarm(reminders: Array<Pick<Reminder, 'id' | 'version'>>): Promise<void> {
    for (const reminder of reminders) {
      await this.queues.remove(JobName.DeliverReminder, alarmId(reminder)).catch(() => undefined);
    }
  }
}
