import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { QueryBoolean, Trim } from '../common/dto-helpers.js';
import { DSA_CATEGORIES, type DsaCategory } from './dsa-categories.js';
import { IsCalendarDate } from './legal-notice.dto.js';
import type { NoticeDecision } from './notice-decision.entity.js';
import {
  AUTOMATED_DECISIONS,
  CONTENT_LANGUAGES,
  CONTENT_TYPES,
  DECISION_GROUNDS,
  DECISION_KINDS,
  REDRESS_ROUTES,
  SOURCE_TYPES,
  TERRITORIAL_SCOPE_CODES,
  type AutomatedDecision,
  type ContentType,
  type DecisionGround,
  type DecisionKind,
  type RedressRoute,
  type SourceType,
} from './statement-of-reasons.js';

/** A form sends one value where JSON sends a list: both are read as a list. */
const AsList = () => Transform(({ value }) => (value === undefined || value === null || Array.isArray(value) ? value : typeof value === 'string' && value === '' ? [] : [value]));
const Upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
/** One of the Transparency Database's content languages (ISO 639-1). */
const IsContentLanguage = () =>
  ValidateBy({
    name: 'isContentLanguage',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && CONTENT_LANGUAGES.has(value),
      defaultMessage: (args) => `${args?.property} must be an ISO 639-1 language code such as FR`,
    },
  });
/** An empty form field is a field left out. */
const EmptyAsMissing = () => Transform(({ value }) => (value === '' ? undefined : value));

/**
 * A decision on a legal notice with its reasons (DSA art. 17(3)): the
 * Transparency Database's fields in camelCase, with its values.
 */
export class DecideNoticeDto {
  @ApiProperty({ enum: DECISION_KINDS, description: 'What is decided; each kind is one restriction of the Transparency Database (docs/legal.md): remove → DECISION_VISIBILITY_CONTENT_REMOVED, disable_access → …_DISABLED, demote → …_DEMOTED, label → …_LABELLED, age_restrict → …_AGE_RESTRICTED, restrict_interaction → …_INTERACTION_RESTRICTED, other_restriction → DECISION_VISIBILITY_OTHER, suspend_account → DECISION_ACCOUNT_SUSPENDED, terminate_account → DECISION_ACCOUNT_TERMINATED; no_action restricts nothing' })
  @IsIn(DECISION_KINDS)
  kind: DecisionKind;

