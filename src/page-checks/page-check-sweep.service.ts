import { Injectable } from '@nestjs/common';
import { DueJobSources } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { CheckAlarms, checkJob, checkJobId, type CheckKind } from './check-alarms.js';

const BATCH = 500;

/** Where the rows of one kind of check say which are due; registered by the feature owning them (on module init). */
export interface DueChecks {
  kind: CheckKind;
  /** The checks due at `now`, the most overdue first, at most `limit`. */
  find(now: Date, limit: number): Promise<Array<{ id: string; at: Date }>>;
}

/** Every interval, arms the page checks that are due by their rows: what the queue lost, the rows still know. */
@Injectable()
export class PageCheckSweep {
  private readonly sources: DueChecks[] = [];

  constructor(
    private readonly alarms: CheckAlarms,
    dueJobs: DueJobSources,
  ) {
    // Without Redis, the worker runs the due checks itself, from the same rows.
    dueJobs.register({
      name: 'page checks',
      due: async (now, limit) => {
        const jobs = [];
        for (const source of this.sources) {
          for (const { id, at } of await source.find(now, limit)) jobs.push({ item: checkJob({ kind: source.kind, id, at }), key: checkJobId({ kind: source.kind, id, at }) });
        }
        return jobs;
      },
    });
  }

  register(source: DueChecks): void {
    if (this.sources.some((existing) => existing.kind === source.kind)) throw new Error(`due checks of ${source.kind} registered twice`);
    this.sources.push(source);
  }

  @OnJob(JobName.SweepPageChecks)
  async handleSweepPageChecks(): Promise<Partial<Record<CheckKind, number>>> {
    const now = new Date();
    const counts: Partial<Record<CheckKind, number>> = {};
    for (const source of this.sources) {
      const due = await source.find(now, BATCH);
      await this.alarms.arm(due.map(({ id, at }) => ({ kind: source.kind, id, at })));
      counts[source.kind] = due.length;
    }
    return counts;
  }
}
