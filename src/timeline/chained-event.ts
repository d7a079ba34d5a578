import { Column } from 'typeorm';
import { IdColumn, JsonColumn, TimestampColumn } from '../database/columns.js';

/** The columns of an event of a hash chain (an incident's timeline, the settings'): each table adds what names its chain. */
export abstract class ChainedEvent {
  @IdColumn() id: string;
  @Column({ type: 'integer' }) seq: number;
  @TimestampColumn() at: Date;
  /** A user id, or `system`. */
  @Column({ type: 'varchar', length: 36 }) actor: string;
  @Column({ type: 'varchar', length: 64 }) type: string;
  @JsonColumn() payload: Record<string, unknown>;
  @Column({ type: 'varchar', length: 64 }) prevHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}
