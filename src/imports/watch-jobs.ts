import { Injectable } from '@nestjs/common';
import { PostsService } from '../posts/posts.service.js';
import { DueJobs, type DueJob } from '../queue/due-jobs.js';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { ImportsService } from './imports.service.js';
import { WatchAlarms } from './watch-alarms.js';

const BATCH = 500;

@Injectable()
export class WatchJobs {
  constructor(
    private readonly posts: PostsService,
    private readonly imports: ImportsService,
    private readonly alarms: WatchAlarms,
  ) {}

  /** Without Redis, the worker syncs the due watches itself, from the same rows. */
  @DueJobs({ name: 'watched posts', priority: 40 })
  async dueJobs(now: Date, limit: number): Promise<DueJob[]> {
    return (await this.dueSyncs(now, limit)).map((post) => ({
      item: { name: JobName.SyncWatchedPost, data: { postId: post.id } },
      key: `watch-${post.id}-${post.watch.nextSyncAt!.getTime()}`,
    }));
  }

  private dueSyncs(now: Date, limit: number): Promise<Array<{ id: string; watch: { nextSyncAt: Date | null } }>> {
    return this.posts.dueSyncs(now, limit);
  }

  /** Syncs a watched post if its row says a sync is due: a stale or duplicate alarm does nothing. */
  @OnJob(JobName.SyncWatchedPost)
  handleSyncWatchedPost({ postId }: JobOf<JobName.SyncWatchedPost>['data']): Promise<string> {
    return this.imports.syncWatched(postId);
  }

  /** Arms every due sync by the rows: what the queue lost, the rows still know. */
  @OnJob(JobName.SweepWatches)
  async handleSweepWatches(): Promise<{ posts: number }> {
    const posts = await this.dueSyncs(new Date(), BATCH);
    await this.alarms.arm(posts.map((post) => ({ postId: post.id, at: post.watch.nextSyncAt! })));
    return { posts: posts.length };
  }
}
