import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ImportRun } from './import-run.entity.js';
import { ImportResumer } from './import-resumer.js';
import { CommentsModule } from '../comments/comments.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';
import { WatchAlarms } from './watch-alarms.js';
import { WatchJobs } from './watch-jobs.js';
import { SourceRegistry } from './sources/registry.js';

/** Threads imported from every place (by address or file) and the watch that keeps a post's messages in sync. */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRun]), CommentsModule, IncidentsModule, RemindersModule, PostsModule, PartiesModule],
  controllers: [ImportsController],
  providers: [ImportsService, SourceRegistry, WatchAlarms, WatchJobs, ImportResumer],
  exports: [ImportsService],
})
export class ImportsModule {}
