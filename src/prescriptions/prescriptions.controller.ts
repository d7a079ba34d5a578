import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { ListPrescriptionsQuery, MarkPrescriptionDto, PrescriptionListView, PrescriptionView, UnmarkPrescriptionDto, UpdatePrescriptionDto } from './prescription.dto.js';
import { PrescriptionsService } from './prescriptions.service.js';

@ApiTags('press-law prescription')
@ApiBearerAuth()
@Controller('api')
export class PrescriptionsController {
  constructor(private readonly prescriptions: PrescriptionsService) {}

  @Post('incidents/:id/prescriptions')
  @MinRole('community_manager')
  @ApiOperation({
    summary:
      'Mark a message or post of the incident as allegedly defamatory or insulting: its press-law prescription date (3 months, 1 year with an art. 65-3 ground) and its reminders 30, 7 and 1 days before; a formal notice does not interrupt it',
  })
  @ApiCreatedResponse({ type: PrescriptionView })
  mark(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: MarkPrescriptionDto): Promise<PrescriptionView> {
    return this.prescriptions.mark(actor, id, dto);
  }

  @Get('incidents/:id/prescriptions')
  @ApiOperation({ summary: 'The incident’s marks, soonest prescription first (all=true: the removed ones too)' })
  @ApiOkResponse({ type: PrescriptionListView })
  async ofIncident(@IdParam() id: string, @Query() query: ListPrescriptionsQuery): Promise<PrescriptionListView> {
    return { items: await this.prescriptions.ofIncident(id, query) };
  }

  @Get('prescriptions')
  @ApiOperation({ summary: 'Every active mark with a prescription date, soonest first (the first 200)' })
  @ApiOkResponse({ type: PrescriptionListView })
  async upcoming(): Promise<PrescriptionListView> {
    return { items: await this.prescriptions.upcoming() };
  }

  @Get('prescriptions/:id')
  @ApiOperation({ summary: 'One mark' })
  @ApiOkResponse({ type: PrescriptionView })
  get(@IdParam() id: string): Promise<PrescriptionView> {
    return this.prescriptions.get(id);
  }

  @Patch('prescriptions/:id')
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Change a mark’s offence, ground, note or publication date; the prescription date and its reminders follow' })
  @ApiOkResponse({ type: PrescriptionView })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdatePrescriptionDto): Promise<PrescriptionView> {
    return this.prescriptions.update(actor, id, dto);
  }

  @Post('prescriptions/:id/remove')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Remove the mark, with the reason; its pending reminders are cancelled' })
  @ApiOkResponse({ type: PrescriptionView })
  unmark(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UnmarkPrescriptionDto): Promise<PrescriptionView> {
    return this.prescriptions.unmark(actor, id, dto);
  }
}
