import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { DsaCategory } from './dsa-categories.js';
import type { AutomatedDecision, ContentType, DecisionGround, DecisionKind, RedressRoute, SourceType } from './statement-of-reasons.js';

/** A decision taken on a legal notice, with what its statement of reasons says (DSA art. 17); a later decision supersedes it, both kept. */
@Entity('notice_decisions')
export class NoticeDecision {
  @IdColumn() id: string;
  @RefColumn() noticeId: string;
  @RefColumn() incidentId: string;
  /** 1 for the notice's first decision, 2 for the next… */
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'varchar', length: 30 }) kind: DecisionKind;
  @Column({ type: 'varchar', length: 500, nullable: true }) visibilityOther: string | null;
  /** YYYY-MM-DD: when a temporary restriction ends; null when it does not. */
  @Column({ type: 'varchar', length: 10, nullable: true }) endDate: string | null;
  @Column({ type: 'varchar', length: 40 }) decisionGround: DecisionGround;
  @Column({ type: 'varchar', length: 500, nullable: true }) illegalContentLegalGround: string | null;
  @Column({ type: 'text', nullable: true }) illegalContentExplanation: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) incompatibleContentGround: string | null;
  @Column({ type: 'text', nullable: true }) incompatibleContentExplanation: string | null;
  @Column({ type: 'boolean', nullable: true }) incompatibleContentIllegal: boolean | null;
  @Column({ type: 'varchar', length: 80 }) category: DsaCategory;
  @JsonColumn() contentType: ContentType[];
  @Column({ type: 'varchar', length: 500, nullable: true }) contentTypeOther: string | null;
  @Column({ type: 'varchar', length: 2, nullable: true }) contentLanguage: string | null;
  @Column({ type: 'varchar', length: 10 }) contentDate: string;
  @Column({ type: 'varchar', length: 10 }) applicationDate: string;
  @JsonColumn() territorialScope: string[];
  @Column({ type: 'text' }) decisionFacts: string;
  @Column({ type: 'varchar', length: 40 }) sourceType: SourceType;
  @Column({ type: 'boolean' }) automatedDetection: boolean;
  @Column({ type: 'varchar', length: 40 }) automatedDecision: AutomatedDecision;
  @JsonColumn() redress: RedressRoute[];
  /** How to use the redress: where to send a complaint, the settlement body… */
  @Column({ type: 'text', nullable: true }) redressDetails: string | null;
  @Column({ type: 'varchar', length: 500 }) puid: string;
  /** The comment the decision is about (the notice's), when there is one. */
  @RefColumn({ nullable: true }) commentId: string | null;
  /** The commitment that checks the removal on the live page, when one was made. */
  @RefColumn({ nullable: true }) commitmentId: string | null;
  /** The language the notifier and the author are written to. */
  @Column({ type: 'varchar', length: 5 }) language: string;
  @RefColumn() decidedBy: string;
  @TimestampColumn() decidedAt: Date;
}
