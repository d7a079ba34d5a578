import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { In } from 'typeorm';
import { endsWithDay, morningOf } from '../common/day-end.js';
import { SYSTEM } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/transaction.service.js';
import { incidentReads } from '../incidents/incident-reads.js';
import { TimelineEvent } from '../timeline/timeline-event.entity.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import type { AppendedEvent, TimelineEvents } from '../timeline/timeline-events.js';
import { people } from '../users/people.js';
import { responsibleUsers } from '../users/responsible-users.js';
import { englishNote, type NoteFacts } from '../reminders/reminder-note.js';
import type { ReminderKind, Subject } from '../reminders/reminder-kinds.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { LegalNotice } from './legal-notice.entity.js';
import { awaitsAnswer } from './notice-status.js';

const DEADLINE_KINDS: ReminderKind[] = ['deadline_warning', 'deadline_due'];
/** A notice still waiting for our answer. */
const notice = (id: string): Subject => ({ type: 'notice', id });

type NoticeFacts = Pick<TimelineEvents['notice.recorded'], 'ref' | 'type' | 'direction' | 'status' | 'assigneeId'>;
/** One reminder of a deadline, before it is given to its recipients. */
export type Lead = { kind: ReminderKind; sequence: number; dueAt: Date; owedBy: Date };

const DAY_MS = 86_400_000;

/**
 * When to remind of a deadline, one reminder a lead time (`leadTimes`, in
 * ms, largest first; 0 is the deadline itself). A deadline counted in days
 * ends with its last day (23:59:59.999 in `zone`): reminding at that minute
 * less each lead time would warn at midnight, and on the last day one minute
 * before it passes. So such a deadline is reminded of in the morning
 * (MORNING_HOUR, common/day-end.ts) of the day each lead time falls on: two days
 * before, the day before, the last day. Any other deadline (a time typed by
 * hand) is reminded of exactly each lead time before it. A reminder whose
 * time has passed is left out, but for the last day's: recorded on its last
 * day after the morning, the deadline is reminded of now.
 */
export function deadlineLeads(respondBy: Date, leadTimes: number[], zone: string, now: Date): Lead[] {
  const end = DateTime.fromJSDate(respondBy, { zone });
  const byDayEnd = endsWithDay(respondBy, zone);
  const leads: Lead[] = [];
  leadTimes.forEach((lead, index) => {
    // Whole days by the calendar (a change of the clocks between moves no reminder to another day), the rest by the clock.
    const days = byDayEnd ? Math.floor(lead / DAY_MS) : 0;
    const before = end.minus({ days }).minus({ milliseconds: lead - days * DAY_MS }).toJSDate();
    let at = byDayEnd ? morningOf(before, zone) : before;
    const due = lead === 0;
    if (at.getTime() <= now.getTime()) {
      if (!due || respondBy.getTime() <= now.getTime()) return;
      at = now;
    }
    leads.push({ kind: due ? 'deadline_due' : 'deadline_warning', sequence: index + 1, dueAt: at, owedBy: respondBy });
  });
  return leads;
}

/**
 * docs/design.md §4, deadline_warning / deadline_due: a received legal notice with a
 * respondBy gets a reminder at each lead time before it (REMINDER_LEAD_TIMES,
 * in the morning for a deadline that ends with its day: deadlineLeads;
 * those already past are skipped, lead time 0 is the deadline_due), for its
 * assignee, with a copy for the incident's owner; a moved deadline
 * reschedules them, a new assignee takes over the pending ones, and a notice
 * no longer awaiting an answer cancels them. Driven by the legal module's
 * timeline events.
 */
@Injectable()
export class DeadlineReminders {
  constructor(
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
  ) {}

  @OnTimelineEvent({ type: 'notice.recorded', priority: 10 })
  async onRecorded(tx: Tx, { incidentId, payload }: AppendedEvent<'notice.recorded'>): Promise<void> {
    if (payload.respondBy) await this.scheduleDeadline(tx, incidentId, payload.noticeId, payload, new Date(payload.respondBy));
  }

  @OnTimelineEvent({ type: 'notice.deadline_changed' })
  async onDeadlineChanged(tx: Tx, { incidentId, payload }: AppendedEvent<'notice.deadline_changed'>): Promise<void> {
    await this.reminders.cancelForSubject(tx, notice(payload.noticeId), `deadline changed: ${payload.reason}`, DEADLINE_KINDS);
    const facts = await this.noticeFacts(tx, incidentId, payload.noticeId);
    if (facts && payload.to) await this.scheduleDeadline(tx, incidentId, payload.noticeId, facts, new Date(payload.to));
  }

