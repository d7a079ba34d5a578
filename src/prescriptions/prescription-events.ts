import type { Changes } from '../common/changes.js';
import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    /** A message or post marked as allegedly defamatory or insulting; its prescription reminders are scheduled in the same unit of work. */
    'prescription.marked': {
      markId: string;
      subjectType: 'comment' | 'post';
      subjectId: string;
      offence: string;
      ground: string | null;
      publishedAt: string;
      /** ISO-8601, or null when no rule applies. */
      prescribesAt: string | null;
    };
    /** A mark's offence, ground, note or publication date changed; its reminders move with prescribesAt. */
    'prescription.changed': { markId: string; changes: Changes };
    /** The mark was removed, with the reason; its pending reminders are cancelled. */
    'prescription.unmarked': { markId: string; subjectType: 'comment' | 'post'; subjectId: string; reason: string };
  }
}

export const PRESCRIPTION_EVENTS = defineTimelineEvents(['prescription.marked', 'prescription.changed', 'prescription.unmarked']);
