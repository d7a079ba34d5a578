import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, MinRole } from '../auth/auth.decorators.js';
import { ApiPage } from '../common/openapi.js';
import { IdParam } from '../common/validation.js';
import type { Principal } from '../auth/principal-directory.js';
import { ListNotificationsQuery, MarkedReadView, NotificationView, UnreadCountView } from './notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Your in-app notifications, newest first' })
  @ApiPage(NotificationView)
  list(@CurrentUser() user: Principal, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(user.id, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of your notifications are unread' })
  @ApiOkResponse({ type: UnreadCountView })
  async unreadCount(@CurrentUser() user: Principal): Promise<UnreadCountView> {
    return { unread: await this.notifications.unreadCount(user.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  @MinRole('viewer')
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: MarkedReadView })
  async markAllRead(@CurrentUser() user: Principal): Promise<MarkedReadView> {
    return { marked: await this.notifications.markAllRead(user.id) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @MinRole('viewer')
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: NotificationView })
  markRead(@CurrentUser() user: Principal, @IdParam() id: string): Promise<NotificationView> {
    return this.notifications.markRead(user.id, id);
  }
}
