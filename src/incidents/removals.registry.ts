import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Hooks, inPriorityOrder, methodHook } from '../common/hooks.js';
import type { Tx } from '../database/transaction.service.js';

export interface IncidentRemovalHook {
  /** What the feature counts in the removal's record: `comments`, `legalNotices`, `evidence`… */
  key: string;
  /** Its turn, lower first: rows others refer to go last. Two removers of one priority fail the boot. */
  priority: number;
}

/**
 * Takes the feature's rows of an incident out, in the caller's unit of work,
 * before the incident row goes (an admin's delete, a retention purge), and
 * answers how many it held. Rows the database keeps until the incident row
 * is gone (evidence, and the notices and messages evidence links to) are
 * counted here and go with it, by the cascade their owner's migration
 * declares; what lies outside the database (evidence bytes) is removed once
 * the unit commits.
 */
type RemoveOfIncident = (tx: Tx, incidentId: string) => Promise<number>;

/** Marks a provider's method as the remover of its feature's rows of an incident; the registry finds it at boot. */
export const IncidentRemoval = methodHook<IncidentRemovalHook, RemoveOfIncident>();

/** The @IncidentRemoval methods, found at boot, run in their order. */
@Injectable()
export class IncidentRemovals implements OnModuleInit {
  private removers: Array<{ key: string; remove: RemoveOfIncident }> = [];

  constructor(private readonly hooks: Hooks) {}

  onModuleInit(): void {
    const found = this.hooks.found(IncidentRemoval);
    const keys = found.map((hook) => hook.key);
    const twice = found.filter((hook, i) => keys.indexOf(hook.key) !== i);
    if (twice.length) throw new Error(`incident removers: ${twice.map((hook) => hook.key).join(', ')} removed twice`);
    this.removers = inPriorityOrder('incident removers', found).map(({ key, call }) => ({ key, remove: (tx, incidentId) => call(tx, incidentId) as Promise<number> }));
  }

  /** Runs every remover; what each removed (or counted, for what goes with the incident row), by key. */
  async run(tx: Tx, incidentId: string): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    for (const remover of this.removers) removed[remover.key] = await remover.remove(tx, incidentId);
    return removed;
  }
}
