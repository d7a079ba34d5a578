import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { LegalNoticeView, ListLegalNoticesQuery, NoticeTransitionDto, UpdateLegalNoticeDto } from './legal-notice.dto.js';
import { LegalNoticesService } from './legal-notices.service.js';
import { RecordNoticeDto } from './record-notice.dto.js';

@ApiTags('legal notices')
@ApiBearerAuth()
@Controller('api')
export class LegalNoticesController {
  constructor(private readonly notices: LegalNoticesService) {}

  @Post('incidents/:id/legal-notices')
  @MinRole('legal')
  @ApiOperation({ summary: 'Record a legal notice with its computed deadline (and its new parties by role, in one go); a received one raises the incident to legal_threat (court_summons: formal_dispute)' })
  @ApiCreatedResponse({ type: LegalNoticeView })
  create(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RecordNoticeDto): Promise<LegalNoticeView> {
    return this.notices.create(actor, id, dto);
  }

  @Get('legal-notices')
  @ApiOperation({ summary: 'List notices, newest first, or soonest due first with dueBefore; privilegedNotes for legal and admin only' })
  @ApiPage(LegalNoticeView)
  list(@CurrentActor() actor: Actor, @Query() query: ListLegalNoticesQuery) {
    return this.notices.list(actor, query);
  }

  @Get('legal-notices/:id')
  @ApiOperation({ summary: 'One notice; privilegedNotes for legal and admin only' })
  @ApiOkResponse({ type: LegalNoticeView })
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<LegalNoticeView> {
    return this.notices.get(actor, id);
  }

  @Patch('legal-notices/:id')
  @MinRole('legal')
  @ApiOperation({ summary: 'Change a notice’s fields; its deadline follows its dates, or is set by hand with respondBy and respondByReason' })
  @ApiOkResponse({ type: LegalNoticeView })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateLegalNoticeDto): Promise<LegalNoticeView> {
    return this.notices.update(actor, id, dto);
  }

  @Post('legal-notices/:id/transitions')
  @HttpCode(200)
  @MinRole('legal')
  @ApiOperation({ summary: 'Move the notice along its status workflow; illegal moves answer 409 naming the allowed ones' })
  @ApiOkResponse({ type: LegalNoticeView })
  transition(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: NoticeTransitionDto): Promise<LegalNoticeView> {
    return this.notices.transition(actor, id, dto);
  }
}
