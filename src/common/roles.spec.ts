import { canSeePrivileged, hasRole } from './roles.js';

describe('roles', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'community_manager', false],
    ['community_manager', 'community_manager', true],
    ['community_manager', 'legal', false],
    ['legal', 'community_manager', true],
    ['legal', 'admin', false],
    ['admin', 'legal', true],
  ] as const)('%s holds the rights of %s: %s', (role, minimum, expected) => {
    expect(hasRole(role, minimum)).toBe(expected);
  });

  it('shows privileged fields to legal and admin only', () => {
    expect(canSeePrivileged({ kind: 'user', id: 'u', role: 'community_manager' })).toBe(false);
    expect(canSeePrivileged({ kind: 'user', id: 'u', role: 'viewer' })).toBe(false);
    expect(canSeePrivileged({ kind: 'user', id: 'u', role: 'legal' })).toBe(true);
    expect(canSeePrivileged({ kind: 'user', id: 'u', role: 'admin' })).toBe(true);
  });
});
