import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../common/dto-helpers.js';

export class AcceptSuggestionDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Your changes to what is suggested: for a state, {reason} (defaults to the prompting words); for a legal notice or a commitment, any field of their POST body, over the draft; none for a same_party merge',
  })
  @IsOptional()
  @IsObject()
  edits?: Record<string, unknown>;
}

export class DismissSuggestionDto {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(1000) reason?: string;
}

export class SuggestionOutcomeView {
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['accepted', 'dismissed'] }) decision: 'accepted' | 'dismissed';
  @ApiPropertyOptional({ description: 'What accepting created or changed: {type: incident | legal_notice | commitment, id}' })
  result?: { type: string; id: string };
}
