import { definePersonalFields } from '../timeline/personal-values.js';
import { defineTimelineEvents } from '../timeline/timeline-events.js';
import type { Comment } from './comment.entity.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
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
    /** A decision on a legal notice took the message out of its thread: `deleted` (removed) or `hidden` (access disabled). */
    'comment.removed': { commentId: string; from: string; to: 'deleted' | 'hidden'; noticeId: string; ref: string; decisionId: string };
    /** The thread read again with the rules and phrases of settings version `settingsVersion`. */
    'signals.reread': { comments: number; changed: number; settingsVersion: number };
  }
  interface EventContext {
    comment?: Comment;
    /**
     * The call that added the comment with others (CommentsService.addMany),
     * the same object for each of its events: every row of the call is
     * written before the first event, so a listener that reads what the
     * messages change (not the message itself) reads it once per call.
     */
    addedTogether?: AddedTogether;
  }
}

/** The comments added by one call, as its events' context names it. */
export interface AddedTogether {
  readonly comments: readonly Comment[];
}

export const COMMENT_EVENTS = defineTimelineEvents(['comment.added', 'comment.edited', 'comment.updated', 'comment.removed', 'signals.reread']);

/** A message's bodies are its author's (the party of an inbound message; nobody's to erase for our own). */
definePersonalFields('comment.edited', { previousBody: (_, { comment }) => comment?.partyId, body: (_, { comment }) => comment?.partyId });
