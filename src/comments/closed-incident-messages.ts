import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction.service.js';
import { escalation, OPEN_STATES, type IncidentState } from '../incidents/escalation.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { PartiesService } from '../parties/parties.service.js';
import { englishNote, type NoteFacts } from '../reminders/reminder-note.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import type { AppendedEvent } from '../timeline/timeline-events.js';

/**
 * A message from the other side on a resolved or closed incident is kept,
 * and its owner told at once, with the moves that would reopen it: the
 * incident is never reopened by itself.
 */
@Injectable()
export class ClosedIncidentMessages {
  constructor(
    private readonly reminders: RemindersService,
    private readonly incidents: IncidentsService,
    private readonly parties: PartiesService,
  ) {}

  @OnTimelineEvent({ type: 'comment.added', priority: 10 })
  async onCommentAdded(tx: Tx, { incidentId, payload, context }: AppendedEvent<'comment.added'>): Promise<void> {
    if (payload.direction !== 'inbound') return;
    const incident = context.incident ?? (await this.incidents.find(tx.manager, incidentId));
    if (OPEN_STATES.includes(incident.state)) return;
    const comment = context.comment;
    const author = comment?.partyId ? await this.parties.nameOf(tx.manager, comment.partyId) : comment?.authorName;
    await this.reminders.schedule(tx, {
      kind: 'follow_up',
      subject: { type: 'comment', id: payload.commentId },
      incidentId,
      incident,
      dueAt: new Date(),
      noteFacts: reopenNote(incident.state, author ?? null),
      note: englishNote(reopenNote(incident.state, author ?? null), 'UTC'),
    });
  }
}

/** What the owner is told of a message on an incident that is no longer open, as facts said in their language. */
export function reopenNote(state: IncidentState, author: string | null): NoteFacts {
  const moves = escalation.allowedFrom(state);
  return [{ key: 'note.reopen', values: { hasAuthor: String(Boolean(author)), author: author ?? '', state, moves }, words: { state: 'lower:state', moves: 'or:state' } }];
}
