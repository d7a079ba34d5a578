import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/transaction.service.js';
import { TimelineEvent } from '../timeline/timeline-event.entity.js';
import type { AppendedEvent, TimelineEvents } from '../timeline/timeline-events.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { formatInZone } from './reminder-message.js';
import type { ReminderKind, Subject } from './reminder.entity.js';
import { RemindersService } from './reminders.service.js';

const DEADLINE_KINDS: ReminderKind[] = ['deadline_warning', 'deadline_due'];
/** A notice still waiting for our answer. */
const AWAITING = ['received', 'under_review'];
const notice = (id: string): Subject => ({ type: 'notice', id });

type NoticeFacts = Pick<TimelineEvents['notice.recorded'], 'ref' | 'type' | 'direction' | 'status'>;

/**
 * DESIGN §4 deadline_warning / deadline_due: a received legal notice with a
 * respondBy gets a reminder at each lead time before it (REMINDER_LEAD_TIMES;
 * those already past are skipped, lead time 0 is the deadline_due); a moved
 * deadline reschedules them, and a notice no longer awaiting an answer
 * cancels them. Driven by the legal module's timeline events.
 */
@Injectable()
export class DeadlineReminders implements OnModuleInit {
  constructor(
    private readonly timeline: TimelineService,
    private readonly reminders: RemindersService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timeline.on('notice.recorded', (tx, event) => this.onRecorded(tx, event));
    this.timeline.on('notice.deadline_changed', (tx, event) => this.onDeadlineChanged(tx, event));
    this.timeline.on('notice.status_changed', (tx, event) => this.onStatusChanged(tx, event));
  }

  async onRecorded(tx: Tx, { incidentId, payload }: AppendedEvent<'notice.recorded'>): Promise<void> {
    if (payload.respondBy) await this.scheduleDeadline(tx, incidentId, payload.noticeId, payload, new Date(payload.respondBy));
  }

  async onDeadlineChanged(tx: Tx, { incidentId, payload }: AppendedEvent<'notice.deadline_changed'>): Promise<void> {
    await this.reminders.cancelForSubject(tx, notice(payload.noticeId), `deadline changed: ${payload.reason}`, DEADLINE_KINDS);
    const facts = await this.noticeFacts(tx, incidentId, payload.noticeId);
    if (facts && payload.to) await this.scheduleDeadline(tx, incidentId, payload.noticeId, facts, new Date(payload.to));
  }

  async onStatusChanged(tx: Tx, { payload }: AppendedEvent<'notice.status_changed'>): Promise<void> {
    if (!AWAITING.includes(payload.to)) await this.reminders.cancelForSubject(tx, notice(payload.noticeId), `notice ${payload.to}`, DEADLINE_KINDS);
  }

  private async scheduleDeadline(tx: Tx, incidentId: string, noticeId: string, facts: NoticeFacts, respondBy: Date): Promise<void> {
    if (facts.direction !== 'received' || !AWAITING.includes(facts.status)) return;
    const note = `Legal notice ${facts.ref} (${facts.type.replace(/_/g, ' ')}) must be answered by ${formatInZone(respondBy, this.config.timeZone)}.`;
    const now = Date.now();
    for (const [index, lead] of this.config.reminderLeadTimes.entries()) {
      const dueAt = new Date(respondBy.getTime() - lead);
      if (dueAt.getTime() <= now) continue;
      await this.reminders.schedule(tx, {
        kind: lead === 0 ? 'deadline_due' : 'deadline_warning',
        subject: notice(noticeId),
        incidentId,
        dueAt,
        owedBy: respondBy,
        note,
        sequence: index + 1,
      });
    }
  }

  /** The notice as its own timeline events tell it: recorded facts, then the latest status. */
  private async noticeFacts(tx: Tx, incidentId: string, noticeId: string): Promise<NoticeFacts | null> {
    const events = await tx.manager.find(TimelineEvent, {
      where: { incidentId, type: In(['notice.recorded', 'notice.status_changed']) },
      order: { seq: 'ASC' },
    });
    let facts: NoticeFacts | null = null;
    for (const event of events) {
      if (event.payload['noticeId'] !== noticeId) continue;
      if (event.type === 'notice.recorded') facts = { ...(event.payload as TimelineEvents['notice.recorded']) };
      else if (facts) facts.status = (event.payload as TimelineEvents['notice.status_changed']).to;
    }
    return facts;
  }
}
