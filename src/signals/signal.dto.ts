import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { SIGNAL_KINDS, SUGGESTED_COMMITMENTS, type SignalKind, type SuggestedCommitment } from './lexicon/lexicon.js';
import type { Signal } from './analyzer.js';

export const MAX_ANALYZE_TEXT = 20_000;

export class AnalyzeDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_ANALYZE_TEXT, description: 'French or English text, e.g. a comment not logged yet' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_ANALYZE_TEXT)
  text: string;
}

export class AnalyzedSignalView implements Signal {
  @ApiProperty({ enum: SIGNAL_KINDS }) kind: SignalKind;
  @ApiProperty({ description: 'The words matched, exactly as written: text.slice(start, end)' }) phrase: string;
  @ApiProperty({ description: 'Offset of the first character, in UTF-16 code units of the original text' }) start: number;
  @ApiProperty({ description: 'Offset just past the last character' }) end: number;
  @ApiPropertyOptional({ enum: SUGGESTED_COMMITMENTS, description: 'For a commitment: the kind of commitment it suggests' }) commitmentKind?: SuggestedCommitment;
}

export class AnalysisView {
  @ApiProperty({ type: [AnalyzedSignalView] }) signals: AnalyzedSignalView[];
  @ApiPropertyOptional({ enum: ['legal_threat', 'de_escalating'], description: 'The state the signals suggest; never applied by itself' })
  suggestedState?: 'legal_threat' | 'de_escalating';
}
