import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { PurgeDto, PurgeView, RemovalView, RetentionDueView } from './retention.dto.js';
import { RemovalsQuery } from './removals.query.js';
import { RetentionService } from './retention.service.js';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('due')
  @MinRole('admin')
  @ApiOperation({ summary: 'The incidents due for purge under the retention rules, and those held back with why (legal hold, something open)' })
  @ApiOkResponse({ type: RetentionDueView })
  due(): Promise<RetentionDueView> {
    return this.retention.due();
  }

  @Post('purge')
  @HttpCode(200)
  @MinRole('admin')
  @ApiOperation({ summary: 'Purge these incidents from the due list: each checked again now (never under legal hold), removed in its own unit of work, its removal recorded and sealed' })
  @ApiOkResponse({ type: PurgeView })
  purge(@CurrentActor() actor: Actor, @Body() dto: PurgeDto): Promise<PurgeView> {
    return this.retention.purge(actor, dto.incidentIds);
  }

  @Get('removals')
  @MinRole('legal')
  @ApiOperation({ summary: 'The removals recorded (purges and admins’ deletes), the latest first: what each removed timeline ended with' })
  @ApiOkResponse({ type: [RemovalView] })
  removals(@Query() query: RemovalsQuery): Promise<RemovalView[]> {
    return this.retention.removals(query.limit ?? 50);
  }
}
