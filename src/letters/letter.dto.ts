import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsoDateTime, NotBlank, NotMoreThanADayAhead, Trim } from '../common/dto-helpers.js';
import { LETTER_KEYS, LETTER_LANGUAGES, LETTER_NOTICE_TYPES, PENDING_PLACEHOLDERS, PLACEHOLDERS, REFUSAL_GROUNDS, SENT_VIA, type LetterKey, type LetterLanguage, type RefusalGround, type SentVia } from './letter-kinds.js';
import { placeholdersIn } from './letter-fill.js';
import type { LetterTemplate } from './letter-template.entity.js';

/** A template body's longest length. */
export const MAX_TEMPLATE_BODY = 20_000;

/** `grounds=a,b` or `grounds=a&grounds=b`: a list either way. */
const List = () =>
  Transform(({ value }) => (value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',').map((part) => part.trim()).filter(Boolean) : [item]))));

export class LetterTemplateView {
  @ApiProperty({ enum: LETTER_KEYS }) key: LetterKey;
  @ApiProperty({ enum: LETTER_LANGUAGES }) language: LetterLanguage;
  @ApiProperty({ description: 'With {{placeholders}}' }) subject: string;
  @ApiProperty({ description: 'Plain text with {{placeholders}}; a blank line between paragraphs' }) body: string;
  @ApiProperty({ type: [String], description: 'The notice types this letter answers (the desk offers it first for them)' }) noticeTypes: string[];
  @ApiProperty({ type: [String], description: 'The placeholders the subject and body use' }) placeholders: string[];
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The admin who last edited it; null while as seeded' }) updatedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) updatedAt: string | null;

  static of(template: LetterTemplate): LetterTemplateView {
    return {
      key: template.key,
      language: template.language,
      subject: template.subject,
      body: template.body,
      noticeTypes: [...LETTER_NOTICE_TYPES[template.key]],
      placeholders: placeholdersIn(`${template.subject}\n${template.body}`),
      updatedBy: template.updatedBy,
      updatedAt: template.updatedAt?.toISOString() ?? null,
    };
  }
}

export class LetterTemplatesView {
  @ApiProperty({ type: [LetterTemplateView] }) items: LetterTemplateView[];
  @ApiProperty({ type: [String], example: [...PLACEHOLDERS], description: 'Every placeholder a template may use, as {{name}}' }) placeholders: string[];
  @ApiProperty({ type: [String], example: [...PENDING_PLACEHOLDERS], description: 'Placeholders filled only once the record holds what they say (the DSA decision, until the notice is decided): until then they print as “[to be completed]”' }) pending: string[];
  @ApiProperty({ type: [String], enum: REFUSAL_GROUNDS, description: 'The grounds a right-of-reply refusal may give (?grounds=)' }) refusalGrounds: string[];
}

export class UpdateLetterTemplateDto {
  @ApiProperty({ maxLength: 300, description: 'Only known {{placeholders}}' }) @Trim() @IsString() @MinLength(1) @MaxLength(300) @NotBlank() subject: string;
  @ApiProperty({ maxLength: MAX_TEMPLATE_BODY, description: 'Plain text, a blank line between paragraphs; only known {{placeholders}}' })
  @IsString() @MinLength(1) @MaxLength(MAX_TEMPLATE_BODY) @NotBlank() body: string;
}

/** What a letter is filled with besides the record. */
export class LetterOptionsDto {
  @ApiPropertyOptional({ enum: REFUSAL_GROUNDS, isArray: true, description: 'reply_refusal: the grounds, as a comma list or repeated' })
  @IsOptional() @List() @IsArray() @ArrayMaxSize(REFUSAL_GROUNDS.length) @ArrayUnique() @IsIn(REFUSAL_GROUNDS, { each: true }) grounds?: RefusalGround[];
  @ApiPropertyOptional({ maxLength: 4000, description: 'reply_refusal: more about the grounds, in your words' }) @IsOptional() @IsString() @MaxLength(4000) groundsNote?: string;
}

export class LetterQuery extends LetterOptionsDto {
  @ApiPropertyOptional({ enum: LETTER_LANGUAGES, description: 'Defaults to CALUMET_LANGUAGE' }) @IsOptional() @IsIn(LETTER_LANGUAGES) language?: LetterLanguage;
  @ApiPropertyOptional({ enum: ['html', 'pdf'], default: 'html' }) @IsOptional() @IsIn(['html', 'pdf']) format?: 'html' | 'pdf';
}

export class MarkLetterSentDto extends LetterOptionsDto {
  @ApiProperty({ enum: LETTER_LANGUAGES }) @IsIn(LETTER_LANGUAGES) language: LetterLanguage;
  @ApiProperty({ format: 'date-time', description: 'When it went out; the letter is dated that day. Not more than a day ahead' }) @IsoDateTime() @NotMoreThanADayAhead() sentAt: Date;
  @ApiProperty({ enum: SENT_VIA, description: 'registered_mail, hand_delivery and post log a `letter` message; email an `email` one' }) @IsIn(SENT_VIA) via: SentVia;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100) trackingNumber?: string;
}
