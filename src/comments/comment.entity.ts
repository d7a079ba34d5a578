import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { Channel, CommentStatus, Direction } from './comment.types.js';

/** A signal as stored with its comment (src/signals reads them); signals stored before rules were named have no rule until the thread is read again. */
export interface Signal {
  kind: string;
  phrase: string;
  start: number;
  end: number;
  commitmentKind?: string;
  noticeType?: string;
  mention?: string;
  rule?: string;
}

export interface Revision {
  body: string;
  /** When this body was last seen before it changed. */
  seenAt: string;
}

/** One message of the exchange, whatever the medium; threaded by parentId. */
@Entity('comments')
export class Comment {
  @IdColumn() id: string;
  @RefColumn() incidentId: string;
  @RefColumn({ nullable: true }) postId: string | null;
  @RefColumn({ nullable: true }) parentId: string | null;
  @Column({ type: 'varchar', length: 10 }) direction: Direction;
  @Column({ type: 'varchar', length: 20 }) channel: Channel;
  @RefColumn({ nullable: true }) partyId: string | null;
  @RefColumn({ nullable: true }) authorUserId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) authorName: string | null;
  @TimestampColumn() postedAt: Date;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 2048, nullable: true }) url: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) externalId: string | null;
  @Column({ type: 'varchar', length: 10 }) status: CommentStatus;
  @Column({ type: 'boolean' }) needsResponse: boolean;
  /** The outbound comment that answered this one. */
  @RefColumn({ nullable: true }) respondedById: string | null;
  @JsonColumn() signals: Signal[];
  @JsonColumn() revisions: Revision[];
  @RefColumn() createdBy: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
  /** When its author's erasure took its body, revisions and signals (the row stays, a tombstone). */
  @TimestampColumn({ nullable: true }) erasedAt: Date | null;
}
