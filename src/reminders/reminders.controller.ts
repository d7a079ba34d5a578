import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import { CancelReminderDto, CreateReminderDto, ListRemindersQuery, ReminderView, SnoozeReminderDto } from './reminder.dto.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Post()
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Schedule a follow_up reminder on an incident, for you or another active user' })
  @ApiCreatedResponse({ type: ReminderView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReminderDto): Promise<ReminderView> {
    return this.reminders.createFollowUp(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Reminders by due time, filtered by status, incident, recipient or kind, with their deliveries' })
  @ApiPage(ReminderView)
  list(@Query() query: ListRemindersQuery) {
    return this.reminders.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One reminder, with its deliveries per channel' })
  @ApiOkResponse({ type: ReminderView })
  get(@IdParam() id: string): Promise<ReminderView> {
    return this.reminders.get(id);
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Move a scheduled reminder to a later time' })
  @ApiOkResponse({ type: ReminderView })
  snooze(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: SnoozeReminderDto): Promise<ReminderView> {
    return this.reminders.snooze(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Cancel a scheduled reminder, with a reason kept in the timeline' })
  @ApiOkResponse({ type: ReminderView })
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CancelReminderDto): Promise<ReminderView> {
    return this.reminders.cancelOne(actor, id, dto);
  }
}
