import { Injectable, Logger } from '@nestjs/common';
import type { Tx } from '../database/transaction.service.js';
import { JobName } from '../queue/job-catalogue.js';
import { QueueService } from '../queue/queue.service.js';

/**
 * Alarm clocks of watched posts. The post's `watch.nextSyncAt` is the truth;
 * a job whose id derives from it wakes a worker then, and the sweep arms every
 * due sync again, so a lost job or a lost Redis only delays a sync.
 */
@Injectable()
export class WatchAlarms {
  private readonly logger = new Logger(WatchAlarms.name);

  constructor(private readonly queues: QueueService) {}

  armAfterCommit(tx: Tx, postId: string, at: Date): void {
    tx.afterCommit(() => this.arm([{ postId, at }]));
  }

  async arm(due: Array<{ postId: string; at: Date }>): Promise<void> {
    try {
      await this.queues.addBulk(
        due.map(({ postId, at }) => ({
          item: { name: JobName.SyncWatchedPost, data: { postId } },
          options: { jobId: `watch-${postId}-${at.getTime()}`, delayMs: Math.max(0, at.getTime() - Date.now()) },
        })),
      );
    } catch (error) {
      this.logger.warn(`watch syncs not armed (the sweep will pick them up): ${(error as Error).message}`);
    }
  }
}
