import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { iso, IsoDateTime, NotInFuture, Patchable, Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import { ESCALATION_LEVEL, INCIDENT_STATES, SEVERITIES, type IncidentState, type Severity } from './escalation.js';
import type { Incident } from './incident.entity.js';
import { IncidentPrescriptionView } from './prescriptions.registry.js';
import { SuggestionView } from './suggestions.registry.js';

const Tags = () =>
  applyDecorators(IsArray(), ArrayMaxSize(20), ArrayUnique(), IsString({ each: true }), MinLength(1, { each: true }), MaxLength(50, { each: true }));

export class CreateIncidentDto {
  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) summary?: string;
  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES) severity: Severity;
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the creator' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() backupOwnerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The party on the other side' }) @IsOptional() @IsUUID() counterpartId?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true }) postIds?: string[];
  @ApiPropertyOptional({ type: [String], maxItems: 20 }) @IsOptional() @Tags() tags?: string[];
  @ApiPropertyOptional({ format: 'date-time', description: 'When the incident began, for one logged after the fact (not in the future); defaults to now' })
  @IsOptional()
  @IsoDateTime()
  @NotInFuture()
  openedAt?: Date;
}

export class UpdateIncidentDto {
  @ApiPropertyOptional({ maxLength: 200 }) @Patchable() @Trim() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ maxLength: 20000, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) summary?: string | null;
  @ApiPropertyOptional({ enum: SEVERITIES }) @Patchable() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() ownerId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() backupOwnerId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() counterpartId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @Patchable() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUUID('all', { each: true }) postIds?: string[];
  @ApiPropertyOptional({ type: [String], maxItems: 20 }) @Patchable() @Tags() tags?: string[];
  @ApiPropertyOptional({ description: 'The version you read; a different current version answers 409' }) @Patchable() @IsInt() @Min(1) version?: number;
}

export class TransitionDto {
  @ApiProperty({ enum: INCIDENT_STATES }) @IsIn(INCIDENT_STATES) to: IncidentState;
  @ApiProperty({ maxLength: 2000 }) @Trim() @IsString() @MinLength(1, { message: 'reason must not be empty' }) @MaxLength(2000) reason: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'Required to resolve' }) @IsOptional() @Trim() @IsString() @MaxLength(20000) resolution?: string;
  @ApiPropertyOptional({ description: 'The version you read; a different current version answers 409' }) @Patchable() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the move happened, for one logged late: not in the future, not before the previous move; defaults to now. The timeline keeps both this and when it was recorded',
  })
  @IsOptional()
  @IsoDateTime()
  @NotInFuture()
  at?: Date;
}

/** One move of the incident's escalation, as it happened (`at`) and as it was recorded (`recordedAt`). */
export class StateChangeView {
  @ApiProperty({ enum: INCIDENT_STATES, nullable: true, description: 'null for the opening' }) from: IncidentState | null;
  @ApiProperty({ enum: INCIDENT_STATES }) to: IncidentState;
  @ApiProperty({ type: Number, nullable: true, description: 'Escalation level of `to`, for charts (none for resolved and closed)' }) level: number | null;
  @ApiProperty({ format: 'date-time', description: 'When it happened' }) at: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' }) recordedAt: string;
  @ApiProperty({ description: 'User id, or "system"' }) actor: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'seq of the timeline event' }) seq: number;
}

export class LegalHoldDto {
  @ApiProperty() @IsBoolean() on: boolean;
  @ApiProperty({ maxLength: 1000 }) @Trim() @IsString() @MinLength(1, { message: 'reason must not be empty' }) @MaxLength(1000) reason: string;
}

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATES }) @IsOptional() @IsIn(INCIDENT_STATES) state?: IncidentState;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Incidents with this party on the other side' }) @IsOptional() @IsUUID() counterpartId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Incidents about this post' }) @IsOptional() @IsUUID() postId?: string;
  @ApiPropertyOptional({
    description: 'Words of the ref, title, summary or tags, or of one of its messages, in any order; case, accents and word endings ignored ("debut" finds "Débutant")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) tag?: string;
}

export class LegalHoldView {
  @ApiProperty() on: boolean;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ nullable: true, description: 'User id' }) by: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) at: string | null;
}

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INC-2026-0007' }) ref: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true }) summary: string | null;
  @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @ApiProperty({ enum: INCIDENT_STATES }) state: IncidentState;
  @ApiProperty({ nullable: true, description: 'Escalation level for charts (reported 0 … formal_dispute 4)' }) level: number | null;
  @ApiProperty({ format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) backupOwnerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) counterpartId: string | null;
  @ApiProperty({ type: [String] }) postIds: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: LegalHoldView }) legalHold: LegalHoldView;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) stateChangedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ nullable: true }) resolution: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(incident: Incident, postIds: string[]): IncidentView {
    return {
      ...incident,
      level: ESCALATION_LEVEL[incident.state],
      postIds,
      legalHold: { ...incident.legalHold, at: iso(incident.legalHold.at) },
      openedAt: iso(incident.openedAt)!,
      stateChangedAt: iso(incident.stateChangedAt)!,
      resolvedAt: iso(incident.resolvedAt),
      closedAt: iso(incident.closedAt),
      updatedAt: iso(incident.updatedAt)!,
    };
  }
}

export class IncidentDetailView extends IncidentView {
  @ApiProperty({ enum: INCIDENT_STATES, isArray: true, description: 'States the incident may move to from here' }) allowedTransitions: IncidentState[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Open items by kind, e.g. commentsAwaitingResponse' })
  openCounts: Record<string, number>;
  @ApiProperty({ type: [SuggestionView], description: 'What the comments suggest recording; each accepted or dismissed in one call' }) suggestions: SuggestionView[];
  @ApiProperty({ type: [IncidentPrescriptionView], description: 'The press-law prescriptions of its marked messages and posts, soonest first (a formal notice does not interrupt them)' })
  prescriptions: IncidentPrescriptionView[];
}
