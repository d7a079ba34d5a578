import { Body, Controller, Get, HttpCode, Injectable, Module, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { Repository } from 'typeorm';
import { DIRECTIONS, PlainComment, type Direction } from './comment.entity.js';

export class CreateCommentDto {
  @IsIn(DIRECTIONS) direction: Direction;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) authorName?: string;
  @IsString() @MinLength(1) @MaxLength(10_000) body: string;
}

@Injectable()
export class CommentsService {
  constructor(@InjectRepository(PlainComment) private readonly comments: Repository<PlainComment>) {}

  add(incidentId: string, dto: CreateCommentDto): Promise<PlainComment> {
    return this.comments.save(this.comments.create({ incidentId, direction: dto.direction, authorName: dto.authorName ?? null, body: dto.body }));
  }
}

@Controller()
export class CommentsController {
  constructor(private readonly service: CommentsService) {}

  @Post('api/incidents/:id/comments')
  @HttpCode(201)
  add(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateCommentDto): Promise<PlainComment> {
    return this.service.add(id, dto);
  }

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ imports: [TypeOrmModule.forFeature([PlainComment])], controllers: [CommentsController], providers: [CommentsService] })
export class CommentsModule {}
