import { Controller, Get, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { negotiateLocale, Translator } from '../i18n/i18n.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { renderDossierHtml } from './dossier-html.js';
import { DossierView } from './dossier.dto.js';
import { DossierPrinter } from './dossier-printer.service.js';
import { DossierService } from './dossier.service.js';
import { attachment } from '../common/attachment.js';

@ApiTags('dossier')
@ApiBearerAuth()
@Controller('api/incidents')
export class DossierController {
  constructor(
    private readonly dossiers: DossierService,
    private readonly printer: DossierPrinter,
    private readonly config: AppConfig,
  ) {}

  /** The reader's language for a printed dossier: Accept-Language, else the desk's. */
  private translator(request: FastifyRequest): Translator {
    return new Translator(negotiateLocale(request.headers['accept-language'], this.config.language), this.config.timeZone);
  }

  @Get(':id/dossier')
  @ApiOperation({ summary: 'The incident’s dossier: parties, thread, escalation, notices and deadlines, evidence (legal/admin), verified timeline' })
  @ApiOkResponse({ type: DossierView })
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<DossierView> {
    return this.dossiers.build(actor, id);
  }

  @Get(':id/dossier.html')
  @ApiOperation({ summary: 'The dossier as a printable page a lawyer can read, in the language of Accept-Language (else CALUMET_LANGUAGE)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  async page(@CurrentActor() actor: Actor, @IdParam() id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const page = renderDossierHtml(await this.dossiers.build(actor, id), this.translator(request));
    void reply.type('text/html; charset=utf-8');
    return page;
  }

  @Get(':id/dossier.pdf')
  @ApiOperation({ summary: 'The dossier as a PDF for counsel (A4, page numbers), printed by Chromium in the language of Accept-Language (else CALUMET_LANGUAGE); the last page names the chain head and the latest seal' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentActor() actor: Actor, @IdParam() id: string, @Req() request: FastifyRequest): Promise<StreamableFile> {
    const { fileName, pdf } = await this.printer.pdf(actor, id, this.translator(request));
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length, disposition: attachment(fileName) });
  }

}
