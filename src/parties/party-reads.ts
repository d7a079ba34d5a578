import { In, type EntityManager } from 'typeorm';
import { inChunks } from '../database/in-list.js';
import type { Referable } from '../database/references.js';
import { PartyView } from './party.dto.js';
import { Party } from './party.entity.js';

/**
 * The parties' table as the other features read it, inside their unit of work
 * (they pass its manager): the parties feature writes the SQL. Also a
 * reference target for `assertReferences` (`['counterpartId', parties, id]`).
 */
export const parties = {
  /** Which of these ids name a party. */
  async existing(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(Party, { select: { id: true }, where: { id: In(chunk) } }));
    return new Set(rows.map((row) => row.id));
  },

  /** The parties of these ids, by id (unknown ones left out). */
  async viewsOf(manager: EntityManager, ids: string[]): Promise<Map<string, PartyView>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(Party, { where: { id: In(chunk) } }));
    return new Map(rows.map((row) => [row.id, PartyView.of(row)]));
  },

  /** The party with this email (compared lower-cased, as parties store it), the earliest recorded first; null when none. */
  async byEmail(manager: EntityManager, email: string): Promise<PartyView | null> {
    const row = await manager.findOne(Party, { where: { email: email.trim().toLowerCase() }, order: { createdAt: 'ASC', id: 'ASC' } });
    return row ? PartyView.of(row) : null;
  },

  /** The parties of these ids (unknown ones left out), by name. */
  async byName(manager: EntityManager, ids: readonly string[]): Promise<PartyView[]> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(Party, { where: { id: In(chunk) } }));
    return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).map(PartyView.of);
  },
} satisfies Referable & Record<string, unknown>;
