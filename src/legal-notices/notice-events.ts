import type { Changes } from '../common/changes.js';
import { defineTimelineEvents } from '../timeline/timeline-events.js';

// The reminder engine listens to these to arm, move and cancel deadline_warning / deadline_due reminders.
declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
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
    /** A decision on the notice was recorded with its reasons (DSA art. 17); the statement is the decision's row, never copied here. */
    'notice.decided': { noticeId: string; ref: string; decisionId: string; sequence: number; kind: string; decisionGround: string; category: string; commentId: string | null; commitmentId: string | null };
    /** A notice's fields changed; privileged notes are only said to have changed, never shown. */
    'notice.updated': { noticeId: string; changes: Changes; privilegedNotesChanged?: true };
  }
}

export const NOTICE_EVENTS = defineTimelineEvents(['notice.recorded', 'notice.assigned', 'notice.deadline_changed', 'notice.status_changed', 'notice.updated', 'notice.decided']);
