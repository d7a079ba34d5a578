import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json.js';
import { newId } from '../database/columns.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  id: string;
  incidentId: string;
  seq: number;
  at: Date;
  actor: string;
  type: string;
  payload: Record<string, unknown>;
  prevHash: string;
}

/** SHA-256 over the previous hash and the event's canonical JSON (every field but the hash itself). */
export function eventHash(event: HashedFields): string {
  const { id, incidentId, seq, at, actor, type, payload, prevHash } = event;
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ id, incidentId, seq, at: at.toISOString(), actor, type, payload, prevHash }))
    .digest('hex');
}

/** The fields of the event that follows `last` on a chain (an incident's, or the settings'), before its hash. */
export function nextLink<T extends string>(last: { seq: number; hash: string } | null | undefined, actor: string, type: T, payload: unknown) {
  return {
    id: newId(),
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actor,
    type,
    payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
}

export type ChainBreak = { seq: number; eventId: string; reason: string };

/** Walks a chain in seq order and names the first event that does not hold, if any. */
export function findChainBreak(events: Iterable<HashedFields & { hash: string }>, start = { seq: 0, hash: GENESIS_HASH }): ChainBreak | null {
  let expected = start;
  for (const event of events) {
    if (event.seq !== expected.seq + 1) return { seq: event.seq, eventId: event.id, reason: `expected seq ${expected.seq + 1}, found ${event.seq}` };
    if (event.prevHash !== expected.hash) return { seq: event.seq, eventId: event.id, reason: 'prevHash does not match the previous event' };
    if (eventHash(event) !== event.hash) return { seq: event.seq, eventId: event.id, reason: 'hash does not match the content' };
    expected = { seq: event.seq, hash: event.hash };
  }
  return null;
}
