import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { Commitment } from '../commitments/commitment.entity.js';
import { Post } from '../posts/post.entity.js';
import { JobName } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { CheckAlarms } from './check-alarms.js';

const BATCH = 500;

/** Every interval, arms the page checks that are due by their rows: what the queue lost, the rows still know. */
@Injectable()
export class PageCheckSweep {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alarms: CheckAlarms,
  ) {}

  @OnJob(JobName.SweepPageChecks)
  async handleSweepPageChecks(): Promise<{ commitments: number; posts: number }> {
    const now = new Date();
    const commitments = await this.dataSource.getRepository(Commitment).find({
      select: { id: true, nextCheckAt: true },
      where: { nextCheckAt: LessThanOrEqual(now), status: In(['done', 'failed_verification', 'verified']) },
      order: { nextCheckAt: 'ASC' },
      take: BATCH,
    });
    const posts = await this.dataSource.getRepository(Post).find({
      select: { id: true, indexing: { nextCheckAt: true } },
      where: { indexing: { nextCheckAt: LessThanOrEqual(now) } },
      order: { indexing: { nextCheckAt: 'ASC' } },
      take: BATCH,
    });
    await this.alarms.arm([
      ...commitments.map((commitment) => ({ kind: 'commitment' as const, id: commitment.id, at: commitment.nextCheckAt! })),
      ...posts.map((post) => ({ kind: 'post' as const, id: post.id, at: post.indexing.nextCheckAt! })),
    ]);
    return { commitments: commitments.length, posts: posts.length };
  }
}
