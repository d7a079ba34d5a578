import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { IndexingDesired, IndexingObserved, Ownership, Platform, WatchState } from './post.types.js';

export class Indexing {
  @Column({ type: 'varchar', length: 10, default: 'index' }) desired: IndexingDesired;
  @Column({ type: 'varchar', length: 10, default: 'unknown' }) observed: IndexingObserved;
  @TimestampColumn({ nullable: true }) observedAt: Date | null;
  /** When the page is checked next, while what it shows differs from what is desired. */
  @TimestampColumn({ nullable: true }) nextCheckAt: Date | null;
}

/** A watch on a post: the worker syncs its comments into the incident every WATCH_INTERVAL while the incident is open. */
export class Watch implements WatchState {
  @RefColumn({ nullable: true }) incidentId: string | null;
  @TimestampColumn({ nullable: true }) nextSyncAt: Date | null;
  @TimestampColumn({ nullable: true }) lastSyncAt: Date | null;
  /** What the last sync found, or why it failed. */
  @Column({ type: 'varchar', length: 1000, nullable: true }) lastResult: string | null;
}

/** A published item an incident is about: one of ours, or someone else's. */
@Entity('posts')
export class Post {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 20 }) platform: Platform;
  @Column({ type: 'varchar', length: 20 }) ownership: Ownership;
  @Column({ type: 'varchar', length: 2048 }) url: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) title: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) authorName: string | null;
  @TimestampColumn({ nullable: true }) publishedAt: Date | null;
  @RefColumn({ nullable: true }) ownerId: string | null;
  @Column(() => Indexing) indexing: Indexing;
  @Column({ type: 'varchar', length: 100, nullable: true }) externalId: string | null;
  @Column(() => Watch) watch: Watch;
  /** Whether readers may comment under the post (WordPress's comment status, read by an import or the watch, or said by hand); null when not known. */
  @Column({ type: 'boolean', nullable: true }) commentsOpen: boolean | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
}
