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
    };
  }
}
