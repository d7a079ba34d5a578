import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Delivery } from './delivery.entity.js';
import { EmailChannel } from './email.channel.js';
import { Notification } from './notification.entity.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { WebhookChannel } from './webhook.channel.js';

/** Delivery channels (in-app, email, webhook) and the ledger that keeps each delivery to one. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, Delivery])],
  controllers: [NotificationsController],
  providers: [NotificationsService, EmailChannel, WebhookChannel],
  exports: [NotificationsService],
})
export class NotificationsModule {}
