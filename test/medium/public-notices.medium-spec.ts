import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNotice } from '../../src/legal-notices/legal-notice.entity.js';
import { PartiesService } from '../../src/parties/parties.service.js';
import { PostsService } from '../../src/posts/posts.service.js';
import type { PublicNoticeDto } from '../../src/public-notices/public-notice.dto.js';
import { PublicNoticesService } from '../../src/public-notices/public-notices.service.js';
import { Reminder } from '../../src/reminders/reminder.entity.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

/** Where a public notice lands (DSA art. 16): the incident of its address, the party of its email, the legal staff told. */
describe(PublicNoticesService.name, () => {
  let t: Medium;
  let sut: PublicNoticesService;
  let incidents: IncidentsService;
  let posts: PostsService;
  let staff: { legal: string; viewer: string };
  let n = 0;
  const notice = (fields: Partial<PublicNoticeDto> = {}): PublicNoticeDto => ({ urls: [`https://blog.example.com/n/${++n}`], explanation: 'Defamatory.', goodFaith: true, ...fields });
  const recorded = async (ref: string) => (await t.dataSource.manager.findOneByOrFail(LegalNotice, { ref }));
  const incidentWithPost = async (url: string, openedAt?: Date) => {
    const post = await posts.create({ platform: 'blog', ownership: 'own', url });
    return incidents.create(t.actor, { title: 'Earlier case', severity: 'low', postIds: [post.id], ...(openedAt ? { openedAt } : {}) });
  };

  beforeAll(async () => {
    t = await startMedium();
    sut = t.get(PublicNoticesService);
    incidents = t.get(IncidentsService);
    posts = t.get(PostsService);
    const users = t.get(UsersService);
    staff = {
      legal: (await users.create({ name: 'Lea', email: 'lea@example.org', role: 'legal' })).user.id,
      viewer: (await users.create({ name: 'Vic', email: 'vic@example.org', role: 'viewer' })).user.id,
    };
  });
  afterAll(() => t.close());

  it('lands on the latest opened of the open incidents that have a post at the address, not on a closed one', async () => {
    const url = 'https://blog.example.com/2026/the-post';
    const older = await incidentWithPost(url, new Date(Date.now() - 2 * 86_400_000));
    const newer = await incidents.create(t.actor, { title: 'Later case', severity: 'low', postIds: older.postIds, openedAt: new Date(Date.now() - 86_400_000) });
    const { ref } = await sut.submit(notice({ urls: [`${url}/#comment-1`] }), 'api');
    expect((await recorded(ref)).incidentId).toBe(newer.id);

    const closedUrl = 'https://blog.example.com/2026/settled';
    const closed = await incidentWithPost(closedUrl);
    await incidents.transition(t.actor, closed.id, { to: 'resolved', reason: 'settled', resolution: 'apologised' });
    await incidents.transition(t.actor, closed.id, { to: 'closed', reason: 'done' });
    const second = await recorded((await sut.submit(notice({ urls: [closedUrl] }), 'form')).ref);
    expect(second.incidentId).not.toBe(closed.id);
    expect((await incidents.get(second.incidentId)).postIds).toEqual(closed.postIds);
  });

  it('names the party with the notifier’s email as sender, else a new person', async () => {
    const known = await t.get(PartiesService).create({ kind: 'organisation', name: 'Known Org', email: 'known@example.org' });
    expect((await recorded((await sut.submit(notice({ email: 'known@example.org', name: 'Someone Else' }), 'api')).ref)).senderPartyId).toBe(known.id);
    const fresh = await recorded((await sut.submit(notice({ email: 'new@example.org' }), 'api')).ref);
    expect(fresh.senderPartyId).not.toBe(known.id);
    expect(fresh.dsaNotice).toMatchObject({ notifierEmail: 'new@example.org', notifierName: null, goodFaith: true, channel: 'api' });
  });

  it('tells every active legal and admin user by a follow-up due now, and no one else', async () => {
    const { ref } = await sut.submit(notice(), 'api');
    const reminders = await t.dataSource.manager.findBy(Reminder, { subjectType: 'notice', subjectId: (await recorded(ref)).id });
    const recipients = reminders.map((reminder) => reminder.recipientUserId);
    expect(recipients).toContain(staff.legal);
    expect(recipients).not.toContain(staff.viewer);
    expect(reminders.every((reminder) => reminder.kind === 'follow_up' && reminder.note?.includes(ref))).toBe(true);
  });
});
