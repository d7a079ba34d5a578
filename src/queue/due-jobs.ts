import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Hooks, inPriorityOrder, methodHook } from '../common/hooks.js';
import type { JobItem } from './job-catalogue.js';

/** A job the database says is due, to run without Redis. */
export interface DueJob {
  item: JobItem;
  /** Names this run of the job (its subject and version): the lease that keeps two workers from running it both. */
  key: string;
  /** 1 for the first run; a retried delivery says which run this is. */
  attempt?: number;
}

export interface DueJobsHook {
  /** What is due, for messages: "reminders". */
  name: string;
  /** When the poll asks it, among the sources: lower first. Two sources with one priority fail the boot. */
  priority: number;
}

type ListDue = (now: Date, limit: number) => Promise<DueJob[]>;

/** Marks a provider's method as listing the due work its feature keeps in its rows (reminders, page checks, watches). */
export const DueJobs = methodHook<DueJobsHook, ListDue>();

/** A feature that keeps due work in its rows and can list what is due now. */
export interface DueJobSource {
  name: string;
  due: ListDue;
}

/**
 * The due-work sources: the @DueJobs methods, found at boot. While Redis is
 * away the worker asks them what is due and runs it itself; once Redis is
 * back, BullMQ's alarms (re-armed by the reconcilers) take over.
 */
@Injectable()
export class DueJobSources implements OnModuleInit {
  private sources: DueJobSource[] = [];

  constructor(private readonly hooks: Hooks) {}

  onModuleInit(): void {
    const found = this.hooks.found(DueJobs);
    this.sources = inPriorityOrder('due-job sources', found).map(({ name, call }) => ({ name, due: (now, limit) => call(now, limit) as Promise<DueJob[]> }));
  }

  all(): readonly DueJobSource[] {
    return this.sources;
  }
}
