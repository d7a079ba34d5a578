import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { ListIncidentsQuery } from '../incidents/incident.dto.js';
import { ListLegalNoticesQuery } from '../legal-notices/legal-notice.dto.js';
import { sendCsv } from './send-csv.js';
import { ExportsService } from './exports.service.js';

const CSV = { schema: { type: 'string' as const, format: 'binary' } };

/**
 * A list's CSV twin: the list's path with `.csv`, the same filters (limit and
 * cursor aside: the file holds every match, at most 10 000 rows), UTF-8 with
 * a BOM, a cell that would start a formula prefixed with '.
 */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('api')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('incidents.csv')
  @ApiOperation({ summary: 'The incidents of GET /api/incidents with the same filters, as CSV (every match, newest first, at most 10 000)' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  async incidents(@Query() query: ListIncidentsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendCsv(reply, await this.exports.incidentList(query));
  }

  @Get('legal-notices.csv')
  @ApiOperation({ summary: 'The notices of GET /api/legal-notices with the same filters, as CSV (every match, at most 10 000; no privileged notes)' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  async notices(@CurrentActor() actor: Actor, @Query() query: ListLegalNoticesQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendCsv(reply, await this.exports.noticeList(actor, query));
  }

  @Get('incidents/:id/comments.csv')
  @ApiOperation({ summary: 'The incident’s thread as CSV, oldest first: each message’s author, direction, times, parent and body' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  async thread(@IdParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendCsv(reply, await this.exports.thread(id));
  }
}
