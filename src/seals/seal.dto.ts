import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { iso } from '../common/dto-helpers.js';
import type { Seal } from './seal.entity.js';

const HEX64 = /^[0-9a-f]{64}$/;

export class SealHeadDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) seq: number;
  @ApiProperty({ description: 'Hex SHA-256 of the event at seq' }) @IsString() @Matches(HEX64, { message: 'hash must be 64 lower-case hex digits' }) hash: string;
}

export class SealView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ description: 'Hex SHA-256 over the canonical JSON of the heads [[incidentId, seq, hash], …] sorted by incident id' }) root: string;
  @ApiProperty({ type: [SealHeadDto] }) heads: SealHeadDto[];
  @ApiProperty({ description: 'How many timelines it covers' }) incidents: number;
  @ApiProperty({ type: [String], description: 'Where a copy was sent: email:<address>, webhook' }) sentTo: string[];
  @ApiProperty({ description: 'A user id, or system for the daily seal' }) madeBy: string;
  @ApiProperty({ nullable: true, description: 'The day of a daily seal (in CALUMET_TZ)' }) dailyKey: string | null;

  static of(seal: Seal): SealView {
    return { ...seal, madeAt: iso(seal.madeAt)! };
  }
}

/** Either the root of a seal Calumet stored, or a seal's JSON as it was sent (root and heads): the copy kept outside is what is trusted. */
export class VerifySealDto {
  @ApiProperty({ description: 'The seal’s root hash' }) @IsString() @Matches(HEX64, { message: 'root must be 64 lower-case hex digits' }) root: string;
  @ApiPropertyOptional({ type: [SealHeadDto], description: 'The heads from the copy of the seal; without them, the seal stored under root is used' })
  @IsOptional() @IsArray() @ArrayMaxSize(1_000_000) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => SealHeadDto)
  heads?: SealHeadDto[];
  @ApiPropertyOptional({ format: 'date-time', description: 'As in the seal’s JSON; not used' }) @IsOptional() @IsString() @MaxLength(40) madeAt?: string;
}

export const SEAL_PROBLEMS = ['deleted', 'rewritten', 'broken_since'] as const;
export type SealProblem = (typeof SEAL_PROBLEMS)[number];

export class SealFindingView {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ nullable: true, description: 'The incident’s ref, when it still exists' }) ref: string | null;
  @ApiProperty({
    enum: SEAL_PROBLEMS,
    description: 'deleted: the incident is gone; rewritten: the sealed event is gone or changed, or the chain up to it no longer verifies; broken_since: the chain breaks after the sealed head',
  })
  problem: SealProblem;
  @ApiProperty() detail: string;
}

/** A sealed timeline removed since, deliberately: its removal is on the removals' chain, with the head the seal recorded or a later one. */
export class SealRemovalView {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ description: 'The removed incident’s ref' }) ref: string;
  @ApiProperty({ enum: ['incident.deleted', 'incident.purged'] }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'Who removed it: a user id, or system' }) actor: string;
  @ApiProperty({ description: 'The removal’s seq on the removals’ chain' }) seq: number;
  @ApiProperty({ type: SealHeadDto, nullable: true, description: 'The removed chain’s last event, as recorded at removal' }) head: { seq: number; hash: string } | null;
  @ApiProperty({ nullable: true, description: 'The retention rule of a purge: state, period, and when the incident entered the state' }) rule: { state: string; period: string; since: string } | null;
}

export class SealVerificationView {
  @ApiProperty({ description: 'True when every sealed timeline still extends what the seal recorded' }) valid: boolean;
  @ApiProperty() root: string;
  @ApiProperty({ description: 'How many timelines the seal covers' }) incidents: number;
  @ApiProperty({ type: [SealFindingView] }) findings: SealFindingView[];
  @ApiProperty({ type: [SealRemovalView], description: 'Sealed timelines removed since by a recorded removal (an admin’s delete, a retention purge): not findings' }) removed: SealRemovalView[];
}
