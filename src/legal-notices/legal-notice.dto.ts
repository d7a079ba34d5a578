import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateBy, ValidateNested } from 'class-validator';
import { DateTime } from 'luxon';
import { HTTP_URL, iso, IsoDateTime, NotInFuture, Patchable, Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import { VALIDITY_CODES, type DeadlineBasisFacts, type ValidityCode, type ValidityWarning, type WarningValues } from '../deadlines/deadline-calculator.js';
import { IsCountry } from '../deadlines/jurisdictions.js';
import { NOTICE_TYPES, RECEIVED_VIA, type NoticeType, type ReceivedVia } from '../deadlines/notice-kinds.js';
import type { Demand, LegalNotice } from './legal-notice.entity.js';
import { ACTIONS_TAKEN, DEMAND_KINDS, NOTICE_DIRECTIONS, type ActionTaken, type DemandKind, type DsaNoticeFacts, type NoticeDirection } from './legal-notice.types.js';
import { NOTICE_CATEGORIES, type NoticeCategory } from './dsa-categories.js';
import { NOTICE_STATUSES, noticeStatus, type NoticeStatus } from './notice-status.js';

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid,
      defaultMessage: (args) => `${args?.property} must be a calendar date such as 2026-12-12`,
    },
  });

export class DemandDto implements Demand {
  @ApiProperty({ enum: DEMAND_KINDS }) @IsIn(DEMAND_KINDS) kind: DemandKind;
  @ApiProperty({ maxLength: 5000 }) @Trim() @IsString() @MinLength(1) @MaxLength(5000) description: string;
  @ApiPropertyOptional({ maxLength: 2048, nullable: true, description: 'The page the demand is about' })
  @IsOptional() @IsUrl(HTTP_URL) @MaxLength(2048) targetUrl: string | null;
}

export class RegisteredMailDto {
  @ApiPropertyOptional({ maxLength: 100, nullable: true }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100) trackingNumber?: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsoDateTime() @NotInFuture() sentAt?: Date | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'The date on the acknowledgment of receipt' })
  @IsOptional() @IsoDateTime() @NotInFuture() acknowledgedAt?: Date | null;
}

const MAX_DEMANDS = 50;

export class CreateLegalNoticeDto {
  @ApiProperty({ enum: NOTICE_TYPES }) @IsIn(NOTICE_TYPES) type: NoticeType;
  @ApiPropertyOptional({ enum: NOTICE_DIRECTIONS, default: 'received' }) @IsOptional() @IsIn(NOTICE_DIRECTIONS) direction?: NoticeDirection;
  @ApiPropertyOptional({ format: 'uuid', description: 'The party who sent it' }) @IsOptional() @IsUUID() senderPartyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The party it is sent for (a company, a client)' }) @IsOptional() @IsUUID() onBehalfOfPartyId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Their counsel' }) @IsOptional() @IsUUID() counselPartyId?: string;
  @ApiPropertyOptional({ enum: RECEIVED_VIA, description: 'Required for a received notice' }) @IsOptional() @IsIn(RECEIVED_VIA) receivedVia?: ReceivedVia;
  @ApiPropertyOptional({ type: RegisteredMailDto, description: 'With receivedVia registered_mail only' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RegisteredMailDto) registeredMail?: RegisteredMailDto;
  @ApiPropertyOptional({ format: 'date-time', description: 'Not in the future' }) @IsOptional() @IsoDateTime() @NotInFuture() sentAt?: Date;
  @ApiPropertyOptional({ format: 'date-time', description: 'Required for a received notice; not in the future' }) @IsOptional() @IsoDateTime() @NotInFuture() receivedAt?: Date;
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' }) @IsCountry() jurisdiction: string;
  @ApiPropertyOptional({ maxLength: 5000, example: 'LCEN art. 6-IV' }) @IsOptional() @IsString() @MaxLength(5000) legalBasis?: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'What the notice says' }) @IsOptional() @IsString() @MaxLength(20000) summary?: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'The reply the requester asks to have published (right of reply)' })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(20000) requestedReply?: string;
  @ApiPropertyOptional({ type: [DemandDto], maxItems: MAX_DEMANDS })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_DEMANDS) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DemandDto) demands?: DemandDto[];
  @ApiPropertyOptional({ format: 'uuid', description: 'The comment of the incident that carried the notice' }) @IsOptional() @IsUUID() commentId?: string;
  @ApiPropertyOptional({ example: '2026-12-12', description: 'The deadline the notice states, if any (formal notices count from it)' })
  @IsOptional() @IsCalendarDate() statedDeadline?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the content it is about was published; defaults to the newest of the incident’s posts' })
  @IsOptional() @IsoDateTime() @NotInFuture() contentPublishedAt?: Date;
  @ApiPropertyOptional({ enum: ACTIONS_TAKEN, default: 'none' }) @IsOptional() @IsIn(ACTIONS_TAKEN) actionTaken?: ActionTaken;
  @ApiPropertyOptional({ maxLength: 50000, description: 'Seen by legal and admin only' }) @IsOptional() @IsString() @MaxLength(50000) privilegedNotes?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The active legal or admin user reminded of its deadlines; default: the recorder if legal, else the incident’s backup owner if legal, else its owner if legal or admin, else the recorder',
  })
  @IsOptional() @IsUUID() assigneeId?: string;
}

