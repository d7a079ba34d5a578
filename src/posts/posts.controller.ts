import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CreatePostDto, ListPostsQuery, PostView, UpdatePostDto } from './post.dto.js';
import { PostsService } from './posts.service.js';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('api/posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Post()
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Record a published item (ours or a third party’s)' })
  @ApiCreatedResponse({ type: PostView })
  create(@Body() dto: CreatePostDto): Promise<PostView> {
    return this.posts.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List posts, newest first' })
  @ApiPage(PostView)
  list(@Query() query: ListPostsQuery) {
    return this.posts.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One post, with its desired and observed indexing' })
  @ApiOkResponse({ type: PostView })
  get(@IdParam() id: string): Promise<PostView> {
    return this.posts.get(id);
  }

  @Patch(':id')
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Change a post (e.g. indexing.desired = noindex); recorded in its incidents’ timelines' })
  @ApiOkResponse({ type: PostView })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdatePostDto): Promise<PostView> {
    return this.posts.update(actor, id, dto);
  }
}
