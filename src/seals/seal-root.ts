import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { canonicalJson } from '../common/canonical-json.js';
import type { SealHead } from './seal.entity.js';

/** The heads in a fixed order: by incident id. */
export const sortHeads = (heads: SealHead[]): SealHead[] => [...heads].sort((a, b) => (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0));

/** SHA-256 (hex) of the canonical JSON of [[incidentId, seq, hash], …] sorted by incident id: anyone can recompute it from the heads. */
export function sealRoot(heads: SealHead[]): string {
  const rows = sortHeads(heads).map((head) => [head.incidentId, head.seq, head.hash]);
  return createHash('sha256').update(canonicalJson(rows)).digest('hex');
}

/**
 * The day whose daily seal is due at `now`: the date (in `zone`) of the
 * latest SEAL_AT moment not after now.
 */
export function dailySealKey(now: Date, zone: string, at: { hour: number; minute: number }): string {
  const local = DateTime.fromJSDate(now, { zone });
  const today = local.set({ hour: at.hour, minute: at.minute, second: 0, millisecond: 0 });
  return (today <= local ? today : today.minus({ days: 1 })).toISODate()!;
}
