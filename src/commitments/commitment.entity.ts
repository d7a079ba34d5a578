import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { CommitmentKind, CommitmentStatus } from './commitment-status.js';
import type { CheckReason, Verdict } from '../page-checks/judge.js';
import type { RobotsDirectives } from '../page-checks/robots.js';

/** A promise made to a party: an article put in noindex, a mention removed, a call returned. */
@Entity('commitments')
export class Commitment {
  @IdColumn() id: string;
  @RefColumn() incidentId: string;
  @Column({ type: 'varchar', length: 30 }) kind: CommitmentKind;
  @Column({ type: 'text' }) description: string;
  @RefColumn({ nullable: true }) ownerId: string | null;
  @RefColumn({ nullable: true }) promisedToPartyId: string | null;
  @TimestampColumn() promisedAt: Date;
  @TimestampColumn({ nullable: true }) notBefore: Date | null;
  @TimestampColumn({ nullable: true }) dueAt: Date | null;
  @Column({ type: 'varchar', length: 2048, nullable: true }) targetUrl: string | null;
  /** The post behind targetUrl, whose observed indexing each check updates. */
  @RefColumn({ nullable: true }) postId: string | null;
  /** For remove_mention: the text that must no longer appear on the page; for publish_reply: the reply that must appear on it, in full. */
  @Column({ type: 'text', nullable: true }) mentionText: string | null;
  @Column({ type: 'varchar', length: 30 }) status: CommitmentStatus;
  @TimestampColumn({ nullable: true }) doneAt: Date | null;
  @TimestampColumn({ nullable: true }) verifiedAt: Date | null;
  /** When the page is checked next: while done but not yet verified, then while watched after verification. */
  @TimestampColumn({ nullable: true }) nextCheckAt: Date | null;
  /** A verified commitment's page is checked again until then (RECHECK_FOR after it was verified). */
  @TimestampColumn({ nullable: true }) watchUntil: Date | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) cancelReason: string | null;
  @RefColumn() createdBy: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
}


/** One check of a commitment on the live page. */
@Entity('commitment_observations')
export class Observation {
  @IdColumn() id: string;
  @RefColumn() commitmentId: string;
  @TimestampColumn() at: Date;
  @Column({ type: 'varchar', length: 2048 }) url: string;
  @Column({ type: 'varchar', length: 2048, nullable: true }) finalUrl: string | null;
  @Column({ type: 'integer', nullable: true }) httpStatus: number | null;
  @JsonColumn({ nullable: true }) directives: RobotsDirectives | null;
  @Column({ type: 'varchar', length: 10 }) verdict: Verdict;
  /** Why the check failed or could not be made. */
  @Column({ type: 'varchar', length: 1000, nullable: true }) detail: string | null;
  /** Why the page could not be fetched, or what the place said of its message, as a code and its values (CheckReason): the desk says it in the reader's language. */
  @JsonColumn({ nullable: true }) reason: CheckReason | null;
}
