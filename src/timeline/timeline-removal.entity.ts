import { Entity } from 'typeorm';
import { RefColumn } from '../database/columns.js';
import { ChainedEvent } from './chained-event.js';

/** Why an incident's timeline was removed: an admin deleted the incident, or a retention rule purged it. */
export type RemovalType = 'incident.deleted' | 'incident.purged';

/** What a removal records: the chain's last head (what seals recorded of it), and what went with it. */
export interface RemovalPayload {
  ref: string;
  /** The last event of the removed chain; null when it had none. */
  head: { seq: number; hash: string } | null;
  /** The retention rule that made it due (a purge): the state and the period after which it is purged. */
  rule: { state: string; period: string; since: string } | null;
  /** Rows removed with the incident, by kind (comments, legalNotices, evidence…), counted by their owners. */
  removed: Record<string, number>;
}

/**
 * One removed incident timeline, on a hash chain of its own (`timeline_removals`,
 * append-only by trigger) whose head every seal covers: recorded before the
 * events go, which is what lets the database delete them.
 */
@Entity('timeline_removals')
export class TimelineRemoval extends ChainedEvent {
  @RefColumn() incidentId: string;
}
