import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { actorId, SYSTEM, type Actor } from '../common/roles.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { badRequest, fieldProblem, notFound, refusal } from '../common/problem.js';
import { insertRows } from '../database/bulk-insert.js';
import { newId } from '../database/columns.js';
import { missingReference } from '../database/references.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { UnitMemory } from '../database/unit-memory.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { countByIncident, OpenItemCounter } from '../incidents/open-items.registry.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { responsibleUsers, type Ownership } from '../users/responsible-users.js';
import { UsersService } from '../users/users.service.js';
import { lockIncidents } from './incident-lock.js';
import type { NoteFacts } from './reminder-note.js';
import { ReminderAlarms } from './reminder-alarms.js';
import { ReminderView, type CancelReminderDto, type CreateReminderDto, type ListRemindersQuery, type SnoozeReminderDto } from './reminder.dto.js';
import type { ReminderKind, ReminderStatus, Subject } from './reminder-kinds.js';
import { Reminder } from './reminder.entity.js';
import { ERASED } from '../timeline/personal-values.js';
import { inChunks } from '../database/in-list.js';
import './reminder-events.js';
import { IncidentRemoval } from '../incidents/removals.registry.js';

export interface ScheduleReminder {
  kind: ReminderKind;
  /** The row that decides whether the reminder is still owed; its module cancels or moves the reminder when it changes. */
  subject: Subject;
  incidentId: string;
  /** The incident row, when the caller holds it (saves reading it again for the default recipients). */
  incident?: Ownership;
  dueAt: Date;
  /** One reminder per recipient. Default: the incident's owner, else its backup owner, else every active admin. */
  recipientUserIds?: string[];
  /** What is owed, in a sentence; shown in every channel. */
  note?: string | null;
  /** The note as facts, said in each recipient's language (`note` is then their English sentence). */
  noteFacts?: NoteFacts | null;
  /** When the thing is owed, if not at dueAt (a notice's respondBy for a warning 48 h before). */
  owedBy?: Date;
  /** Its place in its chain; 1 by default. */
  sequence?: number;
  actor?: Actor;
}

/**
 * Reminders as rows. Other features call `schedule`, `cancelForSubject` and
 * `rescheduleForSubject` inside their own transaction; alarms are set once it
 * commits. Every sent, cancelled or failed reminder is written to the
 * incident's timeline.
 */
