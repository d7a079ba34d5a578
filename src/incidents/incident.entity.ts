import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { IncidentState, Severity } from './escalation.js';

export class LegalHold {
  @Column({ type: 'boolean', default: false }) on: boolean;
  @Column({ type: 'varchar', length: 1000, nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) by: string | null;
  @TimestampColumn({ nullable: true }) at: Date | null;
}

@Entity('incidents')
export class Incident {
  @IdColumn() id: string;
  /** Human reference, e.g. INC-2026-0007. */
  @Column({ type: 'varchar', length: 20 }) ref: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ type: 'varchar', length: 10 }) severity: Severity;
  @Column({ type: 'varchar', length: 20 }) state: IncidentState;
  @RefColumn({ nullable: true }) ownerId: string | null;
  @RefColumn({ nullable: true }) backupOwnerId: string | null;
  @RefColumn({ nullable: true }) counterpartId: string | null;
  @JsonColumn() tags: string[];
  @Column(() => LegalHold) legalHold: LegalHold;
  @TimestampColumn() openedAt: Date;
  @TimestampColumn() stateChangedAt: Date;
  @TimestampColumn({ nullable: true }) resolvedAt: Date | null;
  @TimestampColumn({ nullable: true }) closedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @RefColumn() createdBy: string;
  /** Optimistic lock: every change of the incident row adds one. */
  @Column({ type: 'integer' }) version: number;
  @TimestampColumn() updatedAt: Date;
}
