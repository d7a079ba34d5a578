import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { HTTP_URL, iso } from '../common/dto-helpers.js';
import { EVIDENCE_KINDS, EVIDENCE_STATUSES, PART_ROLES, type Evidence, type EvidenceKind, type EvidencePart, type EvidenceStatus, type PartRole } from './evidence.entity.js';

export const MAX_TEXT = 200_000;
const JSON_KINDS = ['text', 'url_capture', 'page_capture'] as const;
export const URL_KINDS: readonly string[] = ['url_capture', 'page_capture'];

/** What every piece of evidence may carry, whatever its kind. */
export class EvidenceLinksDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A comment of the same incident' }) @IsOptional() @IsUUID() linkedCommentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A legal notice of the same incident' }) @IsOptional() @IsUUID() linkedNoticeId?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) note?: string;
}

export class CreateEvidenceDto extends EvidenceLinksDto {
  @ApiProperty({ enum: JSON_KINDS, description: 'A file is sent as multipart/form-data instead' }) @IsIn(JSON_KINDS) kind: (typeof JSON_KINDS)[number];
  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'For kind text' })
  @ValidateIf((dto: CreateEvidenceDto) => dto.kind === 'text' || dto.text !== undefined)
  @IsString() @MinLength(1) @MaxLength(MAX_TEXT) text?: string;
  @ApiPropertyOptional({ maxLength: 2048, description: 'For kind url_capture (the page fetched now) and page_capture (the page captured by a browser, in the background)' })
  @ValidateIf((dto: CreateEvidenceDto) => URL_KINDS.includes(dto.kind) || dto.url !== undefined)
  @IsUrl(HTTP_URL, { message: 'url must be an http or https URL' }) @MaxLength(2048) url?: string;
}

/** multipart/form-data: the file and the optional fields of EvidenceLinksDto. */
export class UploadEvidenceDto extends EvidenceLinksDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Up to MAX_UPLOAD_BYTES' }) file: unknown;
}

export class EvidencePartView {
  @ApiProperty({ description: 'The file name in the bundle' }) name: string;
  @ApiProperty({ enum: PART_ROLES }) role: PartRole;
  @ApiProperty() contentType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'Hex SHA-256, as listed in the manifest' }) sha256: string;

  static of(part: EvidencePart): EvidencePartView {
    return { name: part.name, role: part.role, contentType: part.contentType, size: part.size, sha256: part.sha256 };
  }
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: EvidenceKind;
  @ApiProperty({ nullable: true, description: 'The URL asked for' }) sourceUrl: string | null;
  @ApiProperty({ nullable: true, description: 'The URL that answered, after redirects' }) finalUrl: string | null;
  @ApiProperty({ nullable: true, description: 'The HTTP status of the captured page' }) httpStatus: number | null;
  @ApiProperty({ nullable: true }) fileName: string | null;
  @ApiProperty() contentType: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'Hex SHA-256 of the content, checked again on every read' }) sha256: string;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) linkedCommentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) linkedNoticeId: string | null;
  @ApiProperty({ format: 'uuid', description: 'The user who captured it' }) capturedBy: string;
  @ApiProperty({ format: 'date-time', description: 'When it was captured (for a pending page capture, when it was asked for)' }) capturedAt: string;
  @ApiProperty({ enum: EVIDENCE_STATUSES, description: 'A page capture is pending until the worker has made it' }) status: EvidenceStatus;
  @ApiProperty({ nullable: true, description: 'Why a page capture failed' }) error: string | null;
  @ApiPropertyOptional({ type: [EvidencePartView], description: 'The parts of a page capture; the evidence’s sha256 is the manifest’s' }) parts?: EvidencePartView[];

  static of(evidence: Evidence, parts?: EvidencePart[]): EvidenceView {
    return { ...evidence, capturedAt: iso(evidence.capturedAt)!, ...(evidence.kind === 'page_capture' ? { parts: (parts ?? []).map(EvidencePartView.of) } : {}) };
  }
}
