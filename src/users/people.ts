import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Role } from '../common/roles.js';
import { inChunks } from '../database/in-list.js';
import type { Referable } from '../database/references.js';
import { User } from './user.entity.js';

/**
 * A person as the other features know them: who, how to write to them, in
 * what role, the names they sign with; never their token or password hash.
 */
export type Person = Pick<User, 'id' | 'name' | 'email' | 'role' | 'active' | 'locale' | 'handles'>;

const PERSON = { id: true, name: true, email: true, role: true, active: true, locale: true, handles: true } as const;
type Only = { active?: boolean };
const where = (base: FindOptionsWhere<User>, { active }: Only): FindOptionsWhere<User> => (active === undefined ? base : { ...base, active });

/**
 * The users' table as the other features read it, inside their unit of work
 * (they pass its manager): the users feature writes the SQL, the others never
 * import its entity. Also a reference target for `assertReferences`
 * (`['ownerId', people, dto.ownerId]`).
 */
export const people = {
  /** Which of these ids name a user, active or not. */
  async existing(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(User, { select: { id: true }, where: { id: In(chunk) } }));
    return new Set(rows.map((row) => row.id));
  },

  /** The person with this id (only an active one with `{ active: true }`), or null. */
  one(manager: EntityManager, id: string, only: Only = {}): Promise<Person | null> {
    return manager.findOne(User, { select: PERSON, where: where({ id }, only) });
  },

  /** The people with these ids (unknown ones left out), in no particular order. */
  byIds(manager: EntityManager, ids: string[], only: Only = {}): Promise<Person[]> {
    return inChunks([...new Set(ids)], (chunk) => manager.find(User, { select: PERSON, where: where({ id: In(chunk) }, only) }));
  },

  /** The names of the people with these ids, by id (unknown ones left out). */
  async namesOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(User, { select: { id: true, name: true }, where: { id: In(chunk) } }));
    return new Map(rows.map((row) => [row.id, row.name]));
  },

  /** Everyone holding one of these roles, by email. */
  withRoles(manager: EntityManager, roles: readonly Role[], only: Only = {}): Promise<Person[]> {
    return manager.find(User, { select: PERSON, where: where({ role: In([...roles]) }, only), order: { email: 'ASC', id: 'ASC' } });
  },
} satisfies Referable & Record<string, unknown>;

