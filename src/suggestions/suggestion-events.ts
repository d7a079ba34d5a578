import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    'suggestion.accepted': { key: string; type: string; commentId: string; result: { type: string; id: string } };
    'suggestion.dismissed': { key: string; type: string; commentId: string; reason: string | null };
  }
}

export const SUGGESTION_DECISIONS = defineTimelineEvents(['suggestion.accepted', 'suggestion.dismissed']);
