import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

export const EVIDENCE_KINDS = ['url_capture', 'page_capture', 'file', 'text'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A page capture is asked for (pending) and made by the worker; every other kind is captured at once. */
export const EVIDENCE_STATUSES = ['pending', 'captured', 'failed'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/**
 * Content captured for the record. The bytes live in the evidence store under
 * their SHA-256; the row is never changed (a pending page capture is
 * completed once), and a database trigger refuses any other UPDATE, and
 * DELETE while the incident exists. A page capture's sha256 is its
 * manifest's, and its parts are in evidence_parts.
 */
@Entity('evidence')
export class Evidence {
  @IdColumn() id: string;
  @RefColumn() incidentId: string;
  @Column({ type: 'varchar', length: 20 }) kind: EvidenceKind;
  /** The URL asked for (url_capture). */
  @Column({ type: 'varchar', length: 2048, nullable: true }) sourceUrl: string | null;
  /** The URL that answered, after redirects (url_capture). */
  @Column({ type: 'varchar', length: 2048, nullable: true }) finalUrl: string | null;
  @Column({ type: 'integer', nullable: true }) httpStatus: number | null;
  /** The uploaded file's name (file). */
  @Column({ type: 'varchar', length: 255, nullable: true }) fileName: string | null;
  @Column({ type: 'varchar', length: 255 }) contentType: string;
  @Column({ type: 'integer' }) size: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @RefColumn({ nullable: true }) linkedCommentId: string | null;
  @RefColumn({ nullable: true }) linkedNoticeId: string | null;
  @RefColumn() capturedBy: string;
  @TimestampColumn() capturedAt: Date;
  @Column({ type: 'varchar', length: 20 }) status: EvidenceStatus;
  /** Why a page capture failed. */
  @Column({ type: 'text', nullable: true }) error: string | null;
}

export const PART_ROLES = ['screenshot', 'pdf', 'dom', 'html', 'headers', 'warc', 'report', 'report_html', 'manifest'] as const;
export type PartRole = (typeof PART_ROLES)[number];

/** One stored part of a page capture, its bytes in the evidence store under sha256. Never changed. */
@Entity('evidence_parts')
export class EvidencePart {
  @IdColumn() id: string;
  @RefColumn() evidenceId: string;
  /** The file name in the bundle, with its extension. */
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 30 }) role: PartRole;
  @Column({ type: 'varchar', length: 255 }) contentType: string;
  @Column({ type: 'integer' }) size: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'integer' }) position: number;
}
