import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService } from '../database/transaction.service.js';
import { FetchError } from '../fetcher/fetch-error.js';
import { PageFetcher } from '../fetcher/page-fetcher.js';
import { Post } from '../posts/post.entity.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { isVerifiable } from './commitment-status.js';
import { CommitmentView, ObservationView, type CheckView } from './commitment.dto.js';
import { Observation, type Commitment } from './commitment.entity.js';
import { CommitmentsService } from './commitments.service.js';
import { judge, type Judgement } from './judge.js';

/** Pages larger than this are not read for a check. */
const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/**
 * Checks a commitment on its live page: fetches it with the guarded fetcher
 * (outside any transaction), then records the observation, the post's
 * observed indexing and the status it leads to, in one transaction.
 */
@Injectable()
export class CommitmentChecker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly commitments: CommitmentsService,
    private readonly timeline: TimelineService,
    private readonly fetcher: PageFetcher,
    private readonly config: AppConfig,
  ) {}

  async check(actor: Actor, id: string): Promise<CheckView> {
    const commitment = await this.commitments.find(this.dataSource.manager, id);
    if (!isVerifiable(commitment.kind)) throw new ConflictException(`a ${commitment.kind} commitment is not checked on a page`);
    if (commitment.status === 'cancelled') throw new ConflictException(`commitment ${id} is cancelled`);
    const url = commitment.targetUrl!;
    const judgement = await this.read(commitment, url);

    return this.transactions.run(async (tx) => {
      const current = await this.commitments.find(tx.manager, id);
      const now = new Date();
      const observation: Observation = {
        id: newId(),
        commitmentId: id,
        at: now,
        url,
        finalUrl: judgement.finalUrl,
        httpStatus: judgement.httpStatus,
        directives: judgement.directives,
        verdict: judgement.verdict,
        detail: judgement.detail,
      };
      await tx.manager.insert(Observation, observation);
      await this.timeline.append(tx, current.incidentId, actor, 'commitment.observed', {
        commitmentId: id,
        observationId: observation.id,
        verdict: observation.verdict,
        httpStatus: observation.httpStatus,
        detail: observation.detail,
      });
      if (current.postId && judgement.observedIndexing) {
        await tx.manager.update(Post, { id: current.postId }, { indexing: { observed: judgement.observedIndexing, observedAt: now } });
      }
      if (judgement.verdict === 'pass' && (current.status === 'done' || current.status === 'failed_verification')) {
        await this.commitments.move(tx, actor, current, 'verified', 'the live page shows it kept');
      } else if (judgement.verdict === 'fail' && current.status === 'done') {
        await this.commitments.move(tx, actor, current, 'failed_verification', judgement.detail ?? undefined);
      }
      await this.commitments.scheduleNextCheck(tx, current, this.config.verifyIntervalMs);
      const observations = await tx.manager.find(Observation, { where: { commitmentId: id }, order: { at: 'ASC' } });
      return { ...ObservationView.of(observation), commitment: CommitmentView.of(current, observations, true) };
    });
  }

  private async read(commitment: Commitment, url: string): Promise<Judgement & { finalUrl: string | null }> {
    try {
      const page = await this.fetcher.fetch(url, { maxBytes: MAX_PAGE_BYTES, timeoutMs: this.config.fetchTimeoutMs });
      return { ...judge(commitment.kind, page, commitment.mentionText), finalUrl: page.finalUrl };
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      return { verdict: 'error', httpStatus: null, directives: null, detail: error.message, observedIndexing: null, finalUrl: null };
    }
  }
}
