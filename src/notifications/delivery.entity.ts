import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

export const CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * sending: claimed, the send may be under way; sent; failed: the send was
 * refused and will be retried; unknown: the process died while sending, so
 * it is not sent again (at most once per channel, see docs/reminders.md).
 */
export const DELIVERY_STATUSES = ['sending', 'sent', 'failed', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

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
