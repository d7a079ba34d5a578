import { Column, Entity, Index } from 'typeorm';
import type { Actor } from '../common/roles.js';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { ImportSource } from './import-events.js';
import type { AddressSourceName } from './sources/source.js';

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface ImportTotals {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  signals: number;
}

/** What the import was asked for: enough to read its thread again when it is resumed. */
export interface ImportRequest {
  /** A file import: the thread asked for (a WXR's post slug or id, a Disqus thread, an outbox's first note). */
  post?: string;
  /** An address import: the post's address as given. */
  postUrl?: string;
  /** An address import: the place it was read from (absent: WordPress, as imports were before other places). */
  place?: AddressSourceName;
  watch?: boolean;
}

/**
 * One import of a thread (from any place), written in batches (each its own unit of
 * work): its progress, and the cursor of its last batch, so an import cut
 * short (a crash, a restart) is finished by whichever process resumes it.
 */
@Entity('imports')
@Index('ix_imports_status', ['status'])
export class ImportRun {
  @IdColumn() id: string;
  @RefColumn() incidentId: string;
  @RefColumn({ nullable: true }) postId: string | null;
  @Column({ type: 'varchar', length: 10 }) source: ImportSource;
  @Column({ type: 'varchar', length: 10 }) status: ImportStatus;
  @JsonColumn() actor: Actor;
  @JsonColumn() request: ImportRequest;
  /** The staged export (WXR), removed once the import has finished. */
  @Column({ type: 'varchar', length: 1000, nullable: true }) filePath: string | null;
  /** Comments of the thread, in the order they are written. */
  @Column({ type: 'integer' }) total: number;
  /** Comments of the thread written so far: the next batch starts there. */
  @Column({ type: 'integer' }) done: number;
  @Column({ type: 'integer' }) batches: number;
  /** The WordPress id of the last comment of the last batch written. */
  @Column({ type: 'varchar', length: 100, nullable: true }) lastExternalId: string | null;
  @JsonColumn() totals: ImportTotals;
  /** The post had imported comments before: a new legal threat alerts the owner. */
  @Column({ type: 'boolean' }) reimport: boolean;
  @Column({ type: 'boolean' }) postLinked: boolean;
  @JsonColumn() alerted: string[];
  @Column({ type: 'varchar', length: 1000, nullable: true }) error: string | null;
  /** The process running it, trusted until leaseUntil. */
  @Column({ type: 'varchar', length: 100, nullable: true }) holder: string | null;
  @TimestampColumn() leaseUntil: Date;
  /** Times another process took it over (a crash, or a failure); past MAX_RESUMES it is failed. */
  @Column({ type: 'integer' }) resumes: number;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
  @TimestampColumn({ nullable: true }) completedAt: Date | null;
}
