import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { sendCsv } from '../exports/send-csv.js';
import { ExportsService } from '../exports/exports.service.js';
import { INCIDENT_STATES, type IncidentState } from '../incidents/escalation.js';
import { ListIncidentsQuery } from '../incidents/incident.dto.js';
import { ListLegalNoticesQuery } from '../legal-notices/legal-notice.dto.js';
import { fromForm } from './forms.js';
import { WebActor, WebSessionGuard } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : []);

/**
 * The desk's CSV downloads, beside the pages that link them: the incidents
 * list with its filters, the legal desk's notices, an incident's thread.
 * The same paths as the API's without /api, read with the session.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class ExportPagesController {
  constructor(private readonly exports: ExportsService) {}

  /** The incidents list's filters, as /incidents reads them (several states at once). */
  @Get('incidents.csv')
  async incidents(@Query() raw: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const states = asList(raw['state']).filter((state): state is IncidentState => (INCIDENT_STATES as readonly string[]).includes(state));
    const filters = await fromForm(ListIncidentsQuery, { severity: raw['severity'], ownerId: raw['ownerId'], tag: raw['tag'], q: raw['q'] });
    return sendCsv(reply, await this.exports.incidentDesk({ ...filters, states }));
  }

  @Get('legal-notices.csv')
  async notices(@WebActor() actor: Actor, @Query() raw: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const query = await fromForm(ListLegalNoticesQuery, { status: raw['status'], dueBefore: raw['dueBefore'], incidentId: raw['incidentId'], assigneeId: raw['assigneeId'] });
    return sendCsv(reply, await this.exports.noticeList(actor, query));
  }

  @Get('incidents/:id/comments.csv')
  async thread(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendCsv(reply, await this.exports.thread(id));
  }
}
