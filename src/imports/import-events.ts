import { defineTimelineEvents } from '../timeline/timeline-events.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    /** A WordPress thread imported into the incident (by a user, or by the watch when it found something new). */
    'import.completed': {
      source: ImportSource;
      postId: string;
      externalPostId: string;
      postLinked: boolean;
      added: number;
      updated: number;
      deleted: number;
      unchanged: number;
      signals: number;
      /** New inbound comments with a legal threat, whose owner was reminded at once. */
      alerted: string[];
      /** The import's row (GET /api/imports/:id) and the batches it was written in; absent for the watch's syncs. */
      importId?: string;
      batches?: number;
    };
    'post.watch_changed': { postId: string; watching: boolean };
  }
}

export type ImportSource = 'rest' | 'wxr' | 'watch';

export const IMPORT_EVENTS = defineTimelineEvents(['import.completed', 'post.watch_changed']);
