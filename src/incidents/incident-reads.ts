import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { inChunks } from '../database/in-list.js';
import { Incident } from './incident.entity.js';

/** An incident as the lists of other things name it. */
export type IncidentHead = Pick<Incident, 'id' | 'ref' | 'title' | 'severity' | 'state'>;

/** Who answers for an incident, and how fast (its severity), while it is open (its state). */
export type IncidentAnswerers = Pick<Incident, 'id' | 'severity' | 'state' | 'ownerId' | 'backupOwnerId'>;

/** An incident settled in a state (closed, resolved) since a date, and its legal hold if on. */
export interface SettledIncident {
  id: string;
  ref: string;
  title: string;
  state: string;
  since: Date;
  hold: { reason: string } | null;
}

/**
 * The incidents' table as the other features read it, inside their unit of
 * work or on the data source's manager: the incidents feature writes the SQL.
 */
export const incidentReads = {
  /** What the lists of other things name of their incidents (ref, title, severity, state), by id. */
  async headsOf(manager: EntityManager, ids: string[]): Promise<Map<string, IncidentHead>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(Incident, { select: { id: true, ref: true, title: true, severity: true, state: true }, where: { id: In(chunk) } }));
    return new Map(rows.map((row) => [row.id, row]));
  },

  /** Who answers for these incidents and how fast (owner, backup owner, severity, state), by id: what a reply owed on them is placed with. */
  async answerersOf(manager: EntityManager, ids: string[]): Promise<Map<string, IncidentAnswerers>> {
    const rows = await inChunks([...new Set(ids)], (chunk) =>
      manager.find(Incident, { select: { id: true, severity: true, state: true, ownerId: true, backupOwnerId: true }, where: { id: In(chunk) } }),
    );
    return new Map(rows.map((row) => [row.id, row]));
  },

  /** Which of these incidents are under legal hold, with the hold's reason, by ref. */
  async heldAmong(manager: EntityManager, ids: string[]): Promise<Array<{ id: string; ref: string; reason: string | null }>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(Incident, { select: { id: true, ref: true, legalHold: { on: true, reason: true } }, where: { id: In(chunk) } }));
    return rows.filter((row) => row.legalHold.on).map((row) => ({ id: row.id, ref: row.ref, reason: row.legalHold.reason ?? null })).sort((a, b) => a.ref.localeCompare(b.ref));
  },

  /** The incident whole, for a unit of work that acts on its behalf (it must exist: a listener of its own events). */
  one(manager: EntityManager, id: string): Promise<Incident> {
    return manager.findOneByOrFail(Incident, { id });
  },

  /**
   * The incidents in `state` (closed or resolved) since `before` or earlier
   * (by closedAt, resolvedAt), the longest settled first, at most `limit`:
   * the candidates of a retention rule.
   */
  async settledSince(manager: EntityManager, state: 'closed' | 'resolved', before: Date, limit: number): Promise<SettledIncident[]> {
    const column = state === 'closed' ? 'closedAt' : 'resolvedAt';
    const rows = await manager.find(Incident, {
      select: { id: true, ref: true, title: true, state: true, closedAt: true, resolvedAt: true, legalHold: { on: true, reason: true } },
      where: { state, [column]: LessThanOrEqual(before) },
      order: { [column]: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => ({ id: row.id, ref: row.ref, title: row.title, state: row.state, since: row[column]!, hold: row.legalHold.on ? { reason: row.legalHold.reason ?? '' } : null }));
  },

  /** Whether the desk holds any incident at all. */
  any(manager: EntityManager): Promise<boolean> {
    return manager.exists(Incident);
  },
};
