import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { DeadlineReminders } from './deadline-reminders.js';
import { LegalNotice } from './legal-notice.entity.js';
import { NoticeDecision } from './notice-decision.entity.js';
import { NoticeDecisionsController } from './notice-decisions.controller.js';
import { NoticeDecisionsService } from './notice-decisions.service.js';
import { CommentsModule } from '../comments/comments.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { LegalNoticesController } from './legal-notices.controller.js';
import { LegalNoticesService } from './legal-notices.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LegalNotice, NoticeDecision]), DeadlinesModule, RemindersModule, PartiesModule, PostsModule, CommentsModule, CommitmentsModule, NotificationsModule],
  controllers: [LegalNoticesController, NoticeDecisionsController],
  providers: [LegalNoticesService, DeadlineReminders, NoticeDecisionsService],
  exports: [LegalNoticesService, NoticeDecisionsService],
})
export class LegalNoticesModule {}
