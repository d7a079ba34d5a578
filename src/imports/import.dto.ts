import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { HTTP_URL, Trim } from '../common/dto-helpers.js';

export class ImportWordPressDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiProperty({ maxLength: 2048, example: 'https://blog.example.com/2026/11/beginners-mistakes/', description: 'The post’s page on the blog' })
  @IsUrl(HTTP_URL) @MaxLength(2048) postUrl: string;
  @ApiPropertyOptional({ default: false, description: 'Keep the post watched: its comments are synced every WATCH_INTERVAL while the incident is open' })
  @IsOptional() @IsBoolean() watch?: boolean;
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
