import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { MarkedSubject, MarkStatus, PressGround, PressOffence } from './prescription.types.js';

/**
 * A message or post of an incident marked as allegedly defamatory or
 * insulting, with the date its press-law prescription falls (loi du 29
 * juillet 1881, art. 65 and 65-3), computed when marked or changed from the
 * rule in force.
 */
@Entity('prescription_marks')
export class PrescriptionMark {
  @IdColumn() id: string;
  @RefColumn() incidentId: string;
  @Column({ type: 'varchar', length: 10 }) subjectType: MarkedSubject;
  @RefColumn() subjectId: string;
  @Column({ type: 'varchar', length: 20 }) offence: PressOffence;
  /** The art. 65-3 ground that makes the prescription one year, or null (three months). */
  @Column({ type: 'varchar', length: 30, nullable: true }) ground: PressGround | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** When the words were published: the clock's start. */
  @TimestampColumn() publishedAt: Date;
  /** The end of the last day to act, in CALUMET_TZ; null when no rule applies. */
  @TimestampColumn({ nullable: true }) prescribesAt: Date | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) rulePeriod: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) ruleReference: string | null;
  @Column({ type: 'varchar', length: 10 }) status: MarkStatus;
  @Column({ type: 'varchar', length: 36 }) markedBy: string;
  @TimestampColumn() markedAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) removedBy: string | null;
  @TimestampColumn({ nullable: true }) removedAt: Date | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) removedReason: string | null;
  /** When the mark last changed (marked, changed, removed): a calendar event's LAST-MODIFIED. */
  @TimestampColumn() updatedAt: Date;
}
