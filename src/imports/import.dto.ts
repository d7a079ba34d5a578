import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { HTTP_URL, Trim } from '../common/dto-helpers.js';
import { ADDRESS_SOURCES, FILE_FORMATS, type AddressSourceName, type FileFormat } from './sources/source.js';

export class ImportWordPressDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiProperty({ maxLength: 2048, example: 'https://blog.example.com/2026/11/beginners-mistakes/', description: 'The post’s page on the blog' })
  @IsUrl(HTTP_URL) @MaxLength(2048) postUrl: string;
  @ApiPropertyOptional({ default: false, description: 'Keep the post watched: its comments are synced every WATCH_INTERVAL while the incident is open' })
  @IsOptional() @IsBoolean() watch?: boolean;
}

export class ImportAddressDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiProperty({
    maxLength: 2048,
    example: 'https://forum.example.org/t/la-querelle/1234',
    description: 'The address of the post, topic, status or video: a WordPress post, a Discourse topic, a Mastodon status (any server), a Reddit post, a YouTube video',
  })
  @IsUrl(HTTP_URL)
  @MaxLength(2048)
  url: string;
  @ApiPropertyOptional({ enum: ADDRESS_SOURCES, description: 'The place, when Calumet does not recognise it from the address (it then answers 400 on `source`)' })
  @IsOptional()
  @IsIn(ADDRESS_SOURCES)
  source?: AddressSourceName;
  @ApiPropertyOptional({ default: false, description: 'Keep the thread watched: its messages are synced every WATCH_INTERVAL while the incident is open' })
  @IsOptional()
  @IsBoolean()
  watch?: boolean;
}

/** The fields of a multipart file upload besides the file. */
export class FileImportFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiPropertyOptional({ enum: FILE_FORMATS, description: 'wxr (WordPress export), disqus (Disqus XML export) or outbox (a Mastodon archive’s outbox.json); read from the file’s first bytes when absent' })
  @IsOptional()
  @IsIn(FILE_FORMATS)
  format?: FileFormat;
  @ApiProperty({ maxLength: 2048, description: 'The thread to take from the file: a WXR post’s slug or id, a Disqus thread’s address, id or identifier, an outbox note’s id or address' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  thread: string;
}

export class FileImportDto extends FileImportFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file, up to MAX_UPLOAD_BYTES' }) file: unknown;
}

/** The fields of the multipart WXR upload besides the file. */
export class WxrImportFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiProperty({ maxLength: 200, description: 'The post to take from the export: its slug or its WordPress id' }) @Trim() @IsString() @MinLength(1) @MaxLength(200) post: string;
}

export class WxrImportDto extends WxrImportFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'A WordPress export (WXR), up to MAX_UPLOAD_BYTES' }) file: unknown;
}

export class WatchPostDto {
  @ApiProperty({ format: 'uuid', description: 'The incident the post’s new comments go to; the post must be linked to it' }) @IsUUID() incidentId: string;
}

export class ImportSummaryView {
  @ApiProperty({ format: 'uuid', description: 'The post the comments belong to (created if missing, linked to the incident)' }) postId: string;
  @ApiProperty({ description: 'Comments new to the incident' }) added: number;
  @ApiProperty({ description: 'Comments whose body changed (kept as a revision) or that came back' }) updated: number;
  @ApiProperty({ description: 'Comments gone from the blog (trashed, unapproved, deleted), marked deleted' }) deleted: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Signals found on the added and updated comments' }) signals: number;
}

export class ImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The post, once linked (the first unit of work)' }) postId: string | null;
  @ApiProperty({ enum: ['rest', 'watch', ...FILE_FORMATS], description: 'rest: read from its address; watch: a watch’s sync; else the file’s format' }) source: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'], description: 'running: batches are being written (or waiting to be resumed after a crash)' }) status: string;
  @ApiProperty({ description: 'Comments of the thread to go through' }) total: number;
  @ApiProperty({ description: 'Comments gone through so far: the next batch starts there' }) done: number;
  @ApiProperty({ description: 'Batches written (each its own unit of work)' }) batches: number;
  @ApiProperty({ nullable: true, type: String, description: 'The place’s id of the last message of the last batch' }) lastExternalId: string | null;
  @ApiProperty() added: number;
  @ApiProperty() updated: number;
  @ApiProperty() deleted: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() signals: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why a failed import stopped' }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
}

export class ImportStartedView extends ImportView {
  @ApiProperty({ format: 'uuid', description: 'The import (GET /api/imports/{id})' }) importId: string;
}
