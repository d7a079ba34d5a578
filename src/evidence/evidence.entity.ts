import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

export const EVIDENCE_KINDS = ['url_capture', 'file', 'text'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Content captured for the record. The bytes live in the evidence store under
 * their SHA-256; the row is never changed, and a database trigger refuses
 * UPDATE, and DELETE while the incident exists.
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
}
