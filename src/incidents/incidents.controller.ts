import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { mapPage, PageQuery } from '../common/pagination.js';
import { IdParam } from '../common/validation.js';
import { TimelineEventView, VerificationView } from '../timeline/timeline.dto.js';
import { TimelineService } from '../timeline/timeline.service.js';
import {
  CreateIncidentDto,
  IncidentDetailView,
  IncidentView,
  LegalHoldDto,
  ListIncidentsQuery,
  StateChangeView,
  TransitionDto,
  UpdateIncidentDto,
} from './incident.dto.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
  ) {}

  @Post()
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Open an incident (state reported)' })
  @ApiCreatedResponse({ type: IncidentView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIncidentDto): Promise<IncidentView> {
    return this.incidents.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List incidents, newest first, by state, severity, owner, tag or text' })
  @ApiPage(IncidentView)
  list(@Query() query: ListIncidentsQuery) {
    return this.incidents.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One incident, with the moves allowed from its state and its open counts' })
  @ApiOkResponse({ type: IncidentDetailView })
  get(@IdParam() id: string): Promise<IncidentDetailView> {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Change an incident’s fields (not its state: use transitions)' })
  @ApiOkResponse({ type: IncidentView })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateIncidentDto): Promise<IncidentView> {
    return this.incidents.update(actor, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Move the incident along the escalation workflow; illegal moves answer 409 naming the allowed ones' })
  @ApiOkResponse({ type: IncidentView })
  transition(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: TransitionDto): Promise<IncidentView> {
    return this.incidents.transition(actor, id, dto);
  }

  @Post(':id/legal-hold')
  @HttpCode(200)
  @MinRole('legal')
  @ApiOperation({ summary: 'Set or lift the legal hold: while on, nothing of the incident can be deleted' })
  @ApiOkResponse({ type: IncidentView })
  legalHold(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: LegalHoldDto): Promise<IncidentView> {
    return this.incidents.setLegalHold(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @MinRole('admin')
  @ApiOperation({ summary: 'Delete an incident and everything under it; 409 under legal hold' })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    await this.incidents.remove(actor, id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'The incident’s hash-chained timeline, oldest first' })
  @ApiPage(TimelineEventView)
  async timelineOf(@IdParam() id: string, @Query() query: PageQuery) {
    await this.incidents.assertExists(id);
    return mapPage(await this.timeline.list(id, query), TimelineEventView.of);
  }

  @Get(':id/states')
  @ApiOperation({ summary: 'The escalation as it happened: every move in the order it happened, with when it was recorded (for charts)' })
  @ApiOkResponse({ type: [StateChangeView] })
  states(@IdParam() id: string): Promise<StateChangeView[]> {
    return this.incidents.stateHistory(id);
  }

  @Get(':id/timeline/verify')
  @ApiOperation({ summary: 'Recompute the hash chain and name the first event that does not hold' })
  @ApiOkResponse({ type: VerificationView })
  async verify(@IdParam() id: string): Promise<VerificationView> {
    await this.incidents.assertExists(id);
    return this.timeline.verify(id);
  }
}
