import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { DeadlineBasisFacts, ValidityWarning } from '../deadlines/deadline-calculator.js';
import type { NoticeType, ReceivedVia } from '../deadlines/notice-kinds.js';
import type { ActionTaken, DemandKind, DsaNoticeFacts, NoticeDirection } from './legal-notice.types.js';
import type { NoticeStatus } from './notice-status.js';


export interface Demand {
  kind: DemandKind;
  description: string;
  targetUrl: string | null;
}

/** A notice sent by registered mail: its tracking number and the acknowledgment of receipt. */
export class RegisteredMail {
  @Column({ type: 'varchar', length: 100, nullable: true }) trackingNumber: string | null;
  @TimestampColumn({ nullable: true }) sentAt: Date | null;
  @TimestampColumn({ nullable: true }) acknowledgedAt: Date | null;
}

/** A formal legal notice received or sent in an incident, with the deadline to answer it. */
@Entity('legal_notices')
export class LegalNotice {
  @IdColumn() id: string;
  /** Human reference, e.g. LN-2026-0001. */
  @Column({ type: 'varchar', length: 20 }) ref: string;
  @RefColumn() incidentId: string;
  @Column({ type: 'varchar', length: 30 }) type: NoticeType;
  @Column({ type: 'varchar', length: 10 }) direction: NoticeDirection;
  @RefColumn({ nullable: true }) senderPartyId: string | null;
  @RefColumn({ nullable: true }) onBehalfOfPartyId: string | null;
  @RefColumn({ nullable: true }) counselPartyId: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) receivedVia: ReceivedVia | null;
  @Column(() => RegisteredMail) registeredMail: RegisteredMail;
  @TimestampColumn({ nullable: true }) sentAt: Date | null;
  @TimestampColumn({ nullable: true }) receivedAt: Date | null;
  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'varchar', length: 2 }) jurisdiction: string;
  @Column({ type: 'text', nullable: true }) legalBasis: string | null;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  /** The reply the requester asks to have published (a right of reply must state it: décret n° 2007-1527, art. 1). */
  @Column({ type: 'text', nullable: true }) requestedReply: string | null;
  @JsonColumn() demands: Demand[];
  /** The comment that carried the notice, when it came as one. */
  @RefColumn({ nullable: true }) commentId: string | null;
  /** The deadline the notice itself states (YYYY-MM-DD); formal notices count from it. */
  @Column({ type: 'varchar', length: 10, nullable: true }) statedDeadline: string | null;
  /** When the content the notice is about was published; else the incident's posts tell. */
  @TimestampColumn({ nullable: true }) contentPublishedAt: Date | null;
  @Column({ type: 'varchar', length: 20 }) status: NoticeStatus;
  @TimestampColumn() statusChangedAt: Date;
  @TimestampColumn({ nullable: true }) respondBy: Date | null;
  /** Set by hand (with a reason in the timeline): date changes no longer recompute it. */
  @Column({ type: 'boolean' }) respondByManual: boolean;
  @Column({ type: 'varchar', length: 1000, nullable: true }) deadlineBasis: string | null;
  /** The basis as facts, said in each reader's language; null for notices recorded before (their sentence stays). */
  @JsonColumn({ nullable: true }) deadlineBasisFacts: DeadlineBasisFacts | null;
  @JsonColumn() validity: ValidityWarning[];
  @Column({ type: 'varchar', length: 10 }) actionTaken: ActionTaken;
  /** The legal or admin user reminded of its deadlines; the incident's owner is told as well. */
  @RefColumn({ nullable: true }) assigneeId: string | null;
  /** Legal and admin only: never in a timeline payload, never in another role's answer. */
  @Column({ type: 'text', nullable: true }) privilegedNotes: string | null;
  /** A notice under the DSA (art. 16): its addresses, category, notifier and good-faith statement; null for any other notice. */
  @JsonColumn({ nullable: true }) dsaNotice: DsaNoticeFacts | null;
  @RefColumn() createdBy: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
}
