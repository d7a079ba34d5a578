import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Hooks, inPriorityOrder, methodHook } from '../common/hooks.js';
import type { CloseBlocker } from './escalation.js';

/**
 * What still stands open on an incident, counted by the feature that owns it
 * (comments awaiting a reply, open legal notices, pending commitments,
 * scheduled reminders). The incident shows the counts, and refuses to close
 * while a counter that blocks closing is above zero.
 */
export interface OpenItemsCounterHook {
  key: string;
  /** Describes the count in a refusal to close, in English (the catalogues say it as `openItems.<key>`); absent when the count never blocks closing. */
  blocksClose?: (count: number) => string;
  /** Its place among the counts and the reasons not to close: lower first. Two counters with one priority fail the boot. */
  priority: number;
}

/** The open items of each of these incidents, in one query (an incident with none may be left out). */
type CountOpen = (manager: EntityManager, incidentIds: string[]) => Promise<Map<string, number>>;

export interface OpenItemsCounter extends OpenItemsCounterHook {
  where: string;
  count: CountOpen;
}

/** Marks a provider's method as the counter of one kind of open item; the registry finds it at boot. */
export const OpenItemCounter = methodHook<OpenItemsCounterHook, CountOpen>();

/** The counters in their order; refuses a key counted twice and two counters of one priority. */
export function orderCounters(found: OpenItemsCounter[]): OpenItemsCounter[] {
  const keys = found.map((counter) => counter.key);
  const twice = found.filter((counter, i) => keys.indexOf(counter.key) !== i);
  if (twice.length) throw new Error(`open-items counters: ${twice.map((counter) => `${counter.key} counted twice (${found.filter((other) => other.key === counter.key).map((other) => other.where).join(', ')})`).join('; ')}`);
  return inPriorityOrder('open-items counters', found);
}

/**
 * The rows a query keeps, counted per incident for these incidents in one
 * query (`qb` selects from an entity with an `incidentId`, with its own
 * conditions); an incident without any is left out.
 */
export async function countByIncident(qb: SelectQueryBuilder<ObjectLiteral>, incidentIds: string[]): Promise<Map<string, number>> {
  const rows: Array<{ incidentId: string; count: string | number }> = await qb
    .select(`${qb.alias}.incidentId`, 'incidentId')
    .addSelect('COUNT(*)', 'count')
    .andWhere(`${qb.alias}.incidentId IN (:...incidentIds)`, { incidentIds })
    .groupBy(`${qb.alias}.incidentId`)
    .getRawMany();
  // PostgreSQL answers COUNT(*) as text.
  return new Map(rows.map((row) => [row.incidentId, Number(row.count)]));
}

/** The @OpenItemCounter methods, found at boot. */
@Injectable()
export class OpenItemsRegistry implements OnModuleInit {
  private counters: OpenItemsCounter[] = [];

  constructor(private readonly hooks: Hooks) {}

  onModuleInit(): void {
    const found = this.hooks.found(OpenItemCounter);
    this.counters = orderCounters(found.map((counter) => ({ ...counter, count: (manager, incidentIds) => counter.call(manager, incidentIds) as Promise<Map<string, number>> })));
  }

  async counts(manager: EntityManager, incidentId: string): Promise<Record<string, number>> {
    return (await this.countsOf(manager, [incidentId])).get(incidentId)!;
  }

  /** Every counter for many incidents: one query per counter, whatever the number of incidents. */
  async countsOf(manager: EntityManager, incidentIds: string[]): Promise<Map<string, Record<string, number>>> {
    const counts = new Map(incidentIds.map((id) => [id, {} as Record<string, number>]));
    for (const counter of this.counters) {
      const counted = incidentIds.length ? await counter.count(manager, incidentIds) : new Map<string, number>();
      for (const [id, record] of counts) record[counter.key] = counted.get(id) ?? 0;
    }
    return counts;
  }

  async closeBlockers(manager: EntityManager, incidentId: string): Promise<CloseBlocker[]> {
    const blockers: CloseBlocker[] = [];
    for (const counter of this.counters) {
      if (!counter.blocksClose) continue;
      const count = (await counter.count(manager, [incidentId])).get(incidentId) ?? 0;
      if (count > 0) blockers.push({ key: counter.key, count, text: counter.blocksClose(count) });
    }
    return blockers;
  }
}

/** "1 legal notice is open", "3 legal notices are open". */
export const plural = (count: number, one: string, many: string, verb: [string, string] = ['is', 'are']): string =>
  `${count} ${count === 1 ? one : many} ${count === 1 ? verb[0] : verb[1]}`;
