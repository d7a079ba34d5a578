import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { DecideNoticeDto, NoticeDecisionView } from './notice-decision.dto.js';
import { NoticeDecisionsService } from './notice-decisions.service.js';
import type { Statement } from './statement-of-reasons.js';

@ApiTags('legal notices')
@ApiBearerAuth()
@Controller('api')
export class NoticeDecisionsController {
  constructor(private readonly decisions: NoticeDecisionsService) {}

  @Post('legal-notices/:id/decisions')
  @MinRole('legal')
  @ApiOperation({
    summary:
      'Record a decision on the notice with its reasons (DSA art. 17); the notice moves to decided, a removed message leaves its thread and its removal is checked on the live page, the notifier (and the author, when their address is known) are mailed',
  })
  @ApiCreatedResponse({ type: NoticeDecisionView })
  decide(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: DecideNoticeDto): Promise<NoticeDecisionView> {
    return this.decisions.decide(actor, id, dto);
  }

  @Get('legal-notices/:id/decisions')
  @ApiOperation({ summary: 'The notice’s decisions, the first first' })
  @ApiOkResponse({ type: [NoticeDecisionView] })
  list(@IdParam() id: string): Promise<NoticeDecisionView[]> {
    return this.decisions.list(id);
  }

  @Get('legal-notices/:id/statement-of-reasons')
  @ApiOperation({
    summary:
      'The latest decision’s statement of reasons in the DSA Transparency Database’s JSON (field names and values of its API); 404 without a decision, 409 when the decision restricts nothing',
  })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  statement(@IdParam() id: string): Promise<Statement> {
    return this.decisions.statement(id);
  }
}
