import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { PageQuery } from '../common/pagination.js';
import { IdParam } from '../common/validation.js';
import { SealVerificationView, SealView, VerifySealDto } from './seal.dto.js';
import { SealsService } from './seals.service.js';

@ApiTags('seals')
@ApiBearerAuth()
@MinRole('legal')
@Controller('api/seals')
export class SealsController {
  constructor(private readonly seals: SealsService) {}

  @Post()
  @ApiOperation({ summary: 'Seal now: the head of every timeline in one root hash, stored and sent to legal and admin users (email) and the webhook' })
  @ApiCreatedResponse({ type: SealView })
  make(@CurrentActor() actor: Actor): Promise<SealView> {
    return this.seals.make(actor);
  }

  @Get()
  @ApiOperation({ summary: 'The seals, latest first' })
  @ApiPage(SealView)
  list(@Query() query: PageQuery) {
    return this.seals.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One seal with its heads' })
  @ApiOkResponse({ type: SealView })
  get(@IdParam() id: string): Promise<SealView> {
    return this.seals.get(id);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Whether today’s timelines still extend what a seal recorded (its root, or its JSON with the heads); names every incident whose history was rewritten or deleted' })
  @ApiOkResponse({ type: SealVerificationView })
  verify(@Body() dto: VerifySealDto): Promise<SealVerificationView> {
    return this.seals.verify(dto);
  }
}
