import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, RefColumn, TimestampColumn } from '../database/columns.js';

/** Append-only: no API changes it, and a database trigger refuses UPDATE and DELETE. */
@Entity('timeline_events')
export class TimelineEvent {
  @IdColumn() id: string;
  @RefColumn() incidentId: string;
  @Column({ type: 'integer' }) seq: number;
  @TimestampColumn() at: Date;
  /** A user id, or `system`. */
  @Column({ type: 'varchar', length: 36 }) actor: string;
  @Column({ type: 'varchar', length: 64 }) type: string;
  @JsonColumn() payload: Record<string, unknown>;
  @Column({ type: 'varchar', length: 64 }) prevHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}
