import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

/**
 * A party's personal values taken out of the timelines: `inProgress` only inside
 * the unit of work that erases them, which is what lets the database delete
 * them (see TimelinePersonalValue).
 */
@Entity('timeline_erasures')
export class TimelineErasure {
  @IdColumn() id: string;
  @RefColumn() partyId: string;
  @TimestampColumn() at: Date;
  @Column({ type: 'varchar', length: 36 }) actor: string;
  @Column({ type: 'boolean' }) inProgress: boolean;
  @Column({ type: 'integer' }) valueCount: number;
}
