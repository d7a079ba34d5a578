import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { ReminderKind, ReminderStatus, SubjectType } from './reminder-kinds.js';
import type { NoteFacts } from './reminder-note.js';

/**
 * One reminder to one user. The row is the truth; a BullMQ delayed job whose
 * id carries the row's `version` is only its alarm clock. Any change of
 * `dueAt` (snooze, a moved deadline) adds one to the version, so older jobs
 * find themselves stale and do nothing.
 */
@Entity('reminders')
export class Reminder {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 30 }) kind: ReminderKind;
  @Column({ type: 'varchar', length: 20 }) subjectType: SubjectType;
  @RefColumn() subjectId: string;
  @RefColumn() incidentId: string;
  @RefColumn() recipientUserId: string;
  @TimestampColumn() dueAt: Date;
  /** When the thing reminded of is owed: a notice's respondBy for its warnings, the first due time of a reply chain. */
  @TimestampColumn() owedBy: Date;
  @Column({ type: 'varchar', length: 10 }) status: ReminderStatus;
  /** Its place in its chain: the nth response_due for one comment, the nth lead time of a deadline. */
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'integer' }) version: number;
  /** Delivery runs so far. */
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** The note as facts, said in each recipient's language (a note typed by a person has none). */
  @JsonColumn({ nullable: true }) noteFacts: NoteFacts | null;
  @TimestampColumn({ nullable: true }) sentAt: Date | null;
  @TimestampColumn({ nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) cancelReason: string | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'varchar', length: 36 }) createdBy: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
}
