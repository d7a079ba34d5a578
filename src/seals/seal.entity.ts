import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, TimestampColumn } from '../database/columns.js';

/** The head of one incident's timeline when a seal was made. */
export interface SealHead {
  incidentId: string;
  seq: number;
  hash: string;
}

/** The heads of every timeline at one moment, combined into one root hash and sent outside Calumet. */
@Entity('seals')
export class Seal {
  @IdColumn() id: string;
  @TimestampColumn() madeAt: Date;
  @Column({ type: 'varchar', length: 64 }) root: string;
  @JsonColumn() heads: SealHead[];
  @Column({ type: 'integer' }) incidents: number;
  /** Where a copy was sent: `email:<address>` and `webhook`. */
  @JsonColumn() sentTo: string[];
  /** A user id, or `system` for the daily seal. */
  @Column({ type: 'varchar', length: 36 }) madeBy: string;
  /** The day (in CALUMET_TZ) of a daily seal, one per day; null for one made on demand. */
  @Column({ type: 'varchar', length: 10, nullable: true }) dailyKey: string | null;
}
