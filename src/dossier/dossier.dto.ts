import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommentView } from '../comments/comment.dto.js';
import { CommitmentView } from '../commitments/commitment.dto.js';
import { EvidenceView } from '../evidence/evidence.dto.js';
import { IncidentDetailView } from '../incidents/incident.dto.js';
import { LegalNoticeView } from '../legal-notices/legal-notice.dto.js';
import { NoticeDecisionView } from '../legal-notices/notice-decision.dto.js';
import { PartyView } from '../parties/party.dto.js';
import { PostView } from '../posts/post.dto.js';
import { TimelineEventView, VerificationView } from '../timeline/timeline.dto.js';

export class DossierPartyView {
  @ApiProperty({ type: PartyView }) party: PartyView;
  @ApiProperty({ type: [String], example: ['counterpart', 'sender of LN-2026-0001'] }) roles: string[];
}

export class EscalationMoveView {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time', description: 'When the move happened' }) at: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded (later than `at` for a move logged late)' }) recordedAt: string;
  @ApiProperty({ description: 'User id, or "system"' }) actor: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ description: 'What made Calumet move it, e.g. a legal notice received' }) cause?: { type: string; id: string };
}

export class InReplyToView {
  @ApiProperty({ format: 'uuid' }) commentId: string;
  @ApiProperty({ description: 'Who wrote the message answered' }) author: string;
  @ApiProperty({ format: 'date-time' }) postedAt: string;
}

export class DossierCommentView extends CommentView {
  @ApiProperty({ description: 'How deep in the thread: 0 for a message that answers none' }) depth: number;
  @ApiProperty({ type: InReplyToView, nullable: true, description: 'The message this one answers' }) inReplyTo: InReplyToView | null;
}

export class DossierEvidenceView extends EvidenceView {
  @ApiProperty({ enum: ['intact', 'altered', 'missing'], description: 'The stored bytes hashed again now' }) content: 'intact' | 'altered' | 'missing';
}

export class DossierTimelineView {
  @ApiProperty({ type: VerificationView }) verification: VerificationView;
  @ApiProperty({ type: [TimelineEventView] }) events: TimelineEventView[];
}

export class DossierView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ description: 'The role it was made for: privileged notes and evidence are in it for legal and admin only' }) generatedFor: string;
  @ApiProperty({ example: 'Europe/Paris', description: 'CALUMET_TZ, in which deadlines are counted' }) timeZone: string;
  @ApiProperty({ type: IncidentDetailView }) incident: IncidentDetailView;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Names of the users the dossier mentions, by id' }) people: Record<string, string>;
  @ApiProperty({ type: [DossierPartyView] }) parties: DossierPartyView[];
  @ApiProperty({ type: [PostView] }) posts: PostView[];
  @ApiProperty({
    type: [DossierCommentView],
    description: 'The exchange as a tree, flattened: each reply right under the message it answers, siblings in the order they were posted',
  })
  thread: DossierCommentView[];
  @ApiProperty({ type: [EscalationMoveView] }) escalation: EscalationMoveView[];
  @ApiProperty({ type: [LegalNoticeView] }) notices: LegalNoticeView[];
  @ApiProperty({ type: [NoticeDecisionView], description: 'The decisions on those notices with their reasons (DSA art. 17), notice by notice, the first first' }) decisions: NoticeDecisionView[];
  @ApiProperty({ type: [CommitmentView], description: 'Promises made, with every check of them on the live page' }) commitments: CommitmentView[];
  @ApiProperty({ type: [DossierEvidenceView], nullable: true, description: 'null unless the reader is legal or admin' }) evidence: DossierEvidenceView[] | null;
  @ApiProperty({ type: DossierTimelineView }) timeline: DossierTimelineView;
}
