import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { iso, IsoDateTime, NotInFuture, Patchable, QueryBoolean, Trim } from '../common/dto-helpers.js';
import { MARK_STATUSES, MARKED_SUBJECTS, PRESS_GROUNDS_65_3, PRESS_OFFENCES, type MarkedSubject, type MarkStatus, type PressGround, type PressOffence } from './prescription.types.js';
import type { PrescriptionMark } from './prescription-mark.entity.js';

/** The sentence every prescription carries: a formal notice does not stop the clock. */
export const FORMAL_NOTICE_WARNING = 'A formal notice (mise en demeure) does not interrupt this prescription: only an act of prosecution or procedure (a summons, a complaint with civil-party petition…) does.';

const GROUND_DESCRIPTION =
  'The ground of art. 65-3 of the loi du 29 juillet 1881 that makes the prescription one year (origin, ethnicity, nation, race, religion, sex, sexual orientation, gender identity, disability; crime_denial: art. 24 bis); absent or null: three months (art. 65)';

export class MarkPrescriptionDto {
  @ApiProperty({ enum: MARKED_SUBJECTS, description: 'comment: a message of this incident; post: one of its posts' }) @IsIn(MARKED_SUBJECTS) subjectType: MarkedSubject;
  @ApiProperty({ format: 'uuid', description: 'The comment or post marked; it must be this incident’s' }) @IsUUID() subjectId: string;
  @ApiProperty({ enum: PRESS_OFFENCES, description: 'What the words allegedly are: defamation or insult (loi du 29 juillet 1881, art. 29)' }) @IsIn(PRESS_OFFENCES) offence: PressOffence;
  @ApiPropertyOptional({ enum: PRESS_GROUNDS_65_3, nullable: true, description: GROUND_DESCRIPTION })
  @IsOptional() @IsIn(PRESS_GROUNDS_65_3) ground?: PressGround | null;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @Trim() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the words were published; defaults to the message’s postedAt or the post’s publishedAt (required when the post has none)' })
  @IsOptional() @IsoDateTime() @NotInFuture() publishedAt?: Date;
}

export class UpdatePrescriptionDto {
  @ApiPropertyOptional({ enum: PRESS_OFFENCES }) @Patchable() @IsIn(PRESS_OFFENCES) offence?: PressOffence;
  @ApiPropertyOptional({ enum: PRESS_GROUNDS_65_3, nullable: true, description: `${GROUND_DESCRIPTION}; null removes the ground` })
  @ValidateIf((_, value) => value !== undefined && value !== null) @IsIn(PRESS_GROUNDS_65_3) ground?: PressGround | null;
  @ApiPropertyOptional({ maxLength: 2000, nullable: true }) @ValidateIf((_, value) => value !== undefined && value !== null) @Trim() @IsString() @MaxLength(2000) note?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) @Patchable() @IsoDateTime() @NotInFuture() publishedAt?: Date;
}

export class UnmarkPrescriptionDto {
  @ApiProperty({ maxLength: 1000, description: 'Why the mark is removed; kept with it and in the timeline' })
  @Trim() @IsString() @MinLength(1, { message: 'reason must not be empty' }) @MaxLength(1000) reason: string;
}

export class ListPrescriptionsQuery {
  @ApiPropertyOptional({ description: 'true: removed marks too (latest first after the active ones)' }) @IsOptional() @QueryBoolean() all?: boolean;
}

export class PrescriptionRuleView {
  @ApiProperty({ example: 'FR' }) jurisdiction: string;
  @ApiProperty({ example: 'press_prescription', description: 'The deadline rule used (GET /api/deadline-rules)' }) noticeType: string;
  @ApiProperty({ example: 'P3M' }) period: string;
  @ApiProperty({ example: 'Loi du 29 juillet 1881, art. 65' }) reference: string;
}

export class PrescriptionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: MARKED_SUBJECTS }) subjectType: MarkedSubject;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ enum: PRESS_OFFENCES }) offence: PressOffence;
  @ApiProperty({ enum: PRESS_GROUNDS_65_3, nullable: true, description: 'The art. 65-3 ground, or null (art. 65)' }) ground: PressGround | null;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'The end of the last day the action may be brought (CALUMET_TZ); null when no rule applies' }) prescribesAt: string | null;
  @ApiProperty({ type: PrescriptionRuleView, nullable: true, description: 'The rule that dated it, with its legal reference' }) rule: PrescriptionRuleView | null;
  @ApiProperty({ description: 'Always said: a formal notice does not interrupt the prescription', example: FORMAL_NOTICE_WARNING }) warning: string;
  @ApiProperty({ enum: MARK_STATUSES }) status: MarkStatus;
  @ApiProperty() markedBy: string;
  @ApiProperty({ format: 'date-time' }) markedAt: string;
  @ApiProperty({ nullable: true }) removedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) removedAt: string | null;
  @ApiProperty({ nullable: true }) removedReason: string | null;

  static of(mark: PrescriptionMark): PrescriptionView {
    return {
      id: mark.id,
      incidentId: mark.incidentId,
      subjectType: mark.subjectType,
      subjectId: mark.subjectId,
      offence: mark.offence,
      ground: mark.ground,
      note: mark.note,
      publishedAt: mark.publishedAt.toISOString(),
      prescribesAt: iso(mark.prescribesAt),
      rule: mark.rulePeriod && mark.ruleReference ? { jurisdiction: 'FR', noticeType: mark.ground ? 'press_prescription_65_3' : 'press_prescription', period: mark.rulePeriod, reference: mark.ruleReference } : null,
      warning: FORMAL_NOTICE_WARNING,
      status: mark.status,
      markedBy: mark.markedBy,
      markedAt: mark.markedAt.toISOString(),
      removedBy: mark.removedBy,
      removedAt: iso(mark.removedAt),
      removedReason: mark.removedReason,
    };
  }
}

export class PrescriptionListView {
  @ApiProperty({ type: [PrescriptionView], description: 'Active marks soonest prescription first' }) items: PrescriptionView[];
}
