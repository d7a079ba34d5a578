import { defineTimelineEvents } from '../timeline/timeline-events.js';
import type { EvidenceKind } from './evidence.entity.js';

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    'evidence.added': {
      evidenceId: string;
      kind: EvidenceKind;
      sha256: string;
      size: number;
      contentType: string;
      sourceUrl: string | null;
      linkedCommentId: string | null;
      linkedNoticeId: string | null;
      /** A page capture: how many parts its manifest (whose hash is sha256) lists. */
      parts?: number;
    };
    'evidence.capture_requested': { evidenceId: string; sourceUrl: string };
    'evidence.capture_failed': { evidenceId: string; sourceUrl: string; error: string };
  }
}

export const EVIDENCE_EVENTS = defineTimelineEvents(['evidence.added', 'evidence.capture_requested', 'evidence.capture_failed']);
