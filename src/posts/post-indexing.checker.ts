import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { PageFetcher } from '../fetcher/page-fetcher.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { CheckAlarms } from '../page-checks/check-alarms.js';
import { checkPage } from '../page-checks/check-page.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { Post } from './post.entity.js';
import type { IndexingObserved } from './post.types.js';
import { notFound } from '../common/problem.js';

interface Reading {
  observed: IndexingObserved | null;
  httpStatus: number | null;
  detail: string | null;
}

/**
 * Reads a post's live page for its indexing (robots meta, X-Robots-Tag; a
 * page that is gone is not indexed). While it differs from what is desired,
 * the owner is reminded and the page is checked again every VERIFY_INTERVAL.
 */
@Injectable()
export class PostIndexingChecker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly reminders: RemindersService,
    private readonly fetcher: PageFetcher,
    private readonly alarms: CheckAlarms,
    private readonly config: AppConfig,
    private readonly incidents: IncidentsService,
  ) {}

  async check(postId: string): Promise<Post> {
    const post = await this.dataSource.getRepository(Post).findOneBy({ id: postId });
    if (!post) throw notFound('post', postId);
    const page = await checkPage(this.fetcher, post.url, this.config.fetchTimeoutMs, 'noindex');
    // A page that is gone (404, 410) is not indexed either.
    const reading: Reading = {
      observed: page.observedIndexing ?? (page.verdict === 'pass' ? 'noindex' : null),
      httpStatus: page.httpStatus,
      detail: page.detail,
    };

    return this.transactions.run(async (tx) => {
      const current = await tx.manager.findOneByOrFail(Post, { id: postId });
      const now = new Date();
      if (reading.observed) current.indexing = { ...current.indexing, observed: reading.observed, observedAt: now };
      const shown = current.indexing.observed === current.indexing.desired;
      current.indexing.nextCheckAt = shown ? null : new Date(now.getTime() + this.config.verifyIntervalMs);
      await tx.manager.update(Post, { id: postId }, { indexing: current.indexing });
      if (current.indexing.nextCheckAt) this.alarms.armAfterCommit(tx, { kind: 'post', id: postId, at: current.indexing.nextCheckAt });

      const incidents = await this.incidents.ofPost(tx.manager, postId);
      const subject = { type: 'post' as const, id: postId };
      for (const incident of incidents) {
        await this.timeline.append(tx, incident.id, SYSTEM, 'post.indexing_checked', {
          postId,
          url: current.url,
          desired: current.indexing.desired,
          observed: current.indexing.observed,
          httpStatus: reading.httpStatus,
          detail: reading.detail,
        });
      }
      if (shown) {
        await this.reminders.cancelForSubject(tx, subject, `the page shows ${current.indexing.desired}`, ['verification_failed']);
      } else if (reading.observed) {
        for (const incident of incidents.filter((candidate) => OPEN_STATES.includes(candidate.state))) {
          await this.reminders.schedule(tx, {
            kind: 'verification_failed',
            subject,
            incidentId: incident.id,
            dueAt: now,
            recipientUserIds: current.ownerId ? [current.ownerId] : undefined,
            note: `${current.url} should be ${current.indexing.desired} but shows ${current.indexing.observed}`,
          });
        }
      }
      return current;
    });
  }
}
