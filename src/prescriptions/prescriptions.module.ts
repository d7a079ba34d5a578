import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { PrescriptionMark } from './prescription-mark.entity.js';
import { PrescriptionReminders } from './prescription-reminders.js';
import { PrescriptionsController } from './prescriptions.controller.js';
import { PrescriptionCalendar } from './prescription-calendar.js';
import { PrescriptionsService } from './prescriptions.service.js';

/** Press-law prescription of messages and posts marked as allegedly defamatory or insulting (docs/legal.md). */
@Module({
  imports: [TypeOrmModule.forFeature([PrescriptionMark]), DeadlinesModule, RemindersModule, PostsModule],
  controllers: [PrescriptionsController],
  providers: [PrescriptionsService, PrescriptionReminders, PrescriptionCalendar],
  exports: [PrescriptionsService],
})
export class PrescriptionsModule {}
