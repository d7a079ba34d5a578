import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { refusal } from '../common/problem.js';
import type { Actor } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService } from '../database/transaction.service.js';
import { PageFetcher } from '../fetcher/page-fetcher.js';
import { checkPage } from '../page-checks/check-page.js';
import type { Judgement } from '../page-checks/judge.js';
import { CommentsService } from '../comments/comments.service.js';
import { SourceRegistry } from '../imports/sources/registry.js';
import { SourceError } from '../imports/sources/source.js';
import { PostsService } from '../posts/posts.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { isBeingChecked, isVerifiable } from './commitment-status.js';
import { CommitmentView, ObservationView, type CheckView } from './commitment.dto.js';
import { Observation } from './commitment.entity.js';
import { CommitmentsService } from './commitments.service.js';

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
    private readonly posts: PostsService,
    private readonly comments: CommentsService,
    private readonly sources: SourceRegistry,
  ) {}

  /**
   * A message to remove from a place that says in its own JSON whether it
   * still shows a message (Mastodon, Discourse, Reddit, YouTube): asked
   * there, since their pages are drawn by scripts; null when the target is
   * no imported message of such a place, or the place cannot tell. The
   * message is the incident's imported one at the commitment's address,
   * whichever of its posts it came from.
   */
  private async askThePlace(commitment: Pick<CommitmentView, 'kind' | 'targetUrl' | 'incidentId'>): Promise<(Judgement & { finalUrl: string | null }) | null> {
    if (commitment.kind !== 'remove_content' || !commitment.targetUrl) return null;
    const message = await this.comments.importedAt(this.dataSource.manager, commitment.incidentId, commitment.targetUrl);
    if (!message) return null;
    const post = await this.posts.findWatched(this.dataSource.manager, message.postId);
    const source = post && post.platform !== 'blog' ? this.sources.forPlatform(post.platform) : null;
    if (!post || !source?.stillShown || source.platform !== post.platform) return null;
    const none = { httpStatus: null, directives: null, observedIndexing: null, finalUrl: null };
    try {
      const shown = await source.stillShown({ ...message, threadUrl: post.url }, this.sources.context);
      if (shown === null) return null;
      const reason = { place: source.platform, code: shown ? 'shown' : 'gone', values: { id: message.externalId } } as const;
      return { ...none, verdict: shown ? 'fail' : 'pass', detail: `${source.name} ${shown ? 'still shows' : 'no longer shows'} message ${message.externalId}`, reason };
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      return { ...none, verdict: 'error', detail: error.message, reason: { place: source.platform, code: error.code, values: error.values } };
    }
  }

  async check(actor: Actor, id: string): Promise<CheckView> {
    const commitment = await this.commitments.find(this.dataSource.manager, id);
    if (!isVerifiable(commitment.kind)) {
      throw refusal(HttpStatus.CONFLICT, 'commitment.notVerifiable', `a ${commitment.kind} commitment is not checked on a page`, { values: { kind: commitment.kind }, words: { kind: 'commitmentKind' } });
    }
    if (commitment.status === 'cancelled') throw refusal(HttpStatus.CONFLICT, 'commitment.cancelled', `commitment ${id} is cancelled`, { values: { id } });
    const url = commitment.targetUrl!;
    const judgement = (await this.askThePlace(commitment)) ?? (await checkPage(this.fetcher, url, this.config.fetchTimeoutMs, commitment.kind, commitment.mentionText));

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
        reason: judgement.reason ?? null,
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
        await this.posts.observeIndexingIn(tx, current.postId, judgement.observedIndexing, now);
      }
      if (judgement.verdict === 'pass' && isBeingChecked(current.status)) {
        await this.commitments.move(tx, actor, current, 'verified', 'the live page shows it kept');
      } else if (judgement.verdict === 'fail' && (current.status === 'done' || current.status === 'verified')) {
        await this.commitments.move(tx, actor, current, 'failed_verification', judgement.detail ?? undefined);
      } else if (judgement.verdict === 'pass' && current.status === 'verified' && current.kind === 'publish_reply') {
        await this.commitments.extendWatchIn(tx, current, now);
      }
      await this.commitments.scheduleNextCheck(tx, current, this.config.verifyIntervalMs);
      const observations = await tx.manager.find(Observation, { where: { commitmentId: id }, order: { at: 'ASC' } });
      return { ...ObservationView.of(observation), commitment: CommitmentView.of(current, observations, true) };
    });
  }
}
