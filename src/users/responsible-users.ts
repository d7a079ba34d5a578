import { In, Not, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** Who answers for an incident, as the incident says. */
export interface Ownership {
  ownerId: string | null;
  backupOwnerId: string | null;
}

async function activeAmong(manager: EntityManager, ids: Array<string | null>): Promise<Set<string>> {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (!wanted.length) return new Set();
  const users = await manager.find(User, { select: { id: true }, where: { id: In(wanted), active: true } });
  return new Set(users.map((user) => user.id));
}

async function activeAdmins(manager: EntityManager, except: string | null): Promise<string[]> {
  const admins = await manager.find(User, {
    select: { id: true },
    where: { role: 'admin', active: true, ...(except ? { id: Not(except) } : {}) },
    order: { createdAt: 'ASC' },
  });
  return admins.map((user) => user.id);
}

/** Who answers for an incident: its owner, else its backup owner, else every active admin. */
export async function responsibleUsers(manager: EntityManager, incident: Ownership): Promise<string[]> {
  const active = await activeAmong(manager, [incident.ownerId, incident.backupOwnerId]);
  if (incident.ownerId && active.has(incident.ownerId)) return [incident.ownerId];
  if (incident.backupOwnerId && active.has(incident.backupOwnerId)) return [incident.backupOwnerId];
  return activeAdmins(manager, null);
}

/** Who hears that the owner did not answer: the backup owner, else every active admin but the owner. */
export async function escalationUsers(manager: EntityManager, incident: Ownership): Promise<string[]> {
  const active = await activeAmong(manager, [incident.backupOwnerId]);
  if (incident.backupOwnerId && active.has(incident.backupOwnerId) && incident.backupOwnerId !== incident.ownerId) return [incident.backupOwnerId];
  return activeAdmins(manager, incident.ownerId);
}
