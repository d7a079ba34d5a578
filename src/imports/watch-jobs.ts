import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { Post } from '../posts/post.entity.js';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { ImportsService } from './imports.service.js';
import { WatchAlarms } from './watch-alarms.js';

const BATCH = 500;

@Injectable()
export class WatchJobs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ImportsService,
    private readonly alarms: WatchAlarms,
  ) {}

  /** Syncs a watched post if its row says a sync is due: a stale or duplicate alarm does nothing. */
  @OnJob(JobName.SyncWatchedPost)
  handleSyncWatchedPost({ postId }: JobOf<JobName.SyncWatchedPost>['data']): Promise<string> {
    return this.imports.syncWatched(postId);
  }

  /** Arms every due sync by the rows: what the queue lost, the rows still know. */
  @OnJob(JobName.SweepWatches)
  async handleSweepWatches(): Promise<{ posts: number }> {
    const posts = await this.dataSource.getRepository(Post).find({
      select: { id: true, watch: { nextSyncAt: true } },
      where: { watch: { nextSyncAt: LessThanOrEqual(new Date()) } },
      order: { watch: { nextSyncAt: 'ASC' } },
      take: BATCH,
    });
    await this.alarms.arm(posts.map((post) => ({ postId: post.id, at: post.watch.nextSyncAt! })));
    return { posts: posts.length };
  }
}
