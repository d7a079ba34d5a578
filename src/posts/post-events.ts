import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    'post.updated': { postId: string; changes: Record<string, { from: unknown; to: unknown }> };
    'post.indexing_checked': { postId: string; url: string; desired: string; observed: string; httpStatus: number | null; detail: string | null };
  }
}

export const POST_EVENTS = defineTimelineEvents(['post.updated', 'post.indexing_checked']);
