import { fieldProblem, type Problem } from '../common/problem.js';
import type { Role } from '../common/roles.js';

/** The roles a notice's assignee may have. */
export const ASSIGNEE_ROLES: readonly Role[] = ['legal', 'admin'];

export type Candidate = { id: string; role: Role; active: boolean } | null;

/**
 * Who is reminded of a new notice's deadlines when the recorder names no one:
 * the recorder if legal; else the incident's backup owner if legal; else its
 * owner if legal or admin; else the recorder if admin. Only active users;
 * null when none fits.
 */
export function defaultAssignee(recorder: Candidate, backupOwner: Candidate, owner: Candidate): string | null {
  const choices: Array<[Candidate, readonly Role[]]> = [
    [recorder, ['legal']],
    [backupOwner, ['legal']],
    [owner, ASSIGNEE_ROLES],
    [recorder, ['admin']],
  ];
  const chosen = choices.find(([user, roles]) => user?.active && roles.includes(user.role));
  return chosen?.[0]?.id ?? null;
}

/** Why a user may not be a notice's assignee, or null when they may. */
export function assigneeRefusal(id: string, user: Candidate): Problem | null {
  if (!user) return fieldProblem('assigneeId', 'assignee.unknown', `assigneeId refers to no user (${id})`, { id });
  if (!user.active) return fieldProblem('assigneeId', 'assignee.inactive', `assigneeId refers to an inactive user (${id})`, { id });
  if (!ASSIGNEE_ROLES.includes(user.role)) return fieldProblem('assigneeId', 'assignee.role', `assigneeId must be a legal or admin user (${id} is ${user.role})`, { id, role: user.role }, { role: 'role' });
  return null;
}
