import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { commentReads } from '../comments/comment-reads.js';
import { commitmentReads } from '../commitments/commitment-reads.js';
import { answeredBy } from '../incidents/incident-scope.js';
import { incidentReads } from '../incidents/incident-reads.js';
import { noticeReads } from '../legal-notices/notice-reads.js';
import { prescriptionReads } from '../prescriptions/prescription-reads.js';
import { reminderReads } from '../reminders/reminder-reads.js';
import { AGENDA_KINDS, type AgendaItemView, type AgendaKind, type AgendaView } from './agenda.dto.js';

/** Legal deadlines show this far ahead. */
export const DEADLINE_HORIZON_MS = 7 * 24 * 60 * 60_000;
/** Press-law prescriptions show this far ahead (from their first reminder, 30 days before), until they fall: one that fell is owed nothing more. */
export const PRESCRIPTION_HORIZON_MS = 30 * 24 * 60 * 60_000;
/** New messages a post's watch brought in show for this long after they arrived. */
export const WATCHED_NEWS_MS = 3 * 24 * 60 * 60_000;
const LABEL_LENGTH = 120;
/** Items shown at most, most urgent first; `total` and `counts` count them all. */
export const AGENDA_PAGE = 200;
/** Pending commitments without a due date shown at most (oldest promise first); `undatedCommitments.count` counts them all. */
export const UNDATED_PAGE = 50;

/**
 * What a person owes, most urgent first: replies owed on incidents they own
 * or back up (due at the severity's response time), legal deadlines within
 * DEADLINE_HORIZON_MS of notices assigned to them or on their incidents,
 * their pending commitments with a due date, commitments of theirs that
 * failed their check, the follow-ups scheduled for them, and the inbound
 * messages a watch brought in (written by `system` on a post) within
 * WATCHED_NEWS_MS on their open incidents, due when they arrived, and the
 * press-law prescriptions within PRESCRIPTION_HORIZON_MS of the messages
 * and posts marked on incidents they own or back up. Apart from the items,
 * their pending commitments without a due date (nothing reminds anyone of
 * them until they get one).
 */
