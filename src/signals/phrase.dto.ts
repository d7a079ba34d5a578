import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { iso, Trim } from '../common/dto-helpers.js';
import { LANGUAGES, NOTICE_SIGNALS, SIGNAL_KINDS, SUGGESTED_COMMITMENTS, type Language, type NoticeSignal, type SignalKind, type SuggestedCommitment } from './lexicon/lexicon.js';
import type { SignalPhrase } from './signal-phrase.entity.js';

export class CreatePhraseDto {
  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES) language: Language;
  @ApiProperty({ enum: SIGNAL_KINDS }) @IsIn(SIGNAL_KINDS) kind: SignalKind;
  @ApiPropertyOptional({ enum: SUGGESTED_COMMITMENTS, description: 'Required for a commitment: the commitment it suggests' })
  @IsOptional()
  @IsIn(SUGGESTED_COMMITMENTS)
  commitmentKind?: SuggestedCommitment;
  @ApiPropertyOptional({ enum: NOTICE_SIGNALS, description: 'For a legal threat: the legal notice it points to' }) @IsOptional() @IsIn(NOTICE_SIGNALS) noticeType?: NoticeSignal;
  @ApiProperty({
    maxLength: 300,
    example: 'expatwire ~3 déposée|protégée',
    description: 'Words matched whole, case and accents folded; `word*` a word starting so, `a|b` either, `~N` up to N words between (docs/signals.md)',
  })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  phrase: string;
}

export class PhraseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty({ enum: SIGNAL_KINDS }) kind: SignalKind;
  @ApiProperty({ enum: SUGGESTED_COMMITMENTS, nullable: true }) commitmentKind: SuggestedCommitment | null;
  @ApiProperty({ enum: NOTICE_SIGNALS, nullable: true }) noticeType: NoticeSignal | null;
  @ApiProperty() phrase: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(phrase: SignalPhrase): PhraseView {
    return { ...phrase, createdAt: iso(phrase.createdAt)! };
  }
}

export class PhrasesView {
  @ApiProperty({ description: 'The settings’ version: the seq of the last event of their timeline' }) version: number;
  @ApiProperty({ type: [PhraseView] }) items: PhraseView[];
}
