import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

/** An in-app notification: what GET /api/me/notifications lists. */
@Entity('notifications')
export class Notification {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  /** The reminder delivered; null for a notice about the desk itself (a failed backup). */
  @RefColumn({ nullable: true }) reminderId: string | null;
  @RefColumn({ nullable: true }) incidentId: string | null;
  @Column({ type: 'varchar', length: 30 }) kind: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 2048 }) url: string;
  @TimestampColumn() dueAt: Date;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) readAt: Date | null;
}
