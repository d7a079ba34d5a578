import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { negotiateLocale, Translator } from '../i18n/i18n.js';
import { renderPartyExportHtml } from './party-export-html.js';
import { ErasureView, PartyExportView } from './privacy.dto.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('api/parties')
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly config: AppConfig,
  ) {}

  @Get(':id/export')
  @MinRole('legal')
  @ApiOperation({ summary: 'Everything Calumet holds about the party, for an access request (GDPR art. 15)' })
  @ApiOkResponse({ type: PartyExportView })
  export(@IdParam() id: string): Promise<PartyExportView> {
    return this.privacy.export(id);
  }

  @Get(':id/export.html')
  @MinRole('legal')
  @ApiOperation({ summary: 'The access request’s export as a printable page, in the language of Accept-Language (else CALUMET_LANGUAGE)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  async page(@IdParam() id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const t = new Translator(negotiateLocale(request.headers['accept-language'], this.config.language), this.config.timeZone);
    const page = renderPartyExportHtml(await this.privacy.export(id), t);
    void reply.type('text/html; charset=utf-8');
    return page;
  }

  @Post(':id/erase')
  @HttpCode(200)
  @MinRole('admin')
  @ApiOperation({
    summary:
      'Erase the party’s personal data (GDPR art. 17): name, details, the words of its messages and its values in the timelines become tombstones, every timeline still verifies; 409 with the reason under legal hold or while a notice naming it is open',
  })
  @ApiOkResponse({ type: ErasureView })
  erase(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ErasureView> {
    return this.privacy.erase(actor, id);
  }
}
