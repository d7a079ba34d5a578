import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM } from '../auth/roles.js';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { isDue } from '../page-checks/check-alarms.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { CommitmentChecker } from './commitment-checker.service.js';
import { Commitment } from './commitment.entity.js';

@Injectable()
export class CommitmentJobs {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checker: CommitmentChecker,
  ) {}

  /** Reloads the commitment and checks it only if a check is still due: a stale or duplicate alarm does nothing. */
  @OnJob(JobName.CheckCommitment)
  async handleCheckCommitment({ commitmentId }: JobOf<JobName.CheckCommitment>['data']): Promise<string> {
    const commitment = await this.dataSource.getRepository(Commitment).findOneBy({ id: commitmentId });
    if (!commitment || !isDue(commitment.nextCheckAt)) return 'skipped';
    if (commitment.status !== 'done' && commitment.status !== 'failed_verification' && commitment.status !== 'verified') return 'skipped';
    const check = await this.checker.check(SYSTEM, commitmentId);
    return check.verdict;
  }
}
