import type { Role } from '../common/roles.js';
import { assigneeRefusal, defaultAssignee } from './notice-assignee.js';

const user = (id: string, role: Role, active = true) => ({ id, role, active });

describe(defaultAssignee.name, () => {
  it('assigns a legal recorder to themselves', () => {
    expect(defaultAssignee(user('rec', 'legal'), user('backup', 'legal'), user('owner', 'admin'))).toBe('rec');
  });

  it('assigns the legal backup owner when an admin records', () => {
    expect(defaultAssignee(user('rec', 'admin'), user('backup', 'legal'), user('owner', 'legal'))).toBe('backup');
  });

  it('assigns the owner when the backup owner is not legal, if the owner is legal or admin', () => {
    expect(defaultAssignee(user('rec', 'admin'), user('backup', 'community_manager'), user('owner', 'legal'))).toBe('owner');
    expect(defaultAssignee(user('rec', 'admin'), null, user('owner', 'admin'))).toBe('owner');
  });

  it('assigns an admin recorder when neither owner is legal or admin', () => {
    expect(defaultAssignee(user('rec', 'admin'), user('backup', 'viewer'), user('owner', 'community_manager'))).toBe('rec');
  });

  it('skips inactive users', () => {
    expect(defaultAssignee(user('rec', 'admin'), user('backup', 'legal', false), user('owner', 'legal', false))).toBe('rec');
  });

  it('assigns no one when no candidate fits (a system recorder, owners who are not legal)', () => {
    expect(defaultAssignee(null, user('backup', 'community_manager'), null)).toBeNull();
  });
});

describe(assigneeRefusal.name, () => {
  it('accepts an active legal or admin user', () => {
    expect(assigneeRefusal('a', user('a', 'legal'))).toBeNull();
    expect(assigneeRefusal('a', user('a', 'admin'))).toBeNull();
  });

  it('refuses an unknown, an inactive, or a community manager or viewer, naming assigneeId', () => {
    expect(assigneeRefusal('x', null)?.message).toBe('assigneeId refers to no user (x)');
    expect(assigneeRefusal('a', user('a', 'legal', false))?.message).toBe('assigneeId refers to an inactive user (a)');
    expect(assigneeRefusal('a', user('a', 'community_manager'))?.message).toBe('assigneeId must be a legal or admin user (a is community_manager)');
    expect(assigneeRefusal('a', user('a', 'viewer'))?.message).toBe('assigneeId must be a legal or admin user (a is viewer)');
  });
});
