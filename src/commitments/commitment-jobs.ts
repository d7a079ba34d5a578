import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { SYSTEM } from '../common/roles.js';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { isDue } from '../page-checks/check-alarms.js';
import { DueChecks } from '../page-checks/page-check-sweep.service.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { CommitmentChecker } from './commitment-checker.service.js';
import { COMMITMENT_STATUSES_WATCHED, isWatched } from './commitment-status.js';
import { Commitment } from './commitment.entity.js';

@Injectable()
export class CommitmentJobs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checker: CommitmentChecker,
  ) {}

  @DueChecks({ kind: 'commitment', priority: 20 })
  async dueChecks(now: Date, limit: number): Promise<Array<{ id: string; at: Date }>> {
    const due = await this.dataSource.getRepository(Commitment).find({
      select: { id: true, nextCheckAt: true },
      where: { nextCheckAt: LessThanOrEqual(now), status: In([...COMMITMENT_STATUSES_WATCHED]) },
      order: { nextCheckAt: 'ASC' },
      take: limit,
    });
    return due.map((commitment) => ({ id: commitment.id, at: commitment.nextCheckAt! }));
  }

  /** Reloads the commitment and checks it only if a check is still due: a stale or duplicate alarm does nothing. */
  @OnJob(JobName.CheckCommitment)
  async handleCheckCommitment({ commitmentId }: JobOf<JobName.CheckCommitment>['data']): Promise<string> {
    const commitment = await this.dataSource.getRepository(Commitment).findOneBy({ id: commitmentId });
    if (!commitment || !isDue(commitment.nextCheckAt)) return 'skipped';
    if (!isWatched(commitment.status)) return 'skipped';
    const check = await this.checker.check(SYSTEM, commitmentId);
    return check.verdict;
  }
}
