import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { DeadlineReminders } from './deadline-reminders.js';
import { LegalNotice } from './legal-notice.entity.js';
import { LegalNoticesController } from './legal-notices.controller.js';
import { LegalNoticesService } from './legal-notices.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LegalNotice]), DeadlinesModule, RemindersModule, PartiesModule, PostsModule, CommitmentsModule],
  controllers: [LegalNoticesController],
  providers: [LegalNoticesService, DeadlineReminders],
  exports: [LegalNoticesService],
})
export class LegalNoticesModule {}
