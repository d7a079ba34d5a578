import { Injectable, Logger } from '@nestjs/common';
import type { Tx } from '../../database/transaction.service.js';
import { JobName } from '../../queue/job-catalogue.js';
import { QueueService } from '../../queue/queue.service.js';

/** A capture job is tried twice, the second time a minute later (a browser that did not start, a site that hiccuped). */
const ATTEMPTS = 2;
const BACKOFF_MS = 60_000;

export const captureJobId = (evidenceId: string) => `capture-${evidenceId}`;

/** Arms the job that makes a pending page capture; the row stays the truth and the sweep re-arms a lost job. */
@Injectable()
export class CaptureAlarms {
  private readonly logger = new Logger(CaptureAlarms.name);

  constructor(private readonly queues: QueueService) {}

  armAfterCommit(tx: Tx, evidenceId: string): void {
    tx.afterCommit(() => this.arm([evidenceId]));
  }

  async arm(evidenceIds: string[]): Promise<void> {
    try {
      await this.queues.addBulk(
        evidenceIds.map((evidenceId) => ({
          item: { name: JobName.CapturePage, data: { evidenceId } },
          options: { jobId: captureJobId(evidenceId), attempts: ATTEMPTS, backoffMs: BACKOFF_MS },
        })),
      );
    } catch (error) {
      this.logger.warn(`page captures not armed (the sweep will pick them up): ${(error as Error).message}`);
    }
  }
}
