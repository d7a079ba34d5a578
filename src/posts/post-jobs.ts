import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { isDue } from '../page-checks/check-alarms.js';
import { DueChecks } from '../page-checks/page-check-sweep.service.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { PostIndexingChecker } from './post-indexing.checker.js';
import { Post } from './post.entity.js';

@Injectable()
export class PostJobs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checker: PostIndexingChecker,
  ) {}

  @DueChecks({ kind: 'post', priority: 10 })
  async dueChecks(now: Date, limit: number): Promise<Array<{ id: string; at: Date }>> {
    const due = await this.dataSource.getRepository(Post).find({
      select: { id: true, indexing: { nextCheckAt: true } },
      where: { indexing: { nextCheckAt: LessThanOrEqual(now) } },
      order: { indexing: { nextCheckAt: 'ASC' } },
      take: limit,
    });
    return due.map((post) => ({ id: post.id, at: post.indexing.nextCheckAt! }));
  }

  /** Reloads the post and checks its page only if a check is still due: a stale or duplicate alarm does nothing. */
  @OnJob(JobName.CheckPostIndexing)
  async handleCheckPostIndexing({ postId }: JobOf<JobName.CheckPostIndexing>['data']): Promise<string> {
    const post = await this.dataSource.getRepository(Post).findOneBy({ id: postId });
    if (!post || !isDue(post.indexing.nextCheckAt)) return 'skipped';
    const checked = await this.checker.check(postId);
    return checked.indexing.observed;
  }
}
