import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { HTTP_URL, iso, Lower, Patchable, Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import type { Party } from './party.entity.js';
import { PARTY_KINDS, type PartyKind } from './party.types.js';

export class CreatePartyDto {
  @ApiProperty({ enum: PARTY_KINDS }) @IsIn(PARTY_KINDS) kind: PartyKind;
  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Trim() @IsString() @MaxLength(200) organisation?: string;
  @ApiPropertyOptional({ maxLength: 254 }) @IsOptional() @Lower() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ maxLength: 2048 }) @IsOptional() @IsUrl(HTTP_URL) @MaxLength(2048) url?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) postalAddress?: string;
  @ApiPropertyOptional({ maxLength: 10000 }) @IsOptional() @IsString() @MaxLength(10000) notes?: string;
}

export class UpdatePartyDto {
  @ApiPropertyOptional({ enum: PARTY_KINDS }) @Patchable() @IsIn(PARTY_KINDS) kind?: PartyKind;
  @ApiPropertyOptional({ maxLength: 200 }) @Patchable() @Trim() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ maxLength: 200, nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(200) organisation?: string | null;
  @ApiPropertyOptional({ maxLength: 254, nullable: true }) @IsOptional() @Lower() @IsEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ maxLength: 2048, nullable: true }) @IsOptional() @IsUrl(HTTP_URL) @MaxLength(2048) url?: string | null;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true }) @IsOptional() @IsString() @MaxLength(1000) postalAddress?: string | null;
  @ApiPropertyOptional({ maxLength: 10000, nullable: true }) @IsOptional() @IsString() @MaxLength(10000) notes?: string | null;
}

export class ListPartiesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words of the name, organisation, email or notes, in any order; case, accents and word endings ignored' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class PartyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind: PartyKind;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true }) organisation: string | null;
  @ApiProperty({ nullable: true }) email: string | null;
  @ApiProperty({ nullable: true }) url: string | null;
  @ApiProperty({ nullable: true }) postalAddress: string | null;
  @ApiProperty({ nullable: true }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When its personal data was erased (POST /api/parties/:id/erase)' }) erasedAt: string | null;

  static of(party: Party): PartyView {
    return { ...party, createdAt: iso(party.createdAt)!, updatedAt: iso(party.updatedAt)!, erasedAt: iso(party.erasedAt ?? null) };
  }
}

export class MergePartyDto {
  @ApiProperty({ format: 'uuid', description: 'The party that was the same person: it goes, and what named it names this one' }) @IsUUID() partyId: string;
}

export class MergeView {
  @ApiProperty({ type: PartyView, description: 'The party kept, with the details it took from the other' }) party: PartyView;
  @ApiProperty({ type: PartyView, description: 'The party merged into it, as it was' }) merged: PartyView;
  @ApiProperty({ type: [String], description: 'The incidents whose timeline records the merge' }) incidentIds: string[];
}
