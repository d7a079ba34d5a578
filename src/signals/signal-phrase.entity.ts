import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimestampColumn } from '../database/columns.js';
import type { Language, NoticeSignal, SignalKind, SuggestedCommitment } from './lexicon/lexicon.js';

/** A phrase an admin adds to a language's lexicon for a kind (a brand's name, a local threat), in the lexicons' pattern syntax. */
@Entity('signal_phrases')
export class SignalPhrase {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 2 }) language: Language;
  @Column({ type: 'varchar', length: 30 }) kind: SignalKind;
  @Column({ type: 'varchar', length: 30, nullable: true }) commitmentKind: SuggestedCommitment | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) noticeType: NoticeSignal | null;
  @Column({ type: 'varchar', length: 300 }) phrase: string;
  @RefColumn() createdBy: string;
  @TimestampColumn() createdAt: Date;
}
