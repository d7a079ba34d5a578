import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Hooks, inPriorityOrder, methodHook } from '../common/hooks.js';
import { DueJobs, type DueJob } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { CheckAlarms, checkJob, checkJobId, type CheckKind } from './check-alarms.js';

const BATCH = 500;

export interface DueChecksHook {
  kind: CheckKind;
  /** When the sweep asks it, among the kinds: lower first. Two with one priority fail the boot. */
  priority: number;
}

/** The checks due at `now`, the most overdue first, at most `limit`. */
type FindDue = (now: Date, limit: number) => Promise<Array<{ id: string; at: Date }>>;

/** Marks the method of the feature owning one kind of check that finds, in its rows, which checks are due. */
export const DueChecks = methodHook<DueChecksHook, FindDue>();

interface DueChecksSource {
  kind: CheckKind;
  where: string;
  find: FindDue;
}

/** The sources in their order; refuses a kind found twice and two sources of one priority. */
export function orderDueChecks<T extends DueChecksSource & { priority: number }>(found: T[]): T[] {
  const twice = found.filter((source, i) => found.findIndex((other) => other.kind === source.kind) !== i);
  if (twice.length) throw new Error(`due checks of ${twice.map((source) => `${source.kind} found twice (${found.filter((other) => other.kind === source.kind).map((other) => other.where).join(', ')})`).join('; ')}`);
  return inPriorityOrder('due checks', found);
}

/** Every interval, arms the page checks that are due by their rows: what the queue lost, the rows still know. */
@Injectable()
export class PageCheckSweep implements OnModuleInit {
  private sources: DueChecksSource[] = [];

  constructor(
    private readonly alarms: CheckAlarms,
    private readonly hooks: Hooks,
  ) {}

  onModuleInit(): void {
    const found = this.hooks.found(DueChecks);
    this.sources = orderDueChecks(found.map((source) => ({ ...source, find: (now: Date, limit: number) => source.call(now, limit) as Promise<Array<{ id: string; at: Date }>> })));
  }

  /** Without Redis, the worker runs the due checks itself, from the same rows. */
  @DueJobs({ name: 'page checks', priority: 10 })
  async due(now: Date, limit: number): Promise<DueJob[]> {
    const jobs = [];
    for (const source of this.sources) {
      for (const { id, at } of await source.find(now, limit)) jobs.push({ item: checkJob({ kind: source.kind, id, at }), key: checkJobId({ kind: source.kind, id, at }) });
    }
    return jobs;
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
