import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM } from '../auth/roles.js';
import { JobName, type JobOf } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { CommitmentChecker } from './commitment-checker.service.js';
import { Commitment } from './commitment.entity.js';

/** Clock skew between the process that armed a check and the one that runs it. */
const EARLY_MS = 1000;

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
    if (!commitment?.nextCheckAt || commitment.nextCheckAt.getTime() > Date.now() + EARLY_MS) return 'skipped';
    if (commitment.status !== 'done' && commitment.status !== 'failed_verification') return 'skipped';
    const check = await this.checker.check(SYSTEM, commitmentId);
    return check.verdict;
  }
}
