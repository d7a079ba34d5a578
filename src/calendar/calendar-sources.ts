import { Injectable } from '@nestjs/common';
import { CalendarEntries, type CalendarEntry, type CalendarRequest } from '../common/calendar-entries.js';
import { commitmentReads } from '../commitments/commitment-reads.js';
import { answeredBy } from '../incidents/incident-scope.js';
import { noticeReads } from '../legal-notices/notice-reads.js';
import { reminderReads } from '../reminders/reminder-reads.js';

/** Legal deadlines show in the feed this far ahead (Today shows a week; a calendar is for planning). */
export const FEED_HORIZON_MS = 366 * 24 * 60 * 60_000;
const TITLE_LENGTH = 120;
const cut = (text: string): string => (text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1)}…` : text);

/**
 * The feed's own sources, the same reads Today makes (AgendaService): what
 * the person owes with a date, each through its owner's `*-reads.ts`.
 * Another feature adds its dates with a `@CalendarEntries` method of its own.
 */
@Injectable()
export class CalendarSources {
  /** Deadlines of notices awaiting an answer, assigned to the person or on incidents they own or back up, within FEED_HORIZON_MS. */
  @CalendarEntries({ source: 'legal deadlines', priority: 10 })
  async deadlines({ manager, userId, t, now }: CalendarRequest): Promise<CalendarEntry[]> {
    const notices = await noticeReads.deadlinesFor(manager, userId, answeredBy(userId), new Date(now.getTime() + FEED_HORIZON_MS));
    return notices.map((notice) => ({
      key: `notice-${notice.id}`,
      incidentId: notice.incidentId,
      dueAt: notice.respondBy,
      changedAt: notice.updatedAt,
      summary: t.t('calendar.deadline', { ref: notice.ref, type: t.word('noticeType', notice.type) }),
      path: `/legal-notices/${notice.id}`,
    }));
  }

  /** Pending commitments with a due date that the person owns (or nobody does, on incidents they answer for). */
  @CalendarEntries({ source: 'commitments', priority: 20 })
  async commitments({ manager, userId, t }: CalendarRequest): Promise<CalendarEntry[]> {
    const owed = await commitmentReads.owedBy(manager, userId, answeredBy(userId));
    return owed.flatMap((commitment) =>
      commitment.status === 'pending' && commitment.dueAt
        ? [
            {
              key: `commitment-${commitment.id}`,
              incidentId: commitment.incidentId,
              dueAt: commitment.dueAt,
              changedAt: commitment.updatedAt,
              summary: t.t('calendar.commitment', { description: cut(commitment.description) }),
              detail: commitment.description,
              path: `/incidents/${commitment.incidentId}`,
            },
          ]
        : [],
    );
  }

  /** The follow-ups still scheduled for the person. */
  @CalendarEntries({ source: 'follow-ups', priority: 30 })
  async followUps({ manager, userId, t }: CalendarRequest): Promise<CalendarEntry[]> {
    const reminders = await reminderReads.followUpsOf(manager, userId);
    return reminders.map((reminder) => ({
      key: `reminder-${reminder.id}`,
      incidentId: reminder.incidentId,
      dueAt: reminder.dueAt,
      changedAt: reminder.updatedAt,
      summary: reminder.note ? t.t('calendar.followUp', { note: cut(reminder.note) }) : t.t('calendar.followUpBare'),
      detail: reminder.note ?? undefined,
      path: `/incidents/${reminder.incidentId}`,
    }));
  }
}
