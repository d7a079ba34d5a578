import type { Comment } from '../comments/comment.entity.js';
import type { Incident } from '../incidents/incident.entity.js';

/**
 * The typed catalogue of timeline events: type name -> payload. Feature
 * modules add their own events by declaration merging:
 *
 *   declare module '../timeline/timeline-events.js' {
 *     interface TimelineEvents { 'notice.recorded': { noticeId: string } }
 *   }
 *
 * Payloads carry ids and the facts of the change; never privileged content.
 */
export interface TimelineEvents {
  'incident.created': { ref: string; title: string; severity: string; state: string; ownerId: string | null; postIds: string[] };
  'incident.updated': { changes: Record<string, { from: unknown; to: unknown }> };
  /** `occurredAt`: when the move happened, for one logged late (the event's own `at` is when it was recorded). */
  'state.changed': { from: string; to: string; reason: string; resolution?: string; cause?: { type: string; id: string }; occurredAt?: string };
  'legal_hold.changed': { on: boolean; reason: string };
  'comment.added': {
    commentId: string;
    direction: 'inbound' | 'outbound';
    channel: string;
    parentId: string | null;
    postedAt: string;
    needsResponse: boolean;
    answers: string | null;
  };
  'comment.edited': { commentId: string; previousBody: string; body: string };
  'comment.updated': { commentId: string; changes: Record<string, { from: unknown; to: unknown }> };
  'post.updated': { postId: string; changes: Record<string, { from: unknown; to: unknown }> };

  // Legal notices (src/legal-notices). The reminder engine listens to these to
  // arm, move and cancel deadline_warning / deadline_due reminders.
  'notice.recorded': {
    noticeId: string;
    ref: string;
    type: string;
    direction: 'received' | 'sent';
    status: string;
    /** ISO-8601, or null when no rule gave a deadline. */
    respondBy: string | null;
    deadlineBasis: string | null;
    /** The user reminded of its deadlines; absent from events written before notices had one. */
    assigneeId?: string | null;
  };
  /** The notice's assignee changed; its pending deadline reminders move to the new one. */
  'notice.assigned': { noticeId: string; from: string | null; to: string };
  'notice.deadline_changed': { noticeId: string; from: string | null; to: string | null; reason: string };
  'notice.status_changed': { noticeId: string; from: string; to: string; reason: string };

  // Commitments (src/commitments).
  'commitment.created': {
    commitmentId: string;
    kind: string;
    description: string;
    dueAt: string | null;
    notBefore: string | null;
    targetUrl: string | null;
  };
  'commitment.status_changed': { commitmentId: string; from: string; to: string; reason?: string };
  'commitment.observed': { commitmentId: string; observationId: string; verdict: string; httpStatus: number | null; detail: string | null };
  'post.indexing_checked': { postId: string; url: string; desired: string; observed: string; httpStatus: number | null; detail: string | null };
}

export type TimelineEventType = keyof TimelineEvents & string;

/**
 * Rows the writer of an event already holds, as they stand in its
 * transaction, handed to the listeners so they need not read them again.
 * Never stored; a listener reads what is not here.
 */
export interface EventContext {
  incident?: Incident;
  comment?: Comment;
}

export interface AppendedEvent<T extends TimelineEventType = TimelineEventType> {
  id: string;
  incidentId: string;
  seq: number;
  at: Date;
  actor: string;
  type: T;
  payload: TimelineEvents[T];
  context: EventContext;
}
