import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ISO_INPUT_FIELDS, IsoDateTime, Trim } from '../common/dto-helpers.js';
import { CreatePartyDto } from '../parties/party.dto.js';
import { CreateLegalNoticeDto } from './legal-notice.dto.js';

/** The roles a notice names a party in: each by a known party's id, or a new party recorded with the notice. */
export const NOTICE_PARTY_ROLES = ['sender', 'onBehalfOf', 'counsel'] as const;
export type NoticePartyRole = (typeof NOTICE_PARTY_ROLES)[number];

/**
 * A notice recorded in one go: its parties by role are known ones (their
 * ids) or new ones recorded with it (a counsel seen for the first time on
 * the letter). Every part is validated before anything is written; all of
 * it is written, or nothing.
 */
export class RecordNoticeDto extends CreateLegalNoticeDto {
  @ApiPropertyOptional({ type: CreatePartyDto, description: 'A new party to record as the sender (instead of senderPartyId)' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CreatePartyDto) senderParty?: CreatePartyDto;
  @ApiPropertyOptional({ type: CreatePartyDto, description: 'A new party to record as the one it is sent for (instead of onBehalfOfPartyId)' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CreatePartyDto) onBehalfOfParty?: CreatePartyDto;
  @ApiPropertyOptional({ type: CreatePartyDto, description: 'A new party to record as their counsel (instead of counselPartyId)' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CreatePartyDto) counselParty?: CreatePartyDto;
}
// The dates it inherits say in the OpenAPI document how they are read, as its parent's do.
ISO_INPUT_FIELDS.set(RecordNoticeDto.name, new Set(ISO_INPUT_FIELDS.get(CreateLegalNoticeDto.name)));

/** A deadline set by hand (PATCH /api/legal-notices/:id with respondBy and respondByReason): both are needed. */
export class SetDeadlineDto {
  @ApiProperty({ format: 'date-time', description: 'The end of the time to answer' }) @IsoDateTime() respondBy: Date;
  @ApiProperty({ maxLength: 2000, description: 'Why the deadline is set by hand; kept in the timeline' })
  @Trim() @IsString() @MinLength(1, { message: 'respondByReason must not be empty' }) @MaxLength(2000) respondByReason: string;
}
