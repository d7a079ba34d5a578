import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';

export const SEARCH_TYPES = ['incident', 'comment', 'party', 'notice'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export class SearchQuery extends PageQuery {
  @ApiProperty({ maxLength: 200, description: 'Words to find, in any order; case and accents ignored, the last word may be a beginning ("débu" finds "débutant")' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) @Matches(/[\p{L}\p{N}]/u, { message: 'q must contain a letter or a digit' })
  q: string;

  @ApiPropertyOptional({ description: `Comma-separated kinds of rows to find among ${SEARCH_TYPES.join(', ')} (all by default)`, example: 'comment,notice' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((type) => type.trim()).filter(Boolean) : value))
  @IsArray() @ArrayNotEmpty() @IsIn(SEARCH_TYPES, { each: true })
  types?: SearchType[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the incident and what belongs to it (its comments and notices)' })
  @IsOptional() @IsUUID()
  incidentId?: string;
}

export class SearchHit {
  @ApiProperty({ enum: SEARCH_TYPES }) type: SearchType;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The incident the row belongs to (itself for an incident; null for a party)' }) incidentId: string | null;
  @ApiProperty({ nullable: true, example: 'INC-2026-0007' }) incidentRef: string | null;
  @ApiProperty({ description: 'Plain text: the incident’s title, the comment’s author, the party’s name, the notice’s ref' }) title: string;
  @ApiProperty({ description: 'HTML: an excerpt around the match, escaped, the matched words in <mark>', example: 'I invoke my <mark>droit</mark> de réponse…' })
  snippet: string;
  @ApiProperty({ description: 'Relevance, higher first; comparable within one answer only' }) rank: number;
}
