export const ROLES = ['viewer', 'community_manager', 'legal', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role holds the rights of those before it: viewer < community_manager < legal < admin. */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** Who did something: a user, or Calumet itself (`system`) for automatic moves. */
export type Actor = { kind: 'user'; id: string; role: Role } | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };
export const actorId = (actor: Actor): string => (actor.kind === 'user' ? actor.id : 'system');
/** Legal and admin users may read privileged fields (a notice's privileged notes). */
export const canSeePrivileged = (actor: Actor): boolean => actor.kind === 'system' || hasRole(actor.role, 'legal');