@Injectable()
export class AgendaService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each feature reads its own part (one query per kind); the agenda places them in time. */
  async of(userId: string, now: Date = new Date(), limit = AGENDA_PAGE): Promise<AgendaView> {
    const manager = this.dataSource.manager;
    const [openOnes, anyState] = [answeredBy(userId, { open: true }), answeredBy(userId)];
    const [owed, deadlines, commitments, followUps, watched, prescriptions, undated] = await Promise.all([
      commentReads.owedTo(manager, userId, now, limit),
      // Every open deadline, in one read (a person has few): those within the week are items, the others counted below them.
      noticeReads.deadlinesFor(manager, userId, anyState),
      commitmentReads.owedBy(manager, userId, anyState),
      reminderReads.followUpsOf(manager, userId),
      commentReads.watchedNewsIn(manager, openOnes, new Date(now.getTime() - WATCHED_NEWS_MS)),
      prescriptionReads.dueIn(manager, anyState, { from: now, until: new Date(now.getTime() + PRESCRIPTION_HORIZON_MS) }),
      commitmentReads.undatedOwedBy(manager, userId, anyState),
    ]);
    const undatedShown = undated.slice(0, UNDATED_PAGE);
    const horizon = now.getTime() + DEADLINE_HORIZON_MS;
    const notices = deadlines.filter((notice) => notice.respondBy.getTime() <= horizon);
    const later = deadlines.filter((notice) => notice.respondBy.getTime() > horizon).map((notice) => notice.respondBy.getTime());
    // Replies owed are counted and the soonest read from owed_replies (kept by the writes, due at their incident's response time): only the first `limit` can be shown.
    const replies = owed.first;
    const incidents = await incidentReads.headsOf(manager, [...[replies, notices, commitments, followUps, watched, prescriptions, undatedShown].flat().map((entry) => entry.incidentId)]);

    type Placed = Omit<AgendaItemView, 'incidentRef' | 'incidentTitle' | 'overdue' | 'dueAt' | 'label'> & { dueAt: Date; label?: string };
    // What a watch brought in is news, never overdue.
    const isOverdue = (entry: Placed) => entry.kind !== 'watched' && entry.dueAt.getTime() < now.getTime();
    const placed: Placed[] = [
      ...replies.map((reply): Placed => ({
        kind: 'reply',
        incidentId: reply.incidentId,
        dueAt: reply.dueAt,
        subjectType: 'comment',
        subjectId: reply.id,
      })),
      ...notices.map((notice): Placed => ({ kind: 'deadline', incidentId: notice.incidentId, dueAt: notice.respondBy, subjectType: 'notice', subjectId: notice.id, label: notice.ref, detail: notice.type })),
      ...commitments.map(
        (commitment): Placed => ({
          kind: commitment.status === 'failed_verification' ? 'check' : 'commitment',
          incidentId: commitment.incidentId,
          dueAt: commitment.status === 'failed_verification' ? commitment.updatedAt : commitment.dueAt!,
          subjectType: 'commitment',
          subjectId: commitment.id,
          label: commitment.description.slice(0, LABEL_LENGTH),
          detail: commitment.kind,
        }),
      ),
      ...followUps.map((reminder): Placed => ({ kind: 'follow_up', incidentId: reminder.incidentId, dueAt: reminder.dueAt, subjectType: 'reminder', subjectId: reminder.id, label: (reminder.note ?? '').slice(0, LABEL_LENGTH) })),
      ...watched.map((news): Placed => ({ kind: 'watched', incidentId: news.incidentId, dueAt: news.at, subjectType: 'comment', subjectId: news.id })),
      ...prescriptions.map((due): Placed => ({ kind: 'prescription', incidentId: due.incidentId, dueAt: due.prescribesAt, subjectType: 'prescription', subjectId: due.markId, label: due.reference ?? '', detail: due.offence })),
    ].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.subjectId.localeCompare(b.subjectId));

    const counts = Object.fromEntries(AGENDA_KINDS.map((kind) => [kind, 0])) as Record<AgendaKind, number>;
    counts.reply = owed.count;
    let overdue = owed.overdue;
    for (const entry of placed) {
      if (entry.kind === 'reply') continue;
      counts[entry.kind] += 1;
      if (isOverdue(entry)) overdue += 1;
    }
    const shown = placed.slice(0, limit);
    const words = await commentReads.bodiesOf(manager, shown.filter((entry) => entry.subjectType === 'comment').map((entry) => entry.subjectId));
    const items = shown.map((entry): AgendaItemView => {
      const incident = incidents.get(entry.incidentId)!;
      return {
        ...entry,
        label: entry.label ?? (words.get(entry.subjectId) ?? '').slice(0, LABEL_LENGTH),
        dueAt: entry.dueAt.toISOString(),
        overdue: isOverdue(entry),
        incidentRef: incident.ref,
        incidentTitle: incident.title,
      };
    });
    const undatedCommitments = {
      count: undated.length,
      items: undatedShown.map((commitment) => {
        const incident = incidents.get(commitment.incidentId)!;
        return {
          commitmentId: commitment.id,
          kind: commitment.kind,
          label: commitment.description.slice(0, LABEL_LENGTH),
          promisedAt: commitment.promisedAt.toISOString(),
          incidentId: commitment.incidentId,
          incidentRef: incident.ref,
          incidentTitle: incident.title,
        };
      }),
    };
    return {
      items,
      total: placed.length - replies.length + owed.count,
      counts,
      overdue,
      laterDeadlines: { count: later.length, next: later.length ? new Date(Math.min(...later)).toISOString() : null },
      undatedCommitments,
    };
  }
}
