import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';

/** A one-time link to set a password: only the token's hash is kept. */
@Entity('user_invites')
export class UserInvite {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @TimestampColumn() expiresAt: Date;
  @TimestampColumn({ nullable: true }) usedAt: Date | null;
  @RefColumn() createdBy: string;
  @TimestampColumn() createdAt: Date;
}
