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
     * The whole add a `comment.added` belongs to (CommentsService.addMany; one
     * object for all its events): its messages as written, and the earlier ones
     * it answered. Every row of the add is written before its first event, so a
     * listener that reads what the messages change may read it once per add.
     */
    addedWith?: AddedBatch;
  }
}

/** The messages one call of CommentsService.addMany wrote, and the ids of the messages they answered, so a listener may act on them all at once. */
export interface AddedBatch {
  comments: readonly Comment[];
  answered: readonly string[];
}

export const COMMENT_EVENTS = defineTimelineEvents(['comment.added', 'comment.edited', 'comment.updated', 'comment.removed', 'signals.reread']);

/** A message's bodies are its author's (the party of an inbound message; nobody's to erase for our own). */
definePersonalFields('comment.edited', { previousBody: (_, { comment }) => comment?.partyId, body: (_, { comment }) => comment?.partyId });
