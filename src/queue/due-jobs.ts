import { Injectable } from '@nestjs/common';
import type { JobItem } from './job-catalogue.js';

/** A job the database says is due, to run without Redis. */
export interface DueJob {
  item: JobItem;
  /** Names this run of the job (its subject and version): the lease that keeps two workers from running it both. */
  key: string;
  /** 1 for the first run; a retried delivery says which run this is. */
  attempt?: number;
}

/** A feature that keeps due work in its rows (reminders, page checks, watches) and can list what is due now. */
export interface DueJobSource {
  name: string;
  due(now: Date, limit: number): Promise<DueJob[]>;
}

/**
 * The due-work sources, registered by the features at module init. While
 * Redis is away the worker asks them what is due and runs it itself; once
 * Redis is back, BullMQ's alarms (re-armed by the reconcilers) take over.
 */
@Injectable()
export class DueJobSources {
  private readonly sources: DueJobSource[] = [];

  register(source: DueJobSource): void {
    this.sources.push(source);
  }

  all(): readonly DueJobSource[] {
    return this.sources;
  }
}
