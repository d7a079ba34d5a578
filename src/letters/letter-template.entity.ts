import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RefColumn, TimestampColumn } from '../database/columns.js';
import type { LetterKey, LetterLanguage } from './letter-kinds.js';

/** One letter in one language: a subject and a body with `{{placeholders}}`; data, seeded by a migration and edited by admins. */
@Entity('letter_templates')
export class LetterTemplate {
  @PrimaryColumn({ name: 'letter_key', type: 'varchar', length: 40 }) key: LetterKey;
  @PrimaryColumn({ type: 'varchar', length: 2 }) language: LetterLanguage;
  @Column({ type: 'varchar', length: 300 }) subject: string;
  @Column({ type: 'text' }) body: string;
  /** The admin who last edited it; null while it is as seeded. */
  @RefColumn({ nullable: true }) updatedBy: string | null;
  @TimestampColumn({ nullable: true }) updatedAt: Date | null;
}
