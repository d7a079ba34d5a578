import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { HTTP_URL, iso, IsoDateTime, NotBlank, NotMoreThanADayAhead, Patchable, QueryBoolean, Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import type { Comment, Revision, Signal } from './comment.entity.js';
import { CHANNELS, COMMENT_STATUSES, DIRECTIONS, type Channel, type CommentStatus, type Direction } from './comment.types.js';

export const MAX_BODY = 50_000;

export class CreateCommentDto {
  @ApiProperty({ enum: DIRECTIONS, description: 'inbound: from them; outbound: from us' }) @IsIn(DIRECTIONS) direction: Direction;
  @ApiPropertyOptional({ enum: CHANNELS, default: 'comment' }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ format: 'uuid', description: 'A post linked to the incident' }) @IsOptional() @IsUUID() postId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The comment this one answers, in the same incident' }) @IsOptional() @IsUUID() parentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Inbound author (defaults to the incident’s counterpart when no authorName is given, or when authorName is the counterpart’s name)' }) @IsOptional() @IsUUID() partyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Outbound author (defaults to you unless authorName is given)' }) @IsOptional() @IsUUID() authorUserId?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(200) authorName?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now; not more than a day in the future' }) @IsOptional() @IsoDateTime() @NotMoreThanADayAhead() postedAt?: Date;
  @ApiProperty({ maxLength: MAX_BODY, description: 'Not empty once trimmed; kept as written' }) @IsString() @MinLength(1) @MaxLength(MAX_BODY) @NotBlank() body: string;
  @ApiPropertyOptional({ maxLength: 2048 }) @IsOptional() @IsUrl(HTTP_URL) @MaxLength(2048) url?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) externalId?: string;
  @ApiPropertyOptional({ description: 'Defaults to true for inbound comments on an open incident' }) @IsOptional() @IsBoolean() needsResponse?: boolean;
  @ApiPropertyOptional({ enum: COMMENT_STATUSES, default: 'visible' }) @IsOptional() @IsIn(COMMENT_STATUSES) status?: CommentStatus;
}

export class UpdateCommentDto {
  @ApiPropertyOptional({ maxLength: MAX_BODY, description: 'A new body; the old one is kept as a revision' })
  @Patchable() @IsString() @MinLength(1) @MaxLength(MAX_BODY) @NotBlank() body?: string;
  @ApiPropertyOptional({ enum: COMMENT_STATUSES }) @Patchable() @IsIn(COMMENT_STATUSES) status?: CommentStatus;
  @ApiPropertyOptional() @Patchable() @IsBoolean() needsResponse?: boolean;
  @ApiPropertyOptional({ maxLength: 2048, nullable: true }) @IsOptional() @IsUrl(HTTP_URL) @MaxLength(2048) url?: string | null;
}

export class ListCommentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DIRECTIONS }) @IsOptional() @IsIn(DIRECTIONS) direction?: Direction;
  @ApiPropertyOptional({ description: 'Only comments still owed a reply (true) or not (false)' }) @IsOptional() @QueryBoolean() @IsBoolean() awaitingResponse?: boolean;
}

export class SignalView implements Signal {
  @ApiProperty() kind: string;
  @ApiProperty() phrase: string;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiPropertyOptional() commitmentKind?: string;
  @ApiPropertyOptional({ description: 'For a legal threat that names one: the legal notice it points to' }) noticeType?: string;
  @ApiPropertyOptional({ description: 'Absent when the words are said; else why they are only mentioned (question, hypothetical, reported, quoted, topic)' }) mention?: string;
  @ApiPropertyOptional({ description: 'The rule that matched (absent on signals stored before rules were named, until the thread is read again)' }) rule?: string;
}

export class RevisionView implements Revision {
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) seenAt: string;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ format: 'uuid', nullable: true }) postId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ enum: DIRECTIONS }) direction: Direction;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ format: 'uuid', nullable: true }) partyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) authorUserId: string | null;
  @ApiProperty({ nullable: true }) authorName: string | null;
  @ApiProperty({ format: 'date-time' }) postedAt: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true }) url: string | null;
  @ApiProperty({ nullable: true }) externalId: string | null;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty() needsResponse: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The outbound comment that answered this one' }) respondedById: string | null;
  @ApiProperty({ type: [SignalView] }) signals: SignalView[];
  @ApiProperty({ type: [RevisionView] }) revisions: RevisionView[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When its author\'s erasure took its body, revisions and signals' }) erasedAt: string | null;
  @ApiPropertyOptional({ type: [String], description: 'On the answer to a write only: what the writer should know (a message on a closed incident, say)' })
  warnings?: string[];

  static of(comment: Comment): CommentView {
    const { createdBy: _, ...fields } = comment;
    return { ...fields, postedAt: iso(comment.postedAt)!, createdAt: iso(comment.createdAt)!, updatedAt: iso(comment.updatedAt)!, erasedAt: iso(comment.erasedAt ?? null) };
  }
}

export class RereadView {
  @ApiProperty({ description: 'Messages read again' }) comments: number;
  @ApiProperty({ description: 'Messages whose signals changed' }) changed: number;
  @ApiProperty({ description: 'The settings’ version (signal phrases) they were read with' }) settingsVersion: number;
}
