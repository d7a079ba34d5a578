import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CreatePartyDto, ListPartiesQuery, MergePartyDto, MergeView, PartyView, UpdatePartyDto } from './party.dto.js';
import { PartiesService } from './parties.service.js';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('api/parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Post()
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Record a person or organisation outside the team' })
  @ApiCreatedResponse({ type: PartyView })
  create(@Body() dto: CreatePartyDto): Promise<PartyView> {
    return this.parties.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'Find parties by name, organisation or email' })
  @ApiPage(PartyView)
  list(@Query() query: ListPartiesQuery) {
    return this.parties.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One party' })
  @ApiOkResponse({ type: PartyView })
  get(@IdParam() id: string): Promise<PartyView> {
    return this.parties.get(id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Merge another party into this one (the same person): its messages, notices, commitments and incidents follow, each incident records the merge' })
  @ApiOkResponse({ type: MergeView })
  merge(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: MergePartyDto): Promise<MergeView> {
    return this.parties.merge(actor, id, dto.partyId);
  }

  @Patch(':id')
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Correct a party' })
  @ApiOkResponse({ type: PartyView })
  update(@IdParam() id: string, @Body() dto: UpdatePartyDto): Promise<PartyView> {
    return this.parties.update(id, dto);
  }
}
