import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { Translator } from '../i18n/i18n.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DueJobs, type DueJob } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { people } from '../users/people.js';
import { recipientLocale } from '../users/user-locale.js';
import { BACKUP_NAME, isPartial } from './backup-manifest.js';
import { writeBackup } from './backup-writer.js';

/** The snapshot time a complete backup's folder is named for. */
const timeOf = (name: string): number => Date.parse(name.slice('calumet-'.length).replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));

/**
 * Scheduled backups: every BACKUP_INTERVAL the worker writes one into
 * BACKUP_DIR and keeps the last BACKUP_KEEP. The folder is the truth: the
 * job, run every RECONCILE_INTERVAL, makes a backup once the newest there is
 * older than the interval. A backup that fails is told to every active admin,
 * by email and in-app, and tried again an interval later.
 */
@Injectable()
export class BackupJobs {
  private readonly logger = new Logger(BackupJobs.name);
  /** When this process last failed: it does not try (nor alert) again before an interval has passed. */
  private failedAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /** Without Redis, the worker makes the backup itself once it is due. */
  @DueJobs({ name: 'backup', priority: 60 })
  async dueBackup(now: Date): Promise<DueJob[]> {
    const due = await this.due(now);
    return due ? [{ item: { name: JobName.MakeBackup, data: {} }, key: `backup-${Math.floor(now.getTime() / this.config.backup.intervalMs)}` }] : [];
  }

  @OnJob(JobName.MakeBackup)
  async handleMakeBackup(): Promise<string> {
    const dir = this.config.backup.dir;
    const startedAt = new Date();
    if (!dir || !(await this.due(startedAt))) return 'skipped';
    try {
      const { path } = await writeBackup(this.config, dir);
      this.logger.log(`backup written: ${path}`);
    } catch (error) {
      this.failedAt = startedAt.getTime();
      const message = (error as Error).message;
      this.logger.error(`scheduled backup into ${dir} failed: ${message}`);
      await this.alert(dir, startedAt, message);
      return 'failed';
    }
    await this.prune(dir, startedAt);
    return 'written';
  }

  /** Whether an interval has passed since the newest complete backup and this process's last failure. */
  private async due(now: Date): Promise<boolean> {
    if (!this.config.backup.dir) return false;
    const last = Math.max((await this.complete(this.config.backup.dir))[0]?.at ?? 0, this.failedAt);
    return now.getTime() - last >= this.config.backup.intervalMs;
  }

  /** The complete backups in the folder, newest first. */
  private async complete(dir: string): Promise<Array<{ name: string; at: number }>> {
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .filter((name) => BACKUP_NAME.test(name))
      .map((name) => ({ name, at: timeOf(name) }))
      .sort((a, b) => b.at - a.at);
  }

  /** Keeps the newest BACKUP_KEEP backups, and removes what backups killed midway left more than an interval ago. */
  private async prune(dir: string, now: Date): Promise<void> {
    for (const { name } of (await this.complete(dir)).slice(this.config.backup.keep)) await rm(join(dir, name), { recursive: true, force: true });
    for (const name of await readdir(dir)) {
      if (!isPartial(name)) continue;
      const { mtimeMs } = await stat(join(dir, name));
      if (now.getTime() - mtimeMs > this.config.backup.intervalMs) await rm(join(dir, name), { recursive: true, force: true });
    }
  }

  /** Tells every active admin, in their language: by email (when SMTP_URL is set) and in-app. */
  private async alert(dir: string, startedAt: Date, error: string): Promise<void> {
    const last = (await this.complete(dir))[0];
    const admins = await people.withRoles(this.dataSource.manager, ['admin'], { active: true });
    const url = `${this.config.publicUrl}/notifications`;
    const notices = admins.map((admin) => {
      const t = new Translator(recipientLocale(admin, this.config.language), this.config.timeZone);
      const next = t.dateTime(new Date(startedAt.getTime() + this.config.backup.intervalMs));
      const text = t.t('backup.failed.text', { startedAt: t.dateTime(startedAt), dir, error, last: last ? last.name : t.t('backup.failed.none'), next });
      return { admin, subject: t.t('backup.failed.subject'), text };
    });
    try {
      await this.transactions.run(async (tx) => {
        for (const { admin, subject, text } of notices) await this.notifications.deliverDeskNotice(tx, admin.id, { kind: 'backup_failed', subject, text, url });
      });
    } catch (failure) {
      this.logger.error(`the failed backup could not be noted in-app: ${(failure as Error).message}`);
    }
    if (!this.notifications.emailEnabled) return;
    for (const { admin, subject, text } of notices) {
      await this.notifications
        .sendEmail({ userId: admin.id, email: admin.email }, { subject, text, url, kind: 'backup_failed' }, `backup-failed:${startedAt.getTime()}:${admin.id}`)
        .catch((failure: Error) => this.logger.warn(`the failed backup was not mailed to ${admin.email}: ${failure.message}`));
    }
  }
}
