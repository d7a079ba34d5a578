import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { isDue } from '../page-checks/check-alarms.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { PostIndexingChecker } from './post-indexing.checker.js';
import { Post } from './post.entity.js';

@Injectable()
export class PostJobs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checker: PostIndexingChecker,
  ) {}

  /** Reloads the post and checks its page only if a check is still due: a stale or duplicate alarm does nothing. */
  @OnJob(JobName.CheckPostIndexing)
  async handleCheckPostIndexing({ postId }: JobOf<JobName.CheckPostIndexing>['data']): Promise<string> {
    const post = await this.dataSource.getRepository(Post).findOneBy({ id: postId });
    if (!post || !isDue(post.indexing.nextCheckAt)) return 'skipped';
    const checked = await this.checker.check(postId);
    return checked.indexing.observed;
  }
}
