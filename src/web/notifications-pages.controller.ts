import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { IdParam } from '../common/validation.js';
import { incidentReads } from '../incidents/incident-reads.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { reminderReads } from '../reminders/reminder-reads.js';
import { sayNote } from '../reminders/reminder-note.js';
import { isHtmx, redirectAfterForm } from './form-answer.js';
import { notificationBell } from './pages/bell.js';
import { notificationList, notificationsPage, type NotificationItem } from './pages/notifications.page.js';
import { send } from './send-page.js';
import { Page, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** How many notifications the page lists, newest first. */
const SHOWN = 50;

/** The reader's notifications: the header's bell, the list, marking read. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller('notifications')
export class NotificationsPagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  async page(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const [items, unread] = await this.read(page, page.user!.id);
    send(reply, 200, notificationsPage(page, items, unread).text);
  }

  @Get('list')
  async list(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const [items, unread] = await this.read(page, page.user!.id);
    send(reply, 200, notificationList(page, items, unread).text);
  }

  @Get('count')
  async count(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, notificationBell(page, await this.notifications.unreadCount(page.user!.id)).text);
  }

  @Post('read-all')
  async markAllRead(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    await this.notifications.markAllRead(page.user!.id);
    await this.answer(request, page, reply);
  }

  @Post(':id/read')
  async markRead(@Req() request: WebRequest, @Page() page: PageContext, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.notifications.markRead(page.user!.id, id);
    await this.answer(request, page, reply);
  }

  /** htmx swaps the list in place and the bell hears of it; a browser without script goes back to the page. */
  private async answer(request: WebRequest, page: PageContext, reply: FastifyReply): Promise<void> {
    if (!isHtmx(request)) return redirectAfterForm(request, reply, '/notifications');
    const [items, unread] = await this.read(page, page.user!.id);
    void reply.header('HX-Trigger', 'calumet:notifications');
    send(reply, 200, notificationList(page, items, unread).text);
  }

  /** The newest notifications with what they are about, and how many are unread. */
  private async read(page: PageContext, userId: string): Promise<[NotificationItem[], number]> {
    const [listed, unread] = await Promise.all([this.notifications.list(userId, { limit: SHOWN }), this.notifications.unreadCount(userId)]);
    const notifications = listed.items;
    const [reminders, incidents] = await Promise.all([
      reminderReads.byIds(this.dataSource.manager, notifications.flatMap((n) => (n.reminderId ? [n.reminderId] : []))),
      incidentReads.headsOf(this.dataSource.manager, notifications.flatMap((n) => (n.incidentId ? [n.incidentId] : []))),
    ]);
    const reminderOf = new Map(reminders.map((reminder) => [reminder.id, reminder]));
    const items = notifications.map((notification): NotificationItem => {
      const reminder = notification.reminderId ? reminderOf.get(notification.reminderId) : undefined;
      const incident = notification.incidentId ? incidents.get(notification.incidentId) : undefined;
      return {
        notification,
        incidentRef: incident?.ref ?? '',
        incidentTitle: incident?.title ?? notification.title,
        subject: reminder ? { type: reminder.subjectType, id: reminder.subjectId } : null,
        // Said from its facts in the reader's language when it has them (the text stored is English).
        note: reminder?.noteFacts?.length ? sayNote(page.t, reminder.noteFacts) : (reminder?.note ?? null),
      };
    });
    return [items, unread];
  }
}
