import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { HTTP_URL, Lower, Trim } from '../common/dto-helpers.js';
import { LOCALES, type Locale } from '../i18n/i18n.js';
import { NOTICE_CATEGORIES, type NoticeCategory } from '../legal-notices/dsa-categories.js';

export const MAX_NOTICE_URLS = 20;

/** The statement of good faith: a box the notifier ticks (true), nothing else. */
const IsTicked = () =>
  ValidateBy({
    name: 'isTicked',
    validator: {
      validate: (value: unknown) => value === true,
      defaultMessage: (args) => `${args?.property} must be true: the notifier states their bona fide belief that the information and allegations are accurate and complete`,
    },
  });

/** Blank text is no text: an optional field left empty is not given. */
const Blank = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && !value.trim() ? undefined : value));

/**
 * A notice of allegedly illegal content, as the DSA (Regulation (EU)
 * 2022/2065) art. 16(2) lists what it holds: the reasons (b: explanation),
 * the exact addresses (b: urls), the notifier's name and email (c; optional,
 * as a notice about child sexual abuse material need not give them), the
 * statement of good faith (d). The category is the notifier's choice among
 * the DSA Transparency Database's.
 */
export class PublicNoticeDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_NOTICE_URLS, example: ['https://blog.example.com/2026/11/a-post#comment-12'], description: 'The exact address of each piece of content (http or https)' })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_NOTICE_URLS) @IsUrl(HTTP_URL, { each: true }) @MaxLength(2048, { each: true })
  urls: string[];

  @ApiProperty({ maxLength: 20000, description: 'Why the content is illegal, in the notifier’s words' })
  @Trim() @IsString() @MinLength(1) @MaxLength(20000)
  explanation: string;

  @ApiProperty({ enum: [true], description: 'The notifier’s bona fide belief that the information and allegations are accurate and complete (must be true)' })
  @IsTicked()
  goodFaith: boolean;

  @ApiPropertyOptional({ maxLength: 200, description: 'The notifier’s name; may be left out (art. 16(2)(c))' })
  @Blank() @IsOptional() @Trim() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 254, description: 'Where the acknowledgement and the decision are sent; without it none can be' })
  @Blank() @IsOptional() @Lower() @IsEmail() @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: NOTICE_CATEGORIES, description: 'The kind of illegality, as the DSA Transparency Database names it' })
  @Blank() @IsOptional() @IsIn(NOTICE_CATEGORIES)
  category?: NoticeCategory;

  @ApiPropertyOptional({ enum: LOCALES, description: 'The language the notifier is written to in; default: the desk’s (CALUMET_LANGUAGE)' })
  @Blank() @IsOptional() @IsIn(LOCALES)
  locale?: Locale;
}

/** What the notifier is told once the notice is recorded. */
export class PublicNoticeReceipt {
  @ApiProperty({ example: 'LN-2026-0007', description: 'The notice’s reference, to quote in any later message' }) ref: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ enum: ['sent', 'failed', 'none'], description: 'The acknowledgement of receipt by email: sent, not sent (the mail server refused it), or none (no email given, or no mail configured)' })
  acknowledgement: 'sent' | 'failed' | 'none';
}
