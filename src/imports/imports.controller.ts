import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { FileImportDto, ImportAddressDto, ImportStartedView, ImportView, ImportWordPressDto, WatchPostDto, WxrImportDto } from './import.dto.js';
import { ImportsService, type ImportStarted } from './imports.service.js';

/** `Prefer: respond-async` (RFC 7240): answer 202 once the import is recorded, its progress at GET /api/imports/{id}. */
const respondAsync = (request: FastifyRequest) => /(^|[,;\s])respond-async($|[,;\s])/i.test(String(request.headers['prefer'] ?? ''));
const PREFER = { name: 'Prefer', required: false, description: '`respond-async`: answer 202 as soon as the import is recorded, and follow it at GET /api/imports/{id}' };

function answer(reply: FastifyReply, background: boolean, started: ImportStarted): ImportStarted {
  reply.status(background ? 202 : 200);
  if (background) reply.header('location', `/api/imports/${started.importId}`);
  return started;
}

@ApiTags('imports')
@ApiBearerAuth()
@MinRole('community_manager')
@Controller('api')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('imports/wordpress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import (again) a post’s comments from the blog’s REST API into the incident, in batches; watch: keep syncing them' })
  @ApiHeader(PREFER)
  @ApiOkResponse({ type: ImportStartedView, description: 'The import, done' })
  @ApiAcceptedResponse({ type: ImportStartedView, description: 'The import, recorded and running (Prefer: respond-async)' })
  async fromBlog(@CurrentActor() actor: Actor, @Body() dto: ImportWordPressDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportStarted> {
    const background = respondAsync(request);
    return answer(reply, background, await this.imports.fromBlog(actor, dto, { background }));
  }

  @Post('imports/wordpress/wxr')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import (again) one post’s comments from a WordPress export (WXR); a malformed file imports nothing' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: WxrImportDto })
  @ApiHeader(PREFER)
  @ApiOkResponse({ type: ImportStartedView, description: 'The import, done' })
  @ApiAcceptedResponse({ type: ImportStartedView, description: 'The import, recorded and running (Prefer: respond-async)' })
  async fromWxr(@CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportStarted> {
    const background = respondAsync(request);
    return answer(reply, background, await this.imports.fromUpload(actor, request, { background }, 'wxr'));
  }

  @Post('imports')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import (again) a thread from its address: a WordPress post, a Discourse topic, a Mastodon status, a Reddit post, a YouTube video; watch: keep syncing it',
    description: 'The place is recognised from the address, or named in `source`; an address Calumet cannot place is refused on `source` with the places it knows.',
  })
  @ApiHeader(PREFER)
  @ApiOkResponse({ type: ImportStartedView, description: 'The import, done' })
  @ApiAcceptedResponse({ type: ImportStartedView, description: 'The import, recorded and running (Prefer: respond-async)' })
  async fromAddress(@CurrentActor() actor: Actor, @Body() dto: ImportAddressDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportStarted> {
    const background = respondAsync(request);
    return answer(reply, background, await this.imports.fromAddress(actor, dto, { background }));
  }

  @Post('imports/file')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import (again) one thread from a file: a WordPress export (WXR), a Disqus export, a Mastodon archive’s outbox.json; a malformed file imports nothing' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FileImportDto })
  @ApiHeader(PREFER)
  @ApiOkResponse({ type: ImportStartedView, description: 'The import, done' })
  @ApiAcceptedResponse({ type: ImportStartedView, description: 'The import, recorded and running (Prefer: respond-async)' })
  async fromFile(@CurrentActor() actor: Actor, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportStarted> {
    const background = respondAsync(request);
    return answer(reply, background, await this.imports.fromUpload(actor, request, { background }));
  }

  @Get('imports/:id')
  @ApiOperation({ summary: 'An import: its progress while it runs (comments gone through of the total, batches, last cursor), its totals once done' })
  @ApiOkResponse({ type: ImportView })
  find(@IdParam() id: string): Promise<ImportView> {
    return this.imports.find(id);
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
