import { Controller, Get, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { attachment } from '../common/attachment.js';
import { IdParam, validateAs } from '../common/validation.js';
import { CreateEvidenceDto, EvidenceView, UploadEvidenceDto } from './evidence.dto.js';
import { EvidenceService } from './evidence.service.js';

@ApiTags('evidence')
@ApiBearerAuth()
@MinRole('legal')
@Controller('api')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('incidents/:id/evidence')
  @ApiOperation({
    summary:
      'Keep evidence: text, a page fetched now (url_capture), a page captured by a browser in the background (page_capture: 202, pending until the worker made it), or a file (multipart); stored by SHA-256, never changed',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiExtraModels(CreateEvidenceDto, UploadEvidenceDto)
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(CreateEvidenceDto) }, { $ref: getSchemaPath(UploadEvidenceDto) }] } })
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiAcceptedResponse({ type: EvidenceView, description: 'A page capture, pending' })
  async create(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvidenceView> {
    if (request.isMultipart()) return this.evidence.upload(actor, id, request);
    const evidence = await this.evidence.create(actor, id, await validateAs(CreateEvidenceDto, request.body));
    if (evidence.status === 'pending') void reply.status(202);
    return evidence;
  }

  @Get('incidents/:id/evidence')
  @ApiOperation({ summary: 'The incident’s evidence, oldest first' })
  @ApiPage(EvidenceView)
  list(@IdParam() id: string, @Query() query: PageQuery) {
    return this.evidence.list(id, query);
  }

  @Get('evidence/:id')
  @ApiOperation({ summary: 'One piece of evidence: where it came from, who captured it when, its size and SHA-256' })
  @ApiOkResponse({ type: EvidenceView })
  get(@IdParam() id: string): Promise<EvidenceView> {
    return this.evidence.get(id);
  }

  @Get('evidence/:id/content')
  @ApiOperation({ summary: 'The bytes, as an attachment, after checking them against their SHA-256 (a mismatch answers 500, never the bytes)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async content(@IdParam() id: string): Promise<StreamableFile> {
    const { evidence, bytes } = await this.evidence.content(id);
    return new StreamableFile(bytes, {
      type: evidence.contentType,
      length: bytes.length,
      disposition: attachment(evidence.fileName ?? `evidence-${evidence.id}`),
    });
  }

  @Get('evidence/:id/bundle')
  @ApiOperation({ summary: 'A page capture as one zip for counsel: every part and the manifest, each checked against its SHA-256 first (a mismatch answers 500)' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async bundle(@IdParam() id: string): Promise<StreamableFile> {
    const { evidence, zip } = await this.evidence.bundle(id);
    return new StreamableFile(zip, { type: 'application/zip', length: zip.length, disposition: attachment(`evidence-${evidence.id}.zip`) });
  }
}
