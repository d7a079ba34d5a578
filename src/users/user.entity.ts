import { Column, Entity } from 'typeorm';
import { IdColumn, JsonColumn, TimestampColumn } from '../database/columns.js';
import type { Role } from '../common/roles.js';

@Entity('users')
export class User {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 254 }) email: string;
  @Column({ type: 'varchar', length: 20 }) role: Role;
  @Column({ type: 'varchar', length: 64, select: false }) tokenHash: string;
  /** When the API token was made and shown; null when nobody ever saw it (a person added on the desk). */
  @TimestampColumn({ nullable: true }) tokenIssuedAt: Date | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** The admin Calumet made at start (first start, or CALUMET_ADMIN_TOKEN); there is one at most. */
  @Column({ type: 'boolean', default: false, select: true }) bootstrap: boolean;
  /** scrypt hash of the web password, set through an invite link; null until then. */
  @Column({ type: 'varchar', length: 200, nullable: true, select: false }) passwordHash: string | null;
  /** The language the person chose on the web desk (or the admin chose on their invite); null follows the browser. */
  @Column({ type: 'varchar', length: 5, nullable: true }) locale: string | null;
  /** Names the user signs with on blogs and networks: an imported comment under one of them is ours (outbound). */
  @JsonColumn() handles: string[];
  @TimestampColumn() createdAt: Date;
}