  @OnTimelineEvent({ type: 'notice.status_changed' })
  async onStatusChanged(tx: Tx, { payload }: AppendedEvent<'notice.status_changed'>): Promise<void> {
    if (!awaitsAnswer(payload.to)) await this.reminders.cancelForSubject(tx, notice(payload.noticeId), `notice ${payload.to}`, DEADLINE_KINDS);
  }

  /** The pending reminders (snoozed ones at their new time) are given again to the new assignee and the owner. */
  @OnTimelineEvent({ type: 'notice.assigned' })
  async onAssigned(tx: Tx, { incidentId, payload }: AppendedEvent<'notice.assigned'>): Promise<void> {
    const pending = await this.reminders.scheduledFor(tx.manager, notice(payload.noticeId), DEADLINE_KINDS);
    if (!pending.length) return;
    const facts = await this.noticeFacts(tx, incidentId, payload.noticeId);
    if (!facts) return;
    await this.reminders.cancel(tx, pending, 'the notice was assigned to someone else', SYSTEM);
    const leads = new Map<number, Lead>();
    for (const { kind, sequence, dueAt, owedBy } of pending) if (!leads.has(sequence)) leads.set(sequence, { kind, sequence, dueAt, owedBy });
    await this.remind(tx, incidentId, payload.noticeId, { ...facts, assigneeId: payload.to }, [...leads.values()]);
  }

  private async scheduleDeadline(tx: Tx, incidentId: string, noticeId: string, facts: NoticeFacts, respondBy: Date): Promise<void> {
    if (facts.direction !== 'received' || !awaitsAnswer(facts.status)) return;
    await this.remind(tx, incidentId, noticeId, facts, deadlineLeads(respondBy, this.config.reminderLeadTimes, this.config.timeZone, new Date()));
  }

  /**
   * Each lead time as one reminder for the assignee and one for the owner
   * (each delivered once per channel); without an active assignee, as
   * before notices had one: the owner, else the backup owner, else the admins.
   */
  private async remind(tx: Tx, incidentId: string, noticeId: string, facts: NoticeFacts, leads: Lead[]): Promise<void> {
    if (!leads.length) return;
    const incident = await incidentReads.one(tx.manager, incidentId);
    const assignee = facts.assigneeId ? await people.one(tx.manager, facts.assigneeId, { active: true }) : null;
    const owed: NoteFacts = [{ key: 'note.deadline', values: { ref: facts.ref, type: facts.type, when: leads[0]!.owedBy.toISOString() }, words: { type: 'lower:noticeType', when: 'date' } }];
    const recipients = [{ userIds: assignee ? [assignee.id] : await responsibleUsers(tx.manager, incident), noteFacts: owed }];
    const owner = incident.ownerId && incident.ownerId !== assignee?.id ? await people.one(tx.manager, incident.ownerId, { active: true }) : null;
    if (assignee && owner) recipients.push({ userIds: [owner.id], noteFacts: [...owed, { key: 'note.ownerCopy', values: { assignee: assignee.name } }] });
    for (const lead of leads) {
      for (const { userIds, noteFacts } of recipients) {
        const note = englishNote(noteFacts, this.config.timeZone);
        await this.reminders.schedule(tx, { ...lead, subject: notice(noticeId), incidentId, incident, recipientUserIds: userIds, note, noteFacts });
      }
    }
  }

  /** The notice as its own timeline events tell it: recorded facts, then the latest status and assignee. */
  private async noticeFacts(tx: Tx, incidentId: string, noticeId: string): Promise<NoticeFacts | null> {
    const events = await tx.manager.find(TimelineEvent, {
      where: { incidentId, type: In(['notice.recorded', 'notice.status_changed', 'notice.assigned']) },
      order: { seq: 'ASC' },
    });
    let facts: NoticeFacts | null = null;
    for (const event of events) {
      if (event.payload['noticeId'] !== noticeId) continue;
      if (event.type === 'notice.recorded') facts = { ...(event.payload as TimelineEvents['notice.recorded']) };
      else if (facts && event.type === 'notice.status_changed') facts.status = (event.payload as TimelineEvents['notice.status_changed']).to;
      else if (facts) facts.assigneeId = (event.payload as TimelineEvents['notice.assigned']).to;
    }
    // Notices recorded before they had an assignee: the migration gave the row one.
    if (facts && facts.assigneeId === undefined) facts.assigneeId = (await tx.manager.findOneBy(LegalNotice, { id: noticeId }))?.assigneeId ?? null;
    return facts;
  }
}
