import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';

@Module({
  imports: [PartiesModule, CommentsModule, RemindersModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
  exports: [PrivacyService],
})
export class PrivacyModule {}
