import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloseBlocker } from './escalation.js';

/**
 * What still stands open on an incident, counted by the feature that owns it
 * (comments awaiting a reply, open legal notices, pending commitments,
 * scheduled reminders). The incident shows the counts, and refuses to close
 * while a counter that blocks closing is above zero.
 */
export interface OpenItemsCounter {
  key: string;
  /** Describes the count in a refusal to close, in English (the catalogues say it as `openItems.<key>`); absent when the count never blocks closing. */
  blocksClose?: (count: number) => string;
  count(manager: EntityManager, incidentId: string): Promise<number>;
}

@Injectable()
export class OpenItemsRegistry {
  private readonly counters: OpenItemsCounter[] = [];

  register(counter: OpenItemsCounter): void {
    if (this.counters.some((existing) => existing.key === counter.key)) throw new Error(`open-items counter ${counter.key} registered twice`);
    this.counters.push(counter);
  }

  async counts(manager: EntityManager, incidentId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const counter of this.counters) counts[counter.key] = await counter.count(manager, incidentId);
    return counts;
  }

  async closeBlockers(manager: EntityManager, incidentId: string): Promise<CloseBlocker[]> {
    const blockers: CloseBlocker[] = [];
    for (const counter of this.counters) {
      if (!counter.blocksClose) continue;
      const count = await counter.count(manager, incidentId);
      if (count > 0) blockers.push({ key: counter.key, count, text: counter.blocksClose(count) });
    }
    return blockers;
  }
}

/** "1 legal notice is open", "3 legal notices are open". */
export const plural = (count: number, one: string, many: string, verb: [string, string] = ['is', 'are']): string =>
  `${count} ${count === 1 ? one : many} ${count === 1 ? verb[0] : verb[1]}`;
