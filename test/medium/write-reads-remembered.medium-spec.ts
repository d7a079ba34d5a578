import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import type { Actor } from '../../src/common/roles.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

/**
 * What a message reads of its incident and of who answers for it is
 * remembered between writes on SQLite: a change made since, by any path,
 * is what the next message sees.
 */
describe('a message reads what was changed since the one before it', () => {
  let t: Medium;
  let comments: CommentsService;
  beforeAll(async () => {
    t = await startMedium();
    comments = t.get(CommentsService);
  });
  afterAll(() => t.close());

  const inbound = (body: string): CreateCommentDto => ({ direction: 'inbound', authorName: 'A reader', body }) as CreateCommentDto;
  const recipientsOf = async (commentId: string) =>
    (await t.dataSource.manager.findBy(Reminder, { subjectId: commentId, kind: 'response_due' })).map((reminder) => reminder.recipientUserId).sort();
  const user = async (role: 'admin' | 'manager') => (await t.get(UsersService).create({ name: `${role} ${randomBytes(3).toString('hex')}`, email: `${randomBytes(4).toString('hex')}@example.com`, role } as never)).user;

  it('warns of a closed incident on the first message after it closed', async () => {
    const incident = await t.get(IncidentsService).create(t.actor, { title: 'Closing', severity: 'low' });
    const open = await comments.create(t.actor, incident.id, inbound('while open'));
    expect(open.warnings ?? []).toEqual([]);
    await t.get(IncidentsService).transition(t.actor, incident.id, { to: 'resolved', reason: 'done', resolution: 'Settled.' } as never);
    const after = await comments.create(t.actor, incident.id, inbound('after it was resolved'));
    expect(after.warnings).toEqual([expect.stringContaining('is resolved')]);
  });

  it('owes the reply to the admins once the owner is deactivated, and to the owner again once back', async () => {
    const owner = await user('manager');
    const admin = await user('admin');
    const incident = await t.get(IncidentsService).create(t.actor as Actor, { title: 'Owned', severity: 'low', ownerId: owner.id } as never);
    const first = await comments.create(t.actor, incident.id, inbound('to the owner'));
    expect(await recipientsOf(first.id)).toEqual([owner.id]);

    await t.get(UsersService).update(owner.id, { active: false });
    const second = await comments.create(t.actor, incident.id, inbound('the owner gone'));
    expect(await recipientsOf(second.id)).toContain(admin.id);
    expect(await recipientsOf(second.id)).not.toContain(owner.id);

    await t.get(UsersService).update(owner.id, { active: true });
    const third = await comments.create(t.actor, incident.id, inbound('the owner back'));
    expect(await recipientsOf(third.id)).toEqual([owner.id]);
  });
});
