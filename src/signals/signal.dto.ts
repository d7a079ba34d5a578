import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MENTIONS, NOTICE_SIGNALS, SIDES, SIGNAL_KINDS, SUGGESTED_COMMITMENTS, type Mention, type NoticeSignal, type Side, type SignalKind, type SuggestedCommitment } from './lexicon/lexicon.js';
import type { Signal } from './analyzer.js';
import { MESSAGE_DIRECTIONS, type MessageDirection } from './sides.js';

export const MAX_ANALYZE_TEXT = 20_000;

export class AnalyzeDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_ANALYZE_TEXT, description: 'French or English text, e.g. a comment not logged yet' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_ANALYZE_TEXT)
  text: string;

  @ApiPropertyOptional({ enum: MESSAGE_DIRECTIONS, description: 'As a comment: outbound reads it as our side, inbound as the other side' })
  @IsOptional()
  @IsIn(MESSAGE_DIRECTIONS)
  direction?: MessageDirection;

  @ApiPropertyOptional({ enum: SIDES, description: 'Who writes it (default: the direction\'s side, else counterpart). A bystander\'s signals are shown and suggest nothing' })
  @IsOptional()
  @IsIn(SIDES)
  side?: Side;
}

export class AnalyzedSignalView implements Signal {
  @ApiProperty({ enum: SIGNAL_KINDS }) kind: SignalKind;
  @ApiProperty({ description: 'The words matched, exactly as written: text.slice(start, end)' }) phrase: string;
  @ApiProperty({ description: 'Offset of the first character, in UTF-16 code units of the original text' }) start: number;
  @ApiProperty({ description: 'Offset just past the last character' }) end: number;
  @ApiPropertyOptional({ enum: SUGGESTED_COMMITMENTS, description: 'For a commitment: the kind of commitment it suggests' }) commitmentKind?: SuggestedCommitment;
  @ApiPropertyOptional({ enum: NOTICE_SIGNALS, description: 'For a legal threat that names one: the legal notice it points to' }) noticeType?: NoticeSignal;
  @ApiPropertyOptional({ enum: MENTIONS, description: 'Absent when the words are said; else why they are only mentioned: a mention is shown, never suggests anything' }) mention?: Mention;
  @ApiProperty({ description: 'The rule that matched: language, kind, and the pattern as the lexicon writes it' }) rule: string;
}

export class AnalysisView {
  @ApiProperty({ enum: SIDES, description: 'The side the text was read as' }) side: Side;
  @ApiProperty({ type: [AnalyzedSignalView] }) signals: AnalyzedSignalView[];
  @ApiPropertyOptional({ enum: ['legal_threat', 'de_escalating'], description: 'The state the other side\'s signals suggest; never applied by itself, never from our words, a bystander\'s or a mention' })
  suggestedState?: 'legal_threat' | 'de_escalating';
}
