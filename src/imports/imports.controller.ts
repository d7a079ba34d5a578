import { Body, Controller, Delete, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { ImportSummaryView, ImportWordPressDto, WatchPostDto, WxrImportDto } from './import.dto.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imports')
@ApiBearerAuth()
@MinRole('community_manager')
@Controller('api')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('imports/wordpress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import (again) a post’s comments from the blog’s REST API into the incident; watch: keep syncing them' })
  @ApiOkResponse({ type: ImportSummaryView })
  fromBlog(@CurrentActor() actor: Actor, @Body() dto: ImportWordPressDto): Promise<ImportSummaryView> {
    return this.imports.fromBlog(actor, dto);
  }

  @Post('imports/wordpress/wxr')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import (again) one post’s comments from a WordPress export (WXR); a malformed file imports nothing' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: WxrImportDto })
  @ApiOkResponse({ type: ImportSummaryView })
  fromWxr(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<ImportSummaryView> {
    return this.imports.fromWxr(actor, request);
  }

  @Post('posts/:id/watch')
  @HttpCode(204)
  @ApiOperation({ summary: 'Watch a post linked to the incident: its comments are synced every WATCH_INTERVAL while the incident is open' })
  @ApiNoContentResponse()
  watch(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: WatchPostDto): Promise<void> {
    return this.imports.watch(actor, id, dto.incidentId);
  }

  @Delete('posts/:id/watch')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop watching a post' })
  @ApiNoContentResponse()
  unwatch(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.imports.unwatch(actor, id);
  }
}
