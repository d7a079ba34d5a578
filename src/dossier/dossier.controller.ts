import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { FastifyReply } from 'fastify';
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
  ) {}

  @Get(':id/dossier')
  @ApiOperation({ summary: 'The incident’s dossier: parties, thread, escalation, notices and deadlines, evidence (legal/admin), verified timeline' })
  @ApiOkResponse({ type: DossierView })
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<DossierView> {
    return this.dossiers.build(actor, id);
  }

  @Get(':id/dossier.html')
  @ApiOperation({ summary: 'The dossier as a printable page a lawyer can read' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  async page(@CurrentActor() actor: Actor, @IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const page = renderDossierHtml(await this.dossiers.build(actor, id));
    void reply.type('text/html; charset=utf-8');
    return page;
  }

  @Get(':id/dossier.pdf')
  @ApiOperation({ summary: 'The dossier as a PDF for counsel (A4, page numbers), printed by Chromium; the last page names the chain head and the latest seal' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<StreamableFile> {
    const { fileName, pdf } = await this.printer.pdf(actor, id);
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length, disposition: attachment(fileName) });
  }

}
