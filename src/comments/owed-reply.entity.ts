import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RefColumn, TimestampColumn } from '../database/columns.js';

/**
 * A reply a person owes, kept by the writes (owed-replies.ts): one row per
 * person and inbound message awaiting a reply (awaiting-reply.ts) on an open
 * incident they own or back up, due at the message's time plus the response
 * SLA of the incident's severity. Today counts and lists a person's replies
 * by the index (user_id, due_at) without reading a comment; the comments are
 * the truth, and the recount rebuilds these rows from them.
 */
@Entity('owed_replies')
export class OwedReply {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) commentId: string;
  @RefColumn() incidentId: string;
  @TimestampColumn() dueAt: Date;
}

/** What the owed replies were last counted with: the SLAs (a change of them recounts at boot) and when (the daily recount). One row. */
@Entity('owed_replies_basis')
export class OwedRepliesBasis {
  @PrimaryColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) sla: string | null;
  @TimestampColumn({ nullable: true }) countedAt: Date | null;
}
