import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../common/dto-helpers.js';
import { RECEIVED_VIA, type ReceivedVia } from './notice-kinds.js';
import type { DeadlineRule, ValiditySpec } from './deadline-rule.entity.js';
import { CLOCK_STARTS, DAY_COUNTS, RULE_TYPES, type ClockStart, type DayCount, type RuleType } from './deadline-rule.types.js';
import { IsRuleJurisdiction } from './jurisdictions.js';
import { IsDayPeriod } from './period.js';

export class ValiditySpecDto implements ValiditySpec {
  @ApiPropertyOptional({ example: 'P3M', description: 'The request should reach us within this period of the content’s publication' })
  @IsOptional() @IsDayPeriod() maxAgeAfterPublication?: string;
  @ApiPropertyOptional({ enum: RECEIVED_VIA, isArray: true, example: ['registered_mail', 'bailiff'], description: 'The channels that prove the request’s receipt and the requester’s identity; any other gives a receipt_not_proven warning' })
  @IsOptional() @IsArray() @ArrayMaxSize(RECEIVED_VIA.length) @IsIn(RECEIVED_VIA, { each: true }) proofOfReceiptVia?: ReceivedVia[];
  @ApiPropertyOptional({ description: 'The request must state the reply it seeks: a requested_reply_missing warning while the notice has no requestedReply' })
  @IsOptional() @IsBoolean() requestedReplyRequired?: boolean;
  @ApiPropertyOptional({
    description:
      'The procedure does not apply where the person could answer in the comments themselves: a comments_open warning for a request received as a comment, or about content whose comments are open (its post says so, or others commented on it)',
  })
  @IsOptional() @IsBoolean() barredWhereCommentsOpen?: boolean;
  @ApiPropertyOptional({ description: 'The reply may be no longer than the message it answers (the notice’s comment), in characters or lines: a reply_too_long warning when it is' })
  @IsOptional() @IsBoolean() replyNoLongerThanOriginal?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, example: 200, description: 'The most lines a reply may have (lines as written, each counted once per started 60 characters): a reply_over_200_lines warning beyond' })
  @IsOptional() @IsInt() @Min(1) @Max(100000) maxReplyLines?: number;
  @ApiPropertyOptional({ maxLength: 500, example: 'décret n° 2007-1527, art. 3', description: 'What the two length checks cite; the rule’s reference when absent' })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500) replyLengthReference?: string;
  @ApiPropertyOptional({ maxLength: 500, example: 'décret n° 2007-1527, art. 1', description: 'What the checks above cite; the rule’s reference when absent' })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500) requestFormReference?: string;
}

export class DeadlineRuleDto {
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2 country, EU for every EU member state, or * for anywhere; the most specific rule wins' })
  @IsRuleJurisdiction() jurisdiction: string;
  @ApiProperty({ enum: RULE_TYPES, description: 'A legal notice type, or press_prescription / press_prescription_65_3: the press-law prescription of a message marked as defamatory or insulting (loi du 29 juillet 1881, art. 65 and 65-3)' })
  @IsIn(RULE_TYPES) noticeType: RuleType;
  @ApiProperty({ enum: CLOCK_STARTS, description: 'The date the period counts from: publishedAt for the prescription rules (and only them), a notice date otherwise' }) @IsIn(CLOCK_STARTS) clockStarts: ClockStart;
  @ApiProperty({ example: 'P3D', description: 'ISO-8601 period of whole days, weeks, months or years; days only (P<n>D) for business days' })
  @IsDayPeriod() period: string;
  @ApiProperty({ enum: DAY_COUNTS, description: 'business skips Saturdays and Sundays' }) @IsIn(DAY_COUNTS) dayCount: DayCount;
  @ApiProperty({ maxLength: 500, example: 'LCEN art. 6-IV' }) @Trim() @IsString() @MinLength(1) @MaxLength(500) reference: string;
  @ApiPropertyOptional({ maxLength: 2000, nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
  @ApiPropertyOptional({ type: ValiditySpecDto, nullable: true }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ValiditySpecDto) validity?: ValiditySpecDto | null;
  @ApiPropertyOptional({ default: false, description: 'The deadline a notice states (statedDeadline) comes before the period' })
  @IsOptional() @IsBoolean() preferStatedDeadline?: boolean;
}

export class ReplaceDeadlineRulesDto {
  @ApiProperty({ type: [DeadlineRuleDto], description: 'The whole rule set; it replaces the current one' })
  @IsArray() @ArrayMaxSize(500) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => DeadlineRuleDto) rules: DeadlineRuleDto[];
}

export class ValiditySpecView implements ValiditySpec {
  @ApiPropertyOptional({ example: 'P3M' }) maxAgeAfterPublication?: string;
  @ApiPropertyOptional({ enum: RECEIVED_VIA, isArray: true }) proofOfReceiptVia?: ReceivedVia[];
  @ApiPropertyOptional() requestedReplyRequired?: boolean;
  @ApiPropertyOptional() barredWhereCommentsOpen?: boolean;
  @ApiPropertyOptional() replyNoLongerThanOriginal?: boolean;
  @ApiPropertyOptional({ example: 200 }) maxReplyLines?: number;
  @ApiPropertyOptional() replyLengthReference?: string;
  @ApiPropertyOptional() requestFormReference?: string;
}

export class DeadlineRuleView {
  @ApiProperty({ example: 'FR' }) jurisdiction: string;
  @ApiProperty({ enum: RULE_TYPES }) noticeType: RuleType;
  @ApiProperty({ enum: CLOCK_STARTS }) clockStarts: ClockStart;
  @ApiProperty({ example: 'P3D' }) period: string;
  @ApiProperty({ enum: DAY_COUNTS }) dayCount: DayCount;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty({ type: ValiditySpecView, nullable: true }) validity: ValiditySpecView | null;
  @ApiProperty() preferStatedDeadline: boolean;

  static of(rule: DeadlineRule): DeadlineRuleView {
    return { ...rule };
  }
}

export class DeadlineRulesView {
  @ApiProperty({ type: [DeadlineRuleView], description: 'Sent back as is, the answer is a valid PUT body' }) rules: DeadlineRuleView[];
}
