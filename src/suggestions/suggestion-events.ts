import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    'suggestion.accepted': { key: string; type: string; commentId: string; result: { type: string; id: string } };
    'suggestion.dismissed': { key: string; type: string; commentId: string; reason: string | null };
    /** What a suggestion proposed was recorded by hand: `fulfilledBy` names the event (and record) that did it. */
    'suggestion.fulfilled': {
      key: string;
      type: string;
      commentId: string;
      phrase: string;
      proposal: string;
      fulfilledBy: { event: string; seq: number; type: string; id: string; what: string; actor: string };
    };
  }
}

export const SUGGESTION_DECISIONS = defineTimelineEvents(['suggestion.accepted', 'suggestion.dismissed', 'suggestion.fulfilled']);
