import { Injectable, Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM } from '../../common/roles.js';
import { newId } from '../../database/columns.js';
import { TransactionService } from '../../database/transaction.service.js';
import { FetchError } from '../../fetcher/fetch-error.js';
import { DueJobs, type DueJob } from '../../queue/due-jobs.js';
import { JobName, type JobRun } from '../../queue/job-catalogue.js';
import { OnJob } from '../../queue/on-job.decorator.js';
import { QueueService } from '../../queue/queue.service.js';
import { TimelineService } from '../../timeline/timeline.service.js';
import { people } from '../../users/people.js';
import { EvidenceStore, type StagedContent } from '../evidence-store.js';
import { Evidence, EvidencePart } from '../evidence.entity.js';
import { MANIFEST } from '../evidence.service.js';
import { CaptureAlarms, captureJobId } from './capture-alarms.js';
import { buildManifest } from './manifest.js';
import { PageCapture } from './page-capture.js';

const BATCH = 200;

/**
 * Makes the page captures asked for: reloads the row (a capture already
 * made or failed is skipped), captures the page outside any transaction,
 * stores every part and the manifest, then completes the row with its parts
 * and the timeline event in one transaction. A capture that cannot be made
 * (address refused, page unreachable, browser error on the last attempt)
 * completes the row as failed, with the reason.
 */
@Injectable()
export class CaptureJobs {
  private readonly logger = new Logger(CaptureJobs.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly store: EvidenceStore,
    private readonly capture: PageCapture,
    private readonly queues: QueueService,
    private readonly alarms: CaptureAlarms,
  ) {}

  /** Without Redis, the worker makes the pending captures itself. */
  @DueJobs({ name: 'page captures', priority: 20 })
  async dueCaptures(_now: Date, limit: number): Promise<DueJob[]> {
    return (await this.dataSource.getRepository(Evidence).find({ select: { id: true }, where: { status: 'pending' }, order: { capturedAt: 'ASC' }, take: limit })).map((row) => ({
      item: { name: JobName.CapturePage, data: { evidenceId: row.id } },
      key: captureJobId(row.id),
    }));
  }

  @OnJob(JobName.CapturePage)
  async handleCapturePage({ evidenceId }: { evidenceId: string }, run: JobRun): Promise<string> {
    const evidence = await this.dataSource.manager.findOneBy(Evidence, { id: evidenceId });
    if (!evidence || evidence.status !== 'pending') return 'skipped';
    const user = await people.one(this.dataSource.manager, evidence.capturedBy);
    let result;
    try {
      result = await this.capture.capture({
        evidenceId,
        incidentId: evidence.incidentId,
        url: evidence.sourceUrl!,
        requestedBy: { id: evidence.capturedBy, name: user?.name ?? null, email: user?.email ?? null },
      });
    } catch (error) {
      if (!(error instanceof FetchError) && !run.lastAttempt) throw error;
      await this.fail(evidence, (error as Error).message);
      return 'failed';
    }
    const staged: StagedContent[] = [];
    try {
      const parts: EvidencePart[] = [];
      for (const [position, part] of result.parts.entries()) {
        const content = await this.store.stage('bytes' in part ? part.bytes : createReadStream(part.path));
        staged.push(content);
        parts.push({ id: newId(), evidenceId, name: part.name, role: part.role, contentType: part.contentType, size: content.size, sha256: content.sha256, position });
      }
      const capturedAt = new Date(result.report.time.finishedAt);
      const manifest = await this.store.stage(buildManifest(evidence, result, capturedAt, parts));
      staged.push(manifest);
      parts.push({ id: newId(), evidenceId, name: MANIFEST.name, role: 'manifest', contentType: MANIFEST.contentType, size: manifest.size, sha256: manifest.sha256, position: parts.length });
      // The bytes go into the store before any row says they exist (see EvidenceService.keep).
      for (const content of staged) await this.store.commit(content);
      return await this.transactions.run(async (tx) => {
        const completed = await tx.manager.update(
          Evidence,
          { id: evidenceId, status: 'pending' },
          { status: 'captured', finalUrl: result.finalUrl.slice(0, 2048), httpStatus: result.httpStatus, sha256: manifest.sha256, size: manifest.size, capturedAt },
        );
        if (!completed.affected) return 'skipped';
        await tx.manager.insert(EvidencePart, parts);
        await this.timeline.append(tx, evidence.incidentId, SYSTEM, 'evidence.added', {
          evidenceId,
          kind: 'page_capture',
          sha256: manifest.sha256,
          size: manifest.size,
          contentType: MANIFEST.contentType,
          sourceUrl: evidence.sourceUrl,
          linkedCommentId: evidence.linkedCommentId,
          linkedNoticeId: evidence.linkedNoticeId,
          parts: parts.length - 1,
        });
        return 'captured';
      });
    } finally {
      for (const content of staged) await this.store.discard(content);
      result.cleanup();
    }
  }

  /** Every interval: pending captures whose job is missing (Redis lost it) or failed for good are armed again. */
  @OnJob(JobName.SweepCaptures)
  async handleSweepCaptures(): Promise<{ rearmed: number }> {
    const pending = await this.dataSource.getRepository(Evidence).find({ select: { id: true }, where: { status: 'pending' }, order: { capturedAt: 'ASC' }, take: BATCH });
    const byJob = new Map(pending.map((row) => [captureJobId(row.id), row.id]));
    const unarmed = await this.queues.unarmed(JobName.CapturePage, [...byJob.keys()]);
    await this.alarms.arm(unarmed.map((jobId) => byJob.get(jobId)!));
    return { rearmed: unarmed.length };
  }

  private async fail(evidence: Evidence, reason: string): Promise<void> {
    this.logger.warn(`page capture ${evidence.id} of ${evidence.sourceUrl} failed: ${reason}`);
    await this.transactions.run(async (tx) => {
      const failed = await tx.manager.update(Evidence, { id: evidence.id, status: 'pending' }, { status: 'failed', error: reason.slice(0, 2000) });
      if (!failed.affected) return;
      await this.timeline.append(tx, evidence.incidentId, SYSTEM, 'evidence.capture_failed', { evidenceId: evidence.id, sourceUrl: evidence.sourceUrl!, error: reason.slice(0, 2000) });
    });
  }
}