export class UpdateLegalNoticeDto {
  @ApiPropertyOptional({ enum: NOTICE_TYPES }) @Patchable() @IsIn(NOTICE_TYPES) type?: NoticeType;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() senderPartyId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() onBehalfOfPartyId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() counselPartyId?: string | null;
  @ApiPropertyOptional({ enum: RECEIVED_VIA, nullable: true }) @IsOptional() @IsIn(RECEIVED_VIA) receivedVia?: ReceivedVia | null;
  @ApiPropertyOptional({ type: RegisteredMailDto, nullable: true, description: 'The fields given replace those recorded; null clears them all' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RegisteredMailDto) registeredMail?: RegisteredMailDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsoDateTime() @NotInFuture() sentAt?: Date | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsoDateTime() @NotInFuture() receivedAt?: Date | null;
  @ApiPropertyOptional({ example: 'FR' }) @Patchable() @IsCountry() jurisdiction?: string;
  @ApiPropertyOptional({ maxLength: 5000, nullable: true }) @IsOptional() @IsString() @MaxLength(5000) legalBasis?: string | null;
  @ApiPropertyOptional({ maxLength: 20000, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) summary?: string | null;
  @ApiPropertyOptional({ maxLength: 20000, nullable: true }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(20000) requestedReply?: string | null;
  @ApiPropertyOptional({ type: [DemandDto], maxItems: MAX_DEMANDS })
  @Patchable() @IsArray() @ArrayMaxSize(MAX_DEMANDS) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DemandDto) demands?: DemandDto[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() commentId?: string | null;
  @ApiPropertyOptional({ example: '2026-12-12', nullable: true }) @IsOptional() @IsCalendarDate() statedDeadline?: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsoDateTime() @NotInFuture() contentPublishedAt?: Date | null;
  @ApiPropertyOptional({ enum: ACTIONS_TAKEN }) @Patchable() @IsIn(ACTIONS_TAKEN) actionTaken?: ActionTaken;
  @ApiPropertyOptional({ maxLength: 50000, nullable: true }) @IsOptional() @IsString() @MaxLength(50000) privilegedNotes?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'An active legal or admin user; the pending deadline reminders move to them at once' })
  @Patchable() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Sets the deadline by hand (null: no deadline); needs respondByReason' })
  @IsOptional() @IsoDateTime() respondBy?: Date | null;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the deadline is set by hand; kept in the timeline' })
  @IsOptional() @Trim() @IsString() @MinLength(1, { message: 'respondByReason must not be empty' }) @MaxLength(2000) respondByReason?: string;
}

export class NoticeTransitionDto {
  @ApiProperty({ enum: NOTICE_STATUSES }) @IsIn(NOTICE_STATUSES) to: NoticeStatus;
  @ApiProperty({ maxLength: 2000 }) @Trim() @IsString() @MinLength(1, { message: 'reason must not be empty' }) @MaxLength(2000) reason: string;
}

export const OPEN = 'open';

export class ListLegalNoticesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...NOTICE_STATUSES, OPEN], description: 'open: any status but filed, closed and withdrawn' })
  @IsOptional() @IsIn([...NOTICE_STATUSES, OPEN]) status?: NoticeStatus | typeof OPEN;
  @ApiPropertyOptional({ format: 'date-time', description: 'Only notices to answer by then, soonest first' }) @IsOptional() @IsoDateTime() dueBefore?: Date;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() incidentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the notices assigned to this user' }) @IsOptional() @IsUUID() assigneeId?: string;
}

export class DemandView implements Demand {
  @ApiProperty({ enum: DEMAND_KINDS }) kind: DemandKind;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true }) targetUrl: string | null;
}

export class RegisteredMailView {
  @ApiProperty({ nullable: true }) trackingNumber: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) acknowledgedAt: string | null;
}

export class ValidityWarningView implements ValidityWarning {
  @ApiProperty({
    enum: VALIDITY_CODES,
    description:
      'comments_open: the right-of-reply procedure does not apply where the requester could answer in the comments (values.basis: request_as_comment, comment_status or others_commented); reply_too_long: the reply is longer than the message it answers (values name both lengths, characters and lines); reply_over_200_lines: the reply has more lines than the rule allows (lines as written, each counted once per started 60 characters). See docs/legal.md',
  })
  code: ValidityCode;
  @ApiProperty({ description: 'In English' }) message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What the message names, as codes, ISO-8601 periods and YYYY-MM-DD dates (for saying it in another language); absent from warnings recorded before' })
  values?: WarningValues;
}

