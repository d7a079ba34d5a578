import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

/**
 * A person's private calendar feed (GET /calendar/<secret>.ics). The secret
 * in the address is the only credential, so only its SHA-256 is kept: the
 * table opens no feed. One feed per person; renewing replaces the row.
 */
@Entity('calendar_feeds')
export class CalendarFeed {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @Column({ type: 'varchar', length: 64, select: false }) secretHash: string;
  @TimestampColumn() createdAt: Date;
}
