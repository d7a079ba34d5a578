import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CommitmentChecker } from './commitment-checker.service.js';
import { DueDto, ReasonDto, CheckView, CommitmentView, CreateCommitmentDto, ListCommitmentsQuery } from './commitment.dto.js';
import { CommitmentsService } from './commitments.service.js';

@ApiTags('commitments')
@ApiBearerAuth()
@Controller('api')
export class CommitmentsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly checker: CommitmentChecker,
  ) {}

  @Post('incidents/:id/commitments')
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Record a promise made to a party (noindex, a removal, a call back…)' })
  @ApiCreatedResponse({ type: CommitmentView })
  create(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreateCommitmentDto): Promise<CommitmentView> {
    return this.commitments.create(actor, id, dto);
  }

  @Get('commitments')
  @ApiOperation({ summary: 'List commitments by status, incident or owner, newest first' })
  @ApiPage(CommitmentView)
  list(@Query() query: ListCommitmentsQuery) {
    return this.commitments.list(query);
  }

  @Get('commitments/:id')
  @ApiOperation({ summary: 'One commitment, with every check made on its page' })
  @ApiOkResponse({ type: CommitmentView })
  get(@IdParam() id: string): Promise<CommitmentView> {
    return this.commitments.get(id);
  }

  @Post('commitments/:id/done')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Mark a commitment done; one that can be checked on its page is checked at once' })
  @ApiOkResponse({ type: CommitmentView })
  done(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CommitmentView> {
    return this.commitments.markDone(actor, id);
  }

  @Post('commitments/:id/verify')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Check the commitment on its live page now; answers the observation made' })
  @ApiOkResponse({ type: CheckView })
  verify(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CheckView> {
    return this.checker.check(actor, id);
  }

  @Post('commitments/:id/reopen')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Reopen a commitment marked done by mistake (done or failed_verification → pending), with the reason' })
  @ApiOkResponse({ type: CommitmentView })
  reopen(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto): Promise<CommitmentView> {
    return this.commitments.reopen(actor, id, dto.reason);
  }

  @Post('commitments/:id/due')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Set or change the due time of a pending commitment: its reminder moves to it' })
  @ApiOkResponse({ type: CommitmentView })
  due(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: DueDto): Promise<CommitmentView> {
    return this.commitments.setDue(actor, id, dto.dueAt);
  }

  @Post('commitments/:id/cancel')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Cancel a commitment, with the reason' })
  @ApiOkResponse({ type: CommitmentView })
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: ReasonDto): Promise<CommitmentView> {
    return this.commitments.cancel(actor, id, dto.reason);
  }
}
