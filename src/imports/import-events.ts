import { defineTimelineEvents } from '../timeline/timeline-events.js';
import type { FileFormat } from './sources/source.js';
import type { Platform } from '../posts/post.types.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    /** A thread imported into the incident (by a user, or by the watch when it found something new). */
    'import.completed': {
      source: ImportSource;
      /** Where the thread is (absent from imports made before other places than WordPress). */
      platform?: Platform;
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

/** How a thread came in: read from its address (`rest`), synced by the watch, or from a file of one of the formats. */
export type ImportSource = 'rest' | 'watch' | FileFormat;

export const IMPORT_EVENTS = defineTimelineEvents(['import.completed', 'post.watch_changed']);
