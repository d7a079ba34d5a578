import type { Changes } from '../common/changes.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    /** A notice's fields changed; privileged notes are only said to have changed, never shown. */
    'notice.updated': { noticeId: string; changes: Changes; privilegedNotesChanged?: true };
  }
}