@Injectable()
export class RemindersService {
  /** SQLite: who answers for an owner and backup owner, as read while no statement of this process changed `users` and the epoch is the same. */
  private readonly answering: UnitMemory<string[]>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly alarms: ReminderAlarms,
    private readonly notifications: NotificationsService,
    private readonly incidents: IncidentsService,
    private readonly users: UsersService,
  ) {
    this.answering = new UnitMemory<string[]>({ table: { name: 'users', writes: transactions }, capacity: 1_000, copy: (userIds) => [...userIds] });
  }

  /** The in-app notifications about a removed incident (delivered reminders, mostly) go with it. */
  @IncidentRemoval({ key: 'notifications', priority: 10 })
  removeNotificationsOfIncident(tx: Tx, incidentId: string): Promise<number> {
    return this.notifications.removeOfIncidentIn(tx, incidentId);
  }

  /** Its reminders go with a removed incident (their deliveries with them); an alarm left in Redis finds no row and skips. */
  @IncidentRemoval({ key: 'reminders', priority: 20 })
  async removeOfIncident(tx: Tx, incidentId: string): Promise<number> {
    const count = await tx.manager.countBy(Reminder, { incidentId });
    await tx.manager.delete(Reminder, { incidentId });
    return count;
  }

  @OpenItemCounter({ key: 'scheduledReminders', priority: 10 })
  countScheduled(manager: EntityManager, incidentIds: string[]): Promise<Map<string, number>> {
    return countByIncident(manager.createQueryBuilder(Reminder, 'r').where("r.status = 'scheduled'"), incidentIds);
  }

  /** Who answers for an incident (`responsibleUsers`), read once per epoch and change of `users` on SQLite: every owed reply asks it. */
  private responsible(tx: Tx, incident: Ownership): Promise<string[]> {
    return this.answering.read(tx, `${incident.ownerId ?? ''}/${incident.backupOwnerId ?? ''}`, () => responsibleUsers(tx.manager, incident));
  }

  /** Schedules one reminder per recipient in the caller's transaction and arms them after it commits. */
  async schedule(tx: Tx, input: ScheduleReminder): Promise<Reminder[]> {
    await lockIncidents(tx, [input.incidentId]);
    const recipients = input.recipientUserIds ?? (await this.responsible(tx, input.incident ?? (await this.incidents.find(tx.manager, input.incidentId))));
    const now = new Date();
    const reminders = recipients.map(
      (recipientUserId): Reminder => ({
        id: newId(),
        kind: input.kind,
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        incidentId: input.incidentId,
        recipientUserId,
        dueAt: input.dueAt,
        owedBy: input.owedBy ?? input.dueAt,
        status: 'scheduled',
        sequence: input.sequence ?? 1,
        version: 1,
        attempts: 0,
        note: input.note ?? null,
        noteFacts: input.noteFacts ?? null,
        sentAt: null,
        cancelledAt: null,
        cancelReason: null,
        lastError: null,
        createdBy: actorId(input.actor ?? SYSTEM),
        createdAt: now,
        updatedAt: now,
      }),
    );
    await insertRows(tx, Reminder, reminders);
    this.alarms.armAfterCommit(tx, reminders);
    return reminders;
  }

  /** Whether the subject has a reminder of this kind (in this status, or any). */
  async exists(manager: EntityManager, { kind, subject, status }: { kind: ReminderKind; subject: Subject; status?: ReminderStatus }): Promise<boolean> {
    return manager.existsBy(Reminder, { kind, subjectType: subject.type, subjectId: subject.id, ...(status ? { status } : {}) });
  }

  /** The subject's scheduled reminders of these kinds, soonest first. */
  scheduledFor(manager: EntityManager, subject: Subject, kinds: ReminderKind[]): Promise<Reminder[]> {
    return manager.find(Reminder, {
      where: { subjectType: subject.type, subjectId: subject.id, kind: In(kinds), status: 'scheduled' },
      order: { dueAt: 'ASC', id: 'ASC' },
    });
  }

  /** Cancels the subject's scheduled reminders (of the given kinds, or all); returns how many. */
  async cancelForSubject(tx: Tx, subject: Subject, reason: string, kinds?: ReminderKind[], actor: Actor = SYSTEM): Promise<number> {
    return this.cancelWhere(tx, { subjectType: subject.type, subjectId: subject.id, ...(kinds ? { kind: In(kinds) } : {}) }, reason, actor);
  }

  /** Cancels the incident's scheduled reminders of the given kinds; returns how many. */
  async cancelForIncident(tx: Tx, incidentId: string, reason: string, kinds: ReminderKind[], actor: Actor = SYSTEM): Promise<number> {
    return this.cancelWhere(tx, { incidentId, kind: In(kinds) }, reason, actor);
  }

  /** Moves the subject's scheduled reminders (of the given kinds, or all) to a new due time; returns how many. */
  async rescheduleForSubject(tx: Tx, subject: Subject, dueAt: Date, reason: string, kinds?: ReminderKind[]): Promise<number> {
    const reminders = await tx.manager.findBy(Reminder, {
      subjectType: subject.type,
      subjectId: subject.id,
      status: 'scheduled',
      ...(kinds ? { kind: In(kinds) } : {}),
    });
    let moved = 0;
    for (const reminder of reminders) {
      const from = reminder.dueAt.toISOString();
      if (!(await this.move(tx, reminder, dueAt))) continue;
      moved += 1;
      await this.timeline.append(tx, reminder.incidentId, SYSTEM, 'reminder.rescheduled', { ...facts(reminder), from, to: dueAt.toISOString(), reason });
    }
    return moved;
  }

  /** Cancels these scheduled reminders, each with its timeline event; those changed meanwhile are left alone. */
  async cancel(tx: Tx, reminders: Reminder[], reason: string, actor: Actor): Promise<Reminder[]> {
    const cancelled: Reminder[] = [];
    const now = new Date();
    await lockIncidents(tx, reminders.map((reminder) => reminder.incidentId));
    for (const reminder of reminders) {
      const result = await tx.manager.update(
        Reminder,
        { id: reminder.id, status: 'scheduled', version: reminder.version },
        { status: 'cancelled', cancelReason: reason.slice(0, 1000), cancelledAt: now, updatedAt: now },
      );
      if (result.affected !== 1) continue;
      Object.assign(reminder, { status: 'cancelled', cancelReason: reason.slice(0, 1000), cancelledAt: now, updatedAt: now });
      cancelled.push(reminder);
      await this.timeline.append(tx, reminder.incidentId, actor, 'reminder.cancelled', { ...facts(reminder), reason });
    }
    this.alarms.disarmAfterCommit(tx, cancelled);
    return cancelled;
  }

  /** POST /api/reminders: a follow_up for the caller or another active user. */
  async createFollowUp(actor: Actor, dto: CreateReminderDto): Promise<ReminderView> {
    return this.transactions.run(async (tx) => {
      if (!(await this.incidents.exists(tx.manager, dto.incidentId))) throw badRequest(missingReference('incidentId', dto.incidentId));
      const recipientUserId = dto.recipientUserId ?? actorId(actor);
      if (!(await this.users.findActive(recipientUserId, tx.manager))) {
        throw badRequest(fieldProblem('recipientUserId', 'reminder.recipientInactive', `recipientUserId refers to no active user (${recipientUserId})`, { id: recipientUserId }));
      }
      const [reminder] = await this.schedule(tx, {
        kind: 'follow_up',
        subject: { type: 'incident', id: dto.incidentId },
        incidentId: dto.incidentId,
        dueAt: dto.dueAt,
        recipientUserIds: [recipientUserId],
        note: dto.note,
        noteFacts: null,
        actor,
      });
      await this.timeline.append(tx, dto.incidentId, actor, 'reminder.scheduled', { ...facts(reminder!), recipientUserId, dueAt: dto.dueAt.toISOString() });
      return ReminderView.of(reminder!);
    });
  }

  /**
   * Erases the notes of the reminders about these messages (a reply owed
   * quotes the message and names its author), and what the in-app
   * notifications of them say, in the caller's unit of work (an erasure of
   * the messages' author). How many reminders.
   */
  async eraseNotesIn(tx: Tx, commentIds: string[]): Promise<number> {
    const rows = await inChunks(commentIds, (ids) => tx.manager.find(Reminder, { select: { id: true }, where: { subjectType: 'comment', subjectId: In(ids) } }));
    const ids = rows.map((row) => row.id);
    await inChunks(ids, async (chunk) => {
      await tx.manager.update(Reminder, { id: In(chunk) }, { note: ERASED, noteFacts: null });
      return [];
    });
    await this.notifications.eraseOfRemindersIn(tx, ids);
    return ids.length;
  }

  async snooze(actor: Actor, id: string, dto: SnoozeReminderDto): Promise<ReminderView> {
    return this.transactions.run(async (tx) => {
      const reminder = await this.findScheduled(tx.manager, id, 'snoozed');
      const from = reminder.dueAt.toISOString();
      if (!(await this.move(tx, reminder, dto.until))) throw stale(id);
      await this.timeline.append(tx, reminder.incidentId, actor, 'reminder.snoozed', { ...facts(reminder), from, to: dto.until.toISOString() });
      return this.view(reminder);
    });
  }

  async cancelOne(actor: Actor, id: string, dto: CancelReminderDto): Promise<ReminderView> {
    return this.transactions.run(async (tx) => {
      const reminder = await this.findScheduled(tx.manager, id, 'cancelled');
      if (!(await this.cancel(tx, [reminder], dto.reason, actor)).length) throw stale(id);
      return this.view(reminder);
    });
  }

  async list(query: ListRemindersQuery): Promise<Page<ReminderView>> {
    const qb = this.dataSource.getRepository(Reminder).createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.incidentId) qb.andWhere('r.incidentId = :incidentId', { incidentId: query.incidentId });
    if (query.recipientUserId && query.recipientId && query.recipientUserId !== query.recipientId) {
      throw badRequest(fieldProblem('recipientId', 'request.sameFilterTwice', 'recipientId and recipientUserId name the same filter; give one', { other: 'recipientUserId' }, { other: 'field' }));
    }
    const recipient = query.recipientUserId ?? query.recipientId;
    if (recipient) qb.andWhere('r.recipientUserId = :recipient', { recipient });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    const page = await paginate(qb, query, [
      { column: 'r.dueAt', key: 'dueAt', order: 'ASC' },
      { column: 'r.id', key: 'id', order: 'ASC' },
    ]);
    const deliveries = await this.notifications.deliveriesOf(page.items.map((reminder) => reminder.id));
    return mapPage(page, (reminder) => ReminderView.of(reminder, deliveries.get(reminder.id)));
  }

  /** How many reminders of the incident stand in this status (the incident page lists the soonest and counts them all). */
  count(query: { incidentId: string; status: ReminderView['status'] }): Promise<number> {
    return this.dataSource.getRepository(Reminder).countBy({ incidentId: query.incidentId, status: query.status });
  }

  async get(id: string): Promise<ReminderView> {
    const reminder = await this.dataSource.manager.findOneBy(Reminder, { id });
    if (!reminder) throw notFound('reminder', id);
    return this.view(reminder);
  }

  private async cancelWhere(tx: Tx, where: FindOptionsWhere<Reminder>, reason: string, actor: Actor): Promise<number> {
    const reminders = await tx.manager.find(Reminder, { where: { ...where, status: 'scheduled' }, order: { dueAt: 'ASC', id: 'ASC' } });
    return (await this.cancel(tx, reminders, reason, actor)).length;
  }

  /** A new due time is a new version: the old alarm is stranded (and removed), a new one is set. */
  private async move(tx: Tx, reminder: Reminder, dueAt: Date): Promise<boolean> {
    const previous = { id: reminder.id, version: reminder.version };
    const now = new Date();
    await lockIncidents(tx, [reminder.incidentId]);
    const result = await tx.manager.update(
      Reminder,
      { id: reminder.id, status: 'scheduled', version: reminder.version },
      { dueAt, version: reminder.version + 1, updatedAt: now },
    );
    if (result.affected !== 1) return false;
    Object.assign(reminder, { dueAt, version: reminder.version + 1, updatedAt: now });
    this.alarms.disarmAfterCommit(tx, [previous]);
    this.alarms.armAfterCommit(tx, [reminder]);
    return true;
  }

  private async findScheduled(manager: EntityManager, id: string, verb: 'snoozed' | 'cancelled'): Promise<Reminder> {
    const reminder = await manager.findOneBy(Reminder, { id });
    if (!reminder) throw notFound('reminder', id);
    if (reminder.status !== 'scheduled') {
      throw refusal(HttpStatus.CONFLICT, 'reminder.notScheduled', `reminder ${id} is ${reminder.status}; only a scheduled reminder can be ${verb}`, {
        values: { id, status: reminder.status, action: verb },
        words: { status: 'reminderStatus' },
      });
    }
    return reminder;
  }

  private async view(reminder: Reminder): Promise<ReminderView> {
    return ReminderView.of(reminder, (await this.notifications.deliveriesOf([reminder.id])).get(reminder.id));
  }
}

const stale = (id: string) => refusal(HttpStatus.CONFLICT, 'reminder.stale', `reminder ${id} changed meanwhile; reload it and try again`, { values: { id } });

/** The facts every reminder event carries. */
export const facts = (reminder: Reminder) => ({ reminderId: reminder.id, kind: reminder.kind, subject: { type: reminder.subjectType, id: reminder.subjectId } });
