import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { Channel, DeliveryStatus } from './delivery-status.js';


/** One reminder delivered on one channel; the unique idempotency key makes a second delivery impossible. */
@Entity('deliveries')
export class Delivery {
  @IdColumn() id: string;
  @RefColumn() reminderId: string;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'varchar', length: 10 }) channel: Channel;
  /** `reminderId:sequence:channel`. */
  @Column({ type: 'varchar', length: 100 }) idempotencyKey: string;
  @Column({ type: 'varchar', length: 10 }) status: DeliveryStatus;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @TimestampColumn() startedAt: Date;
  @TimestampColumn({ nullable: true }) sentAt: Date | null;
  @TimestampColumn() updatedAt: Date;
}
