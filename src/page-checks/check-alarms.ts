import { Injectable, Logger } from '@nestjs/common';
import type { Tx } from '../database/transaction.service.js';
import { JobName, type JobItem } from '../queue/job-catalogue.js';
import { QueueService } from '../queue/queue.service.js';

/** Clock skew allowed between the process that armed a check and the one that runs it. */
const EARLY_MS = 1000;

/** Whether a check whose row says `nextCheckAt` is due now: a stale or duplicate alarm finds it is not. */
export const isDue = (nextCheckAt: Date | null | undefined): nextCheckAt is Date => !!nextCheckAt && nextCheckAt.getTime() <= Date.now() + EARLY_MS;

export type CheckKind = 'commitment' | 'post';
type Due = { kind: CheckKind; id: string; at: Date };

/** The job that checks a page, and its id (one per check time: arming twice adds it once). */
export const checkJob = ({ kind, id }: Due): JobItem =>
  kind === 'commitment' ? { name: JobName.CheckCommitment, data: { commitmentId: id } } : { name: JobName.CheckPostIndexing, data: { postId: id } };
export const checkJobId = ({ kind, id, at }: Due): string => `${kind}-check-${id}-${at.getTime()}`;

/**
 * Alarm clocks of page checks. The row's next check time is the truth; a job
 * whose id derives from it wakes the worker at that time, and the sweep
 * enqueues every due check again, so a lost job or a lost Redis only delays
 * a check until the next sweep.
 */
@Injectable()
export class CheckAlarms {
  private readonly logger = new Logger(CheckAlarms.name);

  constructor(private readonly queues: QueueService) {}

  armAfterCommit(tx: Tx, due: Due): void {
    tx.afterCommit(() => this.arm([due]));
  }

  async arm(due: Due[]): Promise<void> {
    try {
      await this.queues.addBulk(
        due.map((check) => ({ item: checkJob(check), options: { jobId: checkJobId(check), delayMs: Math.max(0, check.at.getTime() - Date.now()) } })),
      );
    } catch (error) {
      this.logger.warn(`page checks not armed (the sweep will pick them up): ${(error as Error).message}`);
    }
  }
}
