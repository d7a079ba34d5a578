import { Column, Entity } from 'typeorm';
import { IdColumn, TimestampColumn } from '../database/columns.js';
import type { PartyKind } from './party.types.js';

/** A person or organisation outside the team, reused across incidents. */
@Entity('parties')
export class Party {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 20 }) kind: PartyKind;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) organisation: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Column({ type: 'varchar', length: 2048, nullable: true }) url: string | null;
  @Column({ type: 'text', nullable: true }) postalAddress: string | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
  /** When the party's personal data was erased (name, details, messages): the row stays, a tombstone. */
  @TimestampColumn({ nullable: true }) erasedAt: Date | null;
}
