import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { PublicNoticesService } from './public-notices.service.js';

/** Notices of illegal content from anyone (DSA art. 16); the desk serves the form and its API (web/public-notices*.ts). */
@Module({
  imports: [IncidentsModule, PostsModule, PartiesModule, LegalNoticesModule, RemindersModule, NotificationsModule],
  providers: [PublicNoticesService],
  exports: [PublicNoticesService],
})
export class PublicNoticesModule {}
