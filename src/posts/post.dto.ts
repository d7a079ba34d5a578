import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { HTTP_URL, iso, IsoDateTime, Patchable, Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import type { Post } from './post.entity.js';
import { INDEXING_DESIRED, INDEXING_OBSERVED, OWNERSHIPS, PLATFORMS, type IndexingDesired, type IndexingObserved, type Ownership, type Platform } from './post.types.js';

const COMMENTS_OPEN =
  'Whether readers may comment under the post (a WordPress import and the watch read it from the blog); a right of reply does not apply where the comments are open (décret n° 2007-1527, art. 1)';

export class IndexingDto {
  @ApiProperty({ enum: INDEXING_DESIRED }) @IsIn(INDEXING_DESIRED) desired: IndexingDesired;
}

export class CreatePostDto {
  @ApiProperty({ enum: PLATFORMS }) @IsIn(PLATFORMS) platform: Platform;
  @ApiProperty({ enum: OWNERSHIPS }) @IsIn(OWNERSHIPS) ownership: Ownership;
  @ApiProperty({ maxLength: 2048, example: 'https://blog.example.com/2026/11/beginners-mistakes' }) @IsUrl(HTTP_URL) @MaxLength(2048) url: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @Trim() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Trim() @IsString() @MaxLength(200) authorName?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsoDateTime() publishedAt?: Date;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ type: IndexingDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => IndexingDto) indexing?: IndexingDto;
  @ApiPropertyOptional({ description: COMMENTS_OPEN }) @IsOptional() @IsBoolean() commentsOpen?: boolean;
  @ApiPropertyOptional({ maxLength: 100, description: 'Id on the platform, e.g. the WordPress post id' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) externalId?: string;
}

export class UpdatePostDto {
  @ApiPropertyOptional({ enum: PLATFORMS }) @Patchable() @IsIn(PLATFORMS) platform?: Platform;
  @ApiPropertyOptional({ enum: OWNERSHIPS }) @Patchable() @IsIn(OWNERSHIPS) ownership?: Ownership;
  @ApiPropertyOptional({ maxLength: 2048 }) @Patchable() @IsUrl(HTTP_URL) @MaxLength(2048) url?: string;
  @ApiPropertyOptional({ maxLength: 300, nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(300) title?: string | null;
  @ApiPropertyOptional({ maxLength: 200, nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(200) authorName?: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) @IsOptional() @IsoDateTime() publishedAt?: Date | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() ownerId?: string | null;
  @ApiPropertyOptional({ type: IndexingDto }) @Patchable() @IsObject() @ValidateNested() @Type(() => IndexingDto) indexing?: IndexingDto;
  @ApiPropertyOptional({ maxLength: 100, nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) externalId?: string | null;
  @ApiPropertyOptional({ nullable: true, description: `${COMMENTS_OPEN}; null: not known` }) @IsOptional() @IsBoolean() commentsOpen?: boolean | null;
}

export class ListPostsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words of the url or title, in any order; case, accents and word endings ignored' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class IndexingView {
  @ApiProperty({ enum: INDEXING_DESIRED }) desired: IndexingDesired;
  @ApiProperty({ enum: INDEXING_OBSERVED }) observed: IndexingObserved;
  @ApiProperty({ format: 'date-time', nullable: true }) observedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When the page is checked next, while it does not show what is desired' })
  nextCheckAt: string | null;
}

export class WatchView {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The incident the post’s comments are synced into; null when not watched' }) incidentId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) nextSyncAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) lastSyncAt: string | null;
  @ApiProperty({ nullable: true, description: 'What the last sync found, or why it failed' }) lastResult: string | null;
}

export class PostView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLATFORMS }) platform: Platform;
  @ApiProperty({ enum: OWNERSHIPS }) ownership: Ownership;
  @ApiProperty() url: string;
  @ApiProperty({ nullable: true }) title: string | null;
  @ApiProperty({ nullable: true }) authorName: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: IndexingView }) indexing: IndexingView;
  @ApiProperty({ nullable: true }) externalId: string | null;
  @ApiProperty({ type: WatchView }) watch: WatchView;
  @ApiProperty({ nullable: true, description: `${COMMENTS_OPEN}; null: not known` }) commentsOpen: boolean | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(post: Post): PostView {
    return {
      ...post,
      publishedAt: iso(post.publishedAt),
      indexing: {
        desired: post.indexing.desired,
        observed: post.indexing.observed,
        observedAt: iso(post.indexing.observedAt),
        nextCheckAt: iso(post.indexing.nextCheckAt),
      },
      watch: { ...post.watch, nextSyncAt: iso(post.watch.nextSyncAt), lastSyncAt: iso(post.watch.lastSyncAt) },
      createdAt: iso(post.createdAt)!,
      updatedAt: iso(post.updatedAt)!,
    };
  }
}
