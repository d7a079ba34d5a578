import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import type { Channel, DeliveryStatus } from '../notifications/delivery-status.js';
import type { ExternalChannel, Message } from '../notifications/message.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { JobOf, JobName, JobRun } from '../queue/job-catalogue.js';
import { RunAgainAt } from '../queue/run-again.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { lockIncidents } from './incident-lock.js';
import { composeReminder } from './reminder-message.js';
import { recipientLocale } from '../users/user-locale.js';
import { UsersService } from '../users/users.service.js';
import { Reminder } from './reminder.entity.js';
import { facts, RemindersService } from './reminders.service.js';
import { ReminderPolicies } from './reminder-policy.js';

export type DeliveryResult = 'skipped' | 'cancelled' | 'sent' | 'retrying' | 'failed';
/** After a claim goes stale, this much more before looking again: the clocks of the run that claimed and of this one. */
const STALE_MARGIN_MS = 1_000;
type Deliveries = Partial<Record<Channel, DeliveryStatus>>;
type Prepared = { reminder: Reminder; message: Message; external: ExternalChannel[] };

/**
 * What a DeliverReminder job does when its alarm rings. It reloads the row
 * and skips what is sent, cancelled or rescheduled (a newer version); a
 * reminder no longer owed is cancelled instead. In-app goes in the same
 * transaction as the checks; mail and webhook follow, each at most once per
 * idempotency key; a failing channel leaves the others alone and throws for
 * a retry, and after the last attempt the reminder is `failed`.
 */
@Injectable()
export class ReminderDelivery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly notifications: NotificationsService,
    private readonly reminders: RemindersService,
    private readonly policies: ReminderPolicies,
    private readonly incidents: IncidentsService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async deliver(job: JobOf<JobName.DeliverReminder>['data'], run: JobRun): Promise<DeliveryResult> {
    const found = await this.dataSource.manager.findOne(Reminder, { select: { incidentId: true }, where: { id: job.reminderId, status: 'scheduled', version: job.version } });
    if (!found) return 'skipped';
    const prepared = await this.transactions.run((tx) => this.deliverInApp(tx, found.incidentId, job, run));
    if (typeof prepared === 'string') return prepared;

    const { reminder, message, external } = prepared;
    const ref = { reminderId: reminder.id, sequence: reminder.sequence };
    const outcomes = await this.notifications.deliver(external, message, ref);
    // Another run of this reminder is sending on some channel: it finishes the reminder. Were it dead (a worker
    // killed mid-send), its claim goes stale after DELIVERY_STALE_AFTER: this alarm rings again then, and settles that
    // channel as unknown (it may have gone out). Done with, the alarm would leave the reminder scheduled with nothing
    // to ring it: the reconciler re-arms only what was written since its last pass.
    if (outcomes.some((outcome) => outcome.status === 'in_flight')) {
      throw new RunAgainAt(new Date(Date.now() + this.config.deliveryStaleAfterMs + STALE_MARGIN_MS), `reminder ${job.reminderId}: another run is sending it`);
    }
    const deliveries: Deliveries = { in_app: 'sent', ...Object.fromEntries(external.map((channel, i) => [channel.name, outcomes[i]!.status as DeliveryStatus])) };
    const errors = outcomes.flatMap((outcome) => (outcome.status === 'failed' ? [outcome.error] : []));

    const result = await this.transactions.run(async (tx): Promise<DeliveryResult> => {
      const latest = await this.current(tx, found.incidentId, job);
      if (!latest) return 'skipped';
      if (!errors.length) return (await this.finish(tx, latest, run, deliveries)) ? 'sent' : 'skipped';
      if (run.lastAttempt) return (await this.fail(tx, latest, run, errors.join('; '), deliveries)) ? 'failed' : 'skipped';
      await tx.manager.update(Reminder, { id: latest.id }, { attempts: run.attempt, lastError: errors.join('; '), updatedAt: new Date() });
      return 'retrying';
    });
    if (result === 'retrying' || result === 'failed') throw new Error(errors.join('; '));
    return result;
  }

  /** Checks the reminder is still owed, delivers it in-app, and finishes it when no other channel is configured. */
  private async deliverInApp(tx: Tx, incidentId: string, job: JobOf<JobName.DeliverReminder>['data'], run: JobRun): Promise<Prepared | DeliveryResult> {
    const reminder = await this.current(tx, incidentId, job);
    if (!reminder) return 'skipped';
    const [incident, recipient] = await Promise.all([
      this.incidents.find(tx.manager, reminder.incidentId),
      this.users.findActive(reminder.recipientUserId, tx.manager),
    ]);
    const obsolete = (await this.policies.of(reminder.kind).obsolete(tx.manager, reminder)) ?? (recipient ? null : 'recipient is no longer active');
    if (obsolete) {
      await this.reminders.cancel(tx, [reminder], obsolete, SYSTEM);
      return 'cancelled';
    }
    const message = composeReminder({
      reminder,
      incident,
      recipient: recipient!,
      publicUrl: this.config.publicUrl,
      timeZone: this.config.timeZone,
      responseReminders: this.config.responseReminders,
      sentAt: new Date(),
      locale: recipientLocale(recipient!, this.config.language),
    });
    await this.notifications.deliverInApp(tx, message, { reminderId: reminder.id, sequence: reminder.sequence });
    const external = this.notifications.externalChannels();
    if (external.length) return { reminder, message, external };
    return (await this.finish(tx, reminder, run, { in_app: 'sent' })) ? 'sent' : 'skipped';
  }

  /** Marks the reminder sent (once: only the run that moves it from scheduled writes the event) and continues its chain. */
  private async finish(tx: Tx, reminder: Reminder, run: JobRun, deliveries: Deliveries): Promise<boolean> {
    const now = new Date();
    const result = await tx.manager.update(
      Reminder,
      { id: reminder.id, status: 'scheduled', version: reminder.version },
      { status: 'sent', sentAt: now, attempts: run.attempt, lastError: null, updatedAt: now },
    );
    if (result.affected !== 1) return false;
    await this.timeline.append(tx, reminder.incidentId, SYSTEM, 'reminder.sent', {
      ...facts(reminder),
      sequence: reminder.sequence,
      recipientUserId: reminder.recipientUserId,
      dueAt: reminder.dueAt.toISOString(),
      deliveries,
    });
    await this.policies.of(reminder.kind).afterSent(tx, reminder, now);
    return true;
  }

  private async fail(tx: Tx, reminder: Reminder, run: JobRun, error: string, deliveries: Deliveries): Promise<boolean> {
    const now = new Date();
    const result = await tx.manager.update(
      Reminder,
      { id: reminder.id, status: 'scheduled', version: reminder.version },
      { status: 'failed', attempts: run.attempt, lastError: error, updatedAt: now },
    );
    if (result.affected !== 1) return false;
    await this.timeline.append(tx, reminder.incidentId, SYSTEM, 'reminder.failed', {
      ...facts(reminder),
      sequence: reminder.sequence,
      recipientUserId: reminder.recipientUserId,
      error,
      deliveries,
    });
    return true;
  }

  /** The reminder if this job is still its alarm: scheduled, at the job's version; read under its incident's lock. */
  private async current(tx: Tx, incidentId: string, job: JobOf<JobName.DeliverReminder>['data']): Promise<Reminder | null> {
    await lockIncidents(tx, [incidentId]);
    const reminder = await tx.manager.findOneBy(Reminder, { id: job.reminderId });
    return reminder && reminder.status === 'scheduled' && reminder.version === job.version ? reminder : null;
  }
}
