import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { JobName } from '../queue/job-catalogue.js';
import { QueueService } from '../queue/queue.service.js';
import { alarmId, ReminderAlarms } from './reminder-alarms.js';
import { Reminder } from './reminder.entity.js';

const BATCH = 500;

/**
 * Re-arms every scheduled reminder that has no alarm in Redis: after Redis
 * was wiped or restarted, after an API write while Redis was away, after a
 * crash between commit and arming. Runs at worker start and every
 * RECONCILE_INTERVAL; arming twice is harmless (the job id is derived from
 * the reminder and its version).
 */
@Injectable()
export class ReminderReconciler {
  private readonly logger = new Logger(ReminderReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly alarms: ReminderAlarms,
  ) {}

  async reconcile(): Promise<{ checked: number; armed: number }> {
    let checked = 0;
    let armed = 0;
    let after = '';
    for (;;) {
      const batch = await this.dataSource.manager.find(Reminder, {
        select: { id: true, version: true, dueAt: true },
        where: { status: 'scheduled', id: MoreThan(after) },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (!batch.length) break;
      const missing = new Set(await this.queues.missing(JobName.DeliverReminder, batch.map(alarmId)));
      const unarmed = batch.filter((reminder) => missing.has(alarmId(reminder)));
      await this.queues.addBulk(unarmed.map((reminder) => this.alarms.job(reminder)));
      checked += batch.length;
      armed += unarmed.length;
      after = batch[batch.length - 1]!.id;
    }
    if (armed) this.logger.log(`re-armed ${armed} of ${checked} scheduled reminders`);
    return { checked, armed };
  }
}
