import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SealsModule } from '../seals/seals.module.js';
import { RetentionController } from './retention.controller.js';
import { RetentionService } from './retention.service.js';

/** Retention rules, the due list and the purge (RETENTION_CLOSED, RETENTION_RESOLVED, RETENTION_AUTO). */
@Module({
  imports: [NotificationsModule, SealsModule],
  controllers: [RetentionController],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
