import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    'commitment.created': {
      commitmentId: string;
      kind: string;
      description: string;
      dueAt: string | null;
      notBefore: string | null;
      targetUrl: string | null;
    };
    'commitment.status_changed': { commitmentId: string; from: string; to: string; reason?: string };
    'commitment.due_changed': { commitmentId: string; dueAt: string; previous: string | null };
    'commitment.observed': { commitmentId: string; observationId: string; verdict: string; httpStatus: number | null; detail: string | null };
  }
}

export const COMMITMENT_EVENTS = defineTimelineEvents(['commitment.created', 'commitment.status_changed', 'commitment.due_changed', 'commitment.observed']);
