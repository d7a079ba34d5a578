import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CommentView, CreateCommentDto, ListCommentsQuery, RereadView, UpdateCommentDto } from './comment.dto.js';
import { CommentsService } from './comments.service.js';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('api')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('incidents/:id/comments')
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Log one message of the exchange; an outbound reply (parentId) answers the inbound comment it replies to' })
  @ApiCreatedResponse({ type: CommentView })
  create(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreateCommentDto): Promise<CommentView> {
    return this.comments.create(actor, id, dto);
  }

  @Post('incidents/:id/signals/reread')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Read the whole thread again with today’s rules and the admins’ phrases; the reading is recorded in the timeline' })
  @ApiOkResponse({ type: RereadView })
  reread(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<RereadView> {
    return this.comments.rereadSignals(actor, id);
  }

  @Get('incidents/:id/comments')
  @ApiOperation({ summary: 'The exchange in the order it was posted' })
  @ApiPage(CommentView)
  list(@IdParam() id: string, @Query() query: ListCommentsQuery) {
    return this.comments.list(id, query);
  }

  @Get('comments/:id')
  @ApiOperation({ summary: 'One comment, with its revisions' })
  @ApiOkResponse({ type: CommentView })
  get(@IdParam() id: string): Promise<CommentView> {
    return this.comments.get(id);
  }

  @Patch('comments/:id')
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Record an edit (kept as a revision), a status, or clear needsResponse' })
  @ApiOkResponse({ type: CommentView })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateCommentDto): Promise<CommentView> {
    return this.comments.update(actor, id, dto);
  }
}
