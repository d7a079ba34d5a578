import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, MinRole } from '../auth/auth.decorators.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import type { User } from '../users/user.entity.js';
import { ListNotificationsQuery, NotificationView } from './notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Your in-app notifications, newest first' })
  @ApiPage(NotificationView)
  list(@CurrentUser() user: User, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(user.id, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @MinRole('viewer')
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: NotificationView })
  markRead(@CurrentUser() user: User, @IdParam() id: string): Promise<NotificationView> {
    return this.notifications.markRead(user.id, id);
  }
}