  @ApiPropertyOptional({ maxLength: 500, description: 'decision_visibility_other: the restriction, required for other_restriction' })
  @EmptyAsMissing() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500) visibilityOther?: string;

  @ApiPropertyOptional({ example: '2027-03-01', description: 'end_date_visibility_restriction or end_date_account_restriction: when a temporary restriction ends' })
  @EmptyAsMissing() @IsOptional() @IsCalendarDate() endDate?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The message of the notice’s incident the decision is about; the notice’s commentId when left out' })
  @EmptyAsMissing() @IsOptional() @IsUUID() commentId?: string;

  @ApiProperty({ enum: DECISION_GROUNDS, description: 'decision_ground' })
  @IsIn(DECISION_GROUNDS)
  decisionGround: DecisionGround;

  @ApiPropertyOptional({ maxLength: 500, description: 'illegal_content_legal_ground: the law relied on; required for DECISION_GROUND_ILLEGAL_CONTENT' })
  @EmptyAsMissing() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500) illegalContentLegalGround?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'illegal_content_explanation: why the content is illegal on that ground; required for DECISION_GROUND_ILLEGAL_CONTENT' })
  @EmptyAsMissing() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(2000) illegalContentExplanation?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'incompatible_content_ground: the clause of the terms relied on; required for DECISION_GROUND_INCOMPATIBLE_CONTENT' })
  @EmptyAsMissing() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500) incompatibleContentGround?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'incompatible_content_explanation: why the content is incompatible with it; required for DECISION_GROUND_INCOMPATIBLE_CONTENT' })
  @EmptyAsMissing() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(2000) incompatibleContentExplanation?: string;

  @ApiPropertyOptional({ description: 'incompatible_content_illegal: whether content incompatible with the terms is also considered illegal' })
  @EmptyAsMissing() @IsOptional() @QueryBoolean() @IsBoolean() incompatibleContentIllegal?: boolean;

  @ApiPropertyOptional({ enum: DSA_CATEGORIES, description: 'category; for a notice from the public form, the category its notifier chose (STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE when none) when left out; required otherwise' })
  @EmptyAsMissing() @IsOptional() @IsIn(DSA_CATEGORIES)
  category?: DsaCategory;

  @ApiPropertyOptional({ enum: CONTENT_TYPES, isArray: true, description: 'content_type; CONTENT_TYPE_TEXT when left out' })
  @AsList() @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CONTENT_TYPES.length) @IsIn(CONTENT_TYPES, { each: true }) contentType?: ContentType[];

  @ApiPropertyOptional({ maxLength: 500, description: 'content_type_other: required with CONTENT_TYPE_OTHER' })
  @EmptyAsMissing() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500) contentTypeOther?: string;

  @ApiPropertyOptional({ example: 'FR', description: 'content_language: ISO 639-1, upper-cased' })
  @EmptyAsMissing() @IsOptional() @Upper() @IsString() @IsContentLanguage() contentLanguage?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'content_date: when the content was published; the comment’s date (or the notice’s contentPublishedAt) when left out' })
  @EmptyAsMissing() @IsOptional() @IsCalendarDate() contentDate?: string;

  @ApiPropertyOptional({ example: '2026-12-03', description: 'application_date: when the decision applies; today (CALUMET_TZ) when left out' })
  @EmptyAsMissing() @IsOptional() @IsCalendarDate() applicationDate?: string;

  @ApiPropertyOptional({ enum: TERRITORIAL_SCOPE_CODES, isArray: true, description: 'territorial_scope: where the decision applies; every EEA state when left out' })
  @AsList() @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(TERRITORIAL_SCOPE_CODES.length) @IsIn(TERRITORIAL_SCOPE_CODES, { each: true }) territorialScope?: string[];

  @ApiProperty({ maxLength: 5000, description: 'decision_facts: the facts and circumstances relied on' })
  @Trim() @IsString() @MinLength(1) @MaxLength(5000)
  decisionFacts: string;

  @ApiPropertyOptional({ enum: SOURCE_TYPES, description: 'source_type; SOURCE_ARTICLE_16 for a dsa_notice, SOURCE_TYPE_OTHER_NOTIFICATION for other notices, when left out' })
  @EmptyAsMissing() @IsOptional() @IsIn(SOURCE_TYPES) sourceType?: SourceType;

  @ApiProperty({ description: 'automated_detection: whether the content was detected by automated means' })
  @QueryBoolean() @IsBoolean()
  automatedDetection: boolean;

  @ApiProperty({ enum: AUTOMATED_DECISIONS, description: 'automated_decision' })
  @IsIn(AUTOMATED_DECISIONS)
  automatedDecision: AutomatedDecision;

  @ApiPropertyOptional({ enum: REDRESS_ROUTES, isArray: true, description: 'The redress available (art. 17(3)(f)); all three when left out' })
  @AsList() @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(REDRESS_ROUTES.length) @IsIn(REDRESS_ROUTES, { each: true }) redress?: RedressRoute[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'How to use the redress: where to send a complaint, the settlement body, the court' })
  @EmptyAsMissing() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(2000) redressDetails?: string;

  @ApiPropertyOptional({ enum: ['en', 'fr'], description: 'The language of the mails to the notifier and the author; CALUMET_LANGUAGE when left out' })
  @EmptyAsMissing() @IsOptional() @IsIn(['en', 'fr']) language?: 'en' | 'fr';
}

export class NoticeDecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) noticeId: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ description: '1 for the notice’s first decision' }) sequence: number;
  @ApiProperty({ enum: DECISION_KINDS }) kind: DecisionKind;
  @ApiProperty({ nullable: true }) visibilityOther: string | null;
  @ApiProperty({ nullable: true }) endDate: string | null;
  @ApiProperty({ enum: DECISION_GROUNDS }) decisionGround: DecisionGround;
  @ApiProperty({ nullable: true }) illegalContentLegalGround: string | null;
  @ApiProperty({ nullable: true }) illegalContentExplanation: string | null;
  @ApiProperty({ nullable: true }) incompatibleContentGround: string | null;
  @ApiProperty({ nullable: true }) incompatibleContentExplanation: string | null;
  @ApiProperty({ nullable: true }) incompatibleContentIllegal: boolean | null;
  @ApiProperty({ enum: DSA_CATEGORIES }) category: DsaCategory;
  @ApiProperty({ enum: CONTENT_TYPES, isArray: true }) contentType: ContentType[];
  @ApiProperty({ nullable: true }) contentTypeOther: string | null;
  @ApiProperty({ nullable: true }) contentLanguage: string | null;
  @ApiProperty() contentDate: string;
  @ApiProperty() applicationDate: string;
  @ApiProperty({ type: [String] }) territorialScope: string[];
  @ApiProperty() decisionFacts: string;
  @ApiProperty({ enum: SOURCE_TYPES }) sourceType: SourceType;
  @ApiProperty() automatedDetection: boolean;
  @ApiProperty({ enum: AUTOMATED_DECISIONS }) automatedDecision: AutomatedDecision;
  @ApiProperty({ enum: REDRESS_ROUTES, isArray: true }) redress: RedressRoute[];
  @ApiProperty({ nullable: true }) redressDetails: string | null;
  @ApiProperty() puid: string;
  @ApiProperty({ format: 'uuid', nullable: true }) commentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The commitment that checks the removal on the live page' }) commitmentId: string | null;
  @ApiProperty({ enum: ['en', 'fr'] }) language: string;
  @ApiProperty() decidedBy: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;

  static of(decision: NoticeDecision): NoticeDecisionView {
    return { ...decision, decidedAt: decision.decidedAt.toISOString() };
  }
}