export class DsaNoticeView implements DsaNoticeFacts {
  @ApiProperty({ type: [String], description: 'The exact addresses of the content (DSA art. 16(2)(b))' }) urls: string[];
  @ApiProperty({ enum: NOTICE_CATEGORIES, nullable: true, description: 'The DSA Transparency Database category the notifier chose; null: none (STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE)' })
  category: NoticeCategory | null;
  @ApiProperty({ nullable: true }) notifierName: string | null;
  @ApiProperty({ nullable: true, description: 'Where the acknowledgement and the decision are sent; null: none can be' }) notifierEmail: string | null;
  @ApiProperty({ enum: [true], description: 'The statement of good faith (DSA art. 16(2)(d))' }) goodFaith: true;
  @ApiProperty({ example: 'fr', description: 'The language of the form, in which the notifier is written to' }) locale: string;
  @ApiProperty({ enum: ['form', 'api'], description: 'The public form (/report) or its API (POST /api/public/notices)' }) channel: 'form' | 'api';
}

export class LegalNoticeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'LN-2026-0001' }) ref: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: NOTICE_TYPES }) type: NoticeType;
  @ApiProperty({ enum: NOTICE_DIRECTIONS }) direction: NoticeDirection;
  @ApiProperty({ format: 'uuid', nullable: true }) senderPartyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) onBehalfOfPartyId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) counselPartyId: string | null;
  @ApiProperty({ enum: RECEIVED_VIA, nullable: true }) receivedVia: ReceivedVia | null;
  @ApiProperty({ type: RegisteredMailView, nullable: true, description: 'For receivedVia registered_mail' }) registeredMail: RegisteredMailView | null;
  @ApiProperty({ format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) receivedAt: string | null;
  @ApiProperty({ example: 'FR' }) jurisdiction: string;
  @ApiProperty({ nullable: true }) legalBasis: string | null;
  @ApiProperty({ nullable: true }) summary: string | null;
  @ApiProperty({ nullable: true, description: 'The reply the requester asks to have published' }) requestedReply: string | null;
  @ApiProperty({ type: [DemandView] }) demands: DemandView[];
  @ApiProperty({ format: 'uuid', nullable: true }) commentId: string | null;
  @ApiProperty({ nullable: true, example: '2026-12-12' }) statedDeadline: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) contentPublishedAt: string | null;
  @ApiProperty({ enum: NOTICE_STATUSES }) status: NoticeStatus;
  @ApiProperty({ enum: NOTICE_STATUSES, isArray: true, description: 'Statuses the notice may move to from here (filed only when it makes no demands)' }) allowedTransitions: NoticeStatus[];
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'End of the last day to answer, in CALUMET_TZ' }) respondBy: string | null;
  @ApiProperty({ description: 'respondBy was set by hand' }) respondByManual: boolean;
  @ApiProperty({ nullable: true, description: 'The rule that gave respondBy and its legal reference, or the reason it was set by hand' })
  deadlineBasis: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'deadlineBasis as facts: kind rule (jurisdiction, noticeType, period, dayCount, clockStarts, noStatedDeadline, reference), stated (jurisdiction, noticeType, reference) or manual (reason); null when no rule applies or for notices recorded before',
  })
  deadlineBasisFacts: DeadlineBasisFacts | null;
  @ApiProperty({ type: [ValidityWarningView] }) validity: ValidityWarningView[];
  @ApiProperty({ enum: ACTIONS_TAKEN }) actionTaken: ActionTaken;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The legal or admin user reminded of its deadlines (the incident’s owner is told as well)' })
  assigneeId: string | null;
  @ApiPropertyOptional({ description: 'Present for legal and admin only' }) privilegedNotes?: string | null;
  @ApiProperty({ type: DsaNoticeView, nullable: true, description: 'For a dsa_notice received through the public form: what the notifier stated' }) dsaNotice: DsaNoticeView | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  /** The notice as a reader sees it: privilegedNotes only for legal and admin. */
  static of(notice: LegalNotice, seesPrivileged: boolean): LegalNoticeView {
    const { privilegedNotes, registeredMail, ...fields } = notice;
    const mail = registeredMail.trackingNumber || registeredMail.sentAt || registeredMail.acknowledgedAt ? registeredMail : null;
    return {
      ...fields,
      registeredMail: mail && { trackingNumber: mail.trackingNumber, sentAt: iso(mail.sentAt), acknowledgedAt: iso(mail.acknowledgedAt) },
      sentAt: iso(notice.sentAt),
      receivedAt: iso(notice.receivedAt),
      contentPublishedAt: iso(notice.contentPublishedAt),
      allowedTransitions: noticeStatus
        .moves(notice.status)
        .filter((move) => !move.guard?.(notice))
        .map((move) => move.to),
      statusChangedAt: iso(notice.statusChangedAt)!,
      respondBy: iso(notice.respondBy),
      createdAt: iso(notice.createdAt)!,
      updatedAt: iso(notice.updatedAt)!,
      ...(seesPrivileged ? { privilegedNotes } : {}),
    };
  }
}
