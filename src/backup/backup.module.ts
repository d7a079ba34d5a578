import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { BackupJobs } from './backup-jobs.js';

/** Scheduled backups (BACKUP_DIR, BACKUP_INTERVAL, BACKUP_KEEP); `npm run backup` and `npm run restore` are the CLIs beside it. */
@Module({
  imports: [NotificationsModule],
  providers: [BackupJobs],
})
export class BackupModule {}
