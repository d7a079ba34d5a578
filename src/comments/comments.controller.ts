import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CommentView, CreateCommentDto, ListCommentsQuery, UpdateCommentDto } from './comment.dto.js';
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
