import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AgendaService, DEADLINE_HORIZON_MS } from '../../src/agenda/agenda.service.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { Comment } from '../../src/comments/comment.entity.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { OwedReplies } from '../../src/comments/owed-replies.js';
import { CreateCommitmentDto } from '../../src/commitments/commitment.dto.js';
import { Commitment } from '../../src/commitments/commitment.entity.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import type { Actor } from '../../src/common/roles.js';
import { validateAs } from '../../src/common/validation.js';
import { AppConfig } from '../../src/config/app-config.js';
import { CreateIncidentDto } from '../../src/incidents/incident.dto.js';
import { Incident } from '../../src/incidents/incident.entity.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { LegalNotice } from '../../src/legal-notices/legal-notice.entity.js';
import { LegalNoticesService } from '../../src/legal-notices/legal-notices.service.js';
import type { RecordNoticeDto } from '../../src/legal-notices/record-notice.dto.js';
import { PostsService } from '../../src/posts/posts.service.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

const DAY = 24 * 60 * 60_000;

/**
 * Today (GET /api/me/agenda) is a read model over five features: a person's
 * replies owed, notice deadlines, commitments owed and failed checks,
 * follow-ups and watched news. One desk with each kind for them, beside the
 * same kinds that are someone else's, closed, or too far ahead.
 */
describe('Today: what a person owes, from every feature that owes it', () => {
  let t: Medium;
  let me: Actor & { id: string };
  let otherId: string;
  const expected = new Map<string, string>();
  const subjects: Record<string, string> = {};
  let failedUpdatedAt: Date;
  let owedDueAt: Date;
  let noticeDueAt: Date;
  /** The one deadline on my incidents further than Today's week. */
  let tooFarDueAt: Date;
  let replyPostedAt: Date;

  beforeAll(async () => {
    t = await startMedium();
    const users = t.get(UsersService);
    me = { kind: 'user', role: 'legal', id: (await users.create({ name: 'Léa', email: 'lea@example.org', role: 'legal' })).user.id };
    otherId = (await users.create({ name: 'Marc', email: 'marc@example.org', role: 'community_manager' })).user.id;

    const incidents = t.get(IncidentsService);
    const open = async (title: string, extra: Partial<CreateIncidentDto>) => incidents.create(t.actor, await validateAs(CreateIncidentDto, { title, severity: 'high', ...extra }));
    const mine = await open('Mine', { ownerId: me.id });
    const backedUp = await open('Backed up', { ownerId: otherId, backupOwnerId: me.id, severity: 'medium' });
    const theirs = await open('Theirs', { ownerId: otherId });
    const closed = await open('Closed', { ownerId: me.id });

    const comments = t.get(CommentsService);
    const inbound = async (incidentId: string, extra: Partial<CreateCommentDto> = {}) =>
      (await comments.create(t.actor, incidentId, await validateAs(CreateCommentDto, { direction: 'inbound', body: 'Vous répondez quand ?', authorName: 'Quelqu’un', ...extra }))).id;
    replyPostedAt = new Date(Date.now() - 2 * 60 * 60_000);
    subjects.replyMine = await inbound(mine.id, { needsResponse: true, postedAt: replyPostedAt });
    subjects.replyBackedUp = await inbound(backedUp.id, { needsResponse: true });
    await inbound(theirs.id, { needsResponse: true });
    await inbound(mine.id, { needsResponse: false });
    await inbound(closed.id, { needsResponse: true });
    // What a post's watch brought in: inbound, on a post, written by the system.
    const post = await t.get(PostsService).create({ platform: 'blog', ownership: 'third_party', url: 'https://blog.example.com/2026/avis' } as never);
    subjects.watched = await inbound(mine.id, { needsResponse: false });
    const watchedOnClosed = await inbound(closed.id, { needsResponse: false });
    await t.write((manager) => manager.update(Comment, [subjects.watched, watchedOnClosed], { postId: post.id }));

    const notices = t.get(LegalNoticesService);
    const letter = (): RecordNoticeDto =>
      ({
        type: 'formal_notice',
        direction: 'received',
        jurisdiction: 'FR',
        receivedVia: 'email',
        receivedAt: new Date(Date.now() - 3600_000),
        demands: [{ kind: 'remove_mention', description: 'Retirer la mention', targetUrl: null }],
      }) as RecordNoticeDto;
    noticeDueAt = new Date(Date.now() + 2 * DAY);
    subjects.noticeAssigned = (await notices.create(t.actor, theirs.id, letter())).id;
    subjects.noticeOnClosed = (await notices.create(t.actor, closed.id, letter())).id;
    const tooFar = (await notices.create(t.actor, mine.id, letter())).id;
    const withdrawn = (await notices.create(t.actor, mine.id, letter())).id;
    const answered = (await notices.create(t.actor, mine.id, letter())).id;
    const notMine = (await notices.create(t.actor, theirs.id, letter())).id;
    await t.write(async (manager) => {
      await manager.update(LegalNotice, [subjects.noticeAssigned, subjects.noticeOnClosed, withdrawn, answered, notMine], { respondBy: noticeDueAt });
      await manager.update(LegalNotice, subjects.noticeAssigned, { assigneeId: me.id });
      await manager.update(LegalNotice, [subjects.noticeOnClosed, tooFar, notMine], { assigneeId: otherId });
      tooFarDueAt = new Date(Date.now() + DEADLINE_HORIZON_MS + DAY);
      await manager.update(LegalNotice, tooFar, { respondBy: tooFarDueAt });
      await manager.update(LegalNotice, withdrawn, { status: 'withdrawn' });
      // Answered: its deadline is met, nothing is owed any more.
      await manager.update(LegalNotice, answered, { status: 'responded' });
    });

    const commitments = t.get(CommitmentsService);
    const promise = async (incidentId: string, extra: Partial<CreateCommitmentDto> = {}) =>
      (await commitments.create(t.actor, incidentId, await validateAs(CreateCommitmentDto, { kind: 'call_back', description: 'Rappeler le fondateur', ...extra }))).id;
    owedDueAt = new Date(Date.now() + DAY);
    subjects.owed = await promise(mine.id, { dueAt: owedDueAt.toISOString() } as never);
    subjects.owedUnowned = await promise(backedUp.id, { dueAt: owedDueAt.toISOString() } as never);
    // No due date: not an item, but listed apart (undatedCommitments), the oldest promise first; someone else's and a cancelled one not.
    subjects.undated = await promise(mine.id, { description: 'Retirer la mention', promisedAt: new Date(Date.now() - 3 * DAY).toISOString() } as never);
    subjects.undatedUnowned = await promise(backedUp.id, { description: 'Rappeler l’avocat' } as never);
    await promise(mine.id, { ownerId: otherId, description: 'Pas à Léa' } as never);
    const undatedCancelled = await promise(mine.id, { description: 'Annulée' } as never);
    await promise(mine.id, { ownerId: otherId, dueAt: owedDueAt.toISOString() } as never);
    await promise(theirs.id, { dueAt: owedDueAt.toISOString() } as never);
    subjects.failed = await promise(mine.id, { kind: 'noindex', targetUrl: 'https://blog.example.com/2026/avis' } as never);
    const cancelled = await promise(mine.id, { dueAt: owedDueAt.toISOString() } as never);
    await t.write(async (manager) => {
      await manager.update(Commitment, subjects.owedUnowned, { ownerId: null });
      await manager.update(Commitment, subjects.failed, { status: 'failed_verification' });
      await manager.update(Commitment, cancelled, { status: 'cancelled' });
      await manager.update(Commitment, undatedCancelled, { status: 'cancelled' });
      await manager.update(Commitment, subjects.undatedUnowned, { ownerId: null });
      await manager.update(Incident, closed.id, { state: 'closed' });
    });
    // Written behind the services' back: the replies owed are counted again from the comments.
    await t.get(OwedReplies).recount();
    failedUpdatedAt = (await t.dataSource.manager.findOneByOrFail(Commitment, { id: subjects.failed })).updatedAt;

    const reminders = t.get(RemindersService);
    subjects.followUp = (await reminders.createFollowUp(me, { incidentId: theirs.id, dueAt: new Date(Date.now() + 3 * DAY), note: 'Rappeler Marc' } as never)).id;
    await reminders.createFollowUp({ kind: 'user', role: 'community_manager', id: otherId }, { incidentId: mine.id, dueAt: new Date(Date.now() + DAY), note: 'Pas pour Léa' } as never);

    expected.set(subjects.replyMine, 'reply');
    expected.set(subjects.replyBackedUp, 'reply');
    expected.set(subjects.watched, 'watched');
    expected.set(subjects.noticeAssigned, 'deadline');
    expected.set(subjects.noticeOnClosed, 'deadline');
    expected.set(subjects.owed, 'commitment');
    expected.set(subjects.owedUnowned, 'commitment');
    expected.set(subjects.failed, 'check');
    expected.set(subjects.followUp, 'follow_up');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists each kind owed by the person, and only those, most urgent first', async () => {
    const today = await t.get(AgendaService).of(me.id);
    expect(new Map(today.items.map((item) => [item.subjectId, item.kind]))).toEqual(expected);
    expect(today.total).toBe(expected.size);
    expect(today.counts).toEqual({ reply: 2, deadline: 2, commitment: 2, check: 1, follow_up: 1, watched: 1, prescription: 0 });
    const dues = today.items.map((item) => item.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(today.overdue).toBe(today.items.filter((item) => item.overdue).length);
    // Not an item: the deadline further off is counted apart, with its date, for Today to point to the legal desk.
    expect(today.laterDeadlines).toEqual({ count: 1, next: tooFarDueAt.toISOString() });
  });

  it('places each item in time, with its words and its incident', async () => {
    const today = await t.get(AgendaService).of(me.id);
    const item = (id: string) => today.items.find((entry) => entry.subjectId === id)!;
    const sla = t.get(AppConfig).responseSla;
    expect(item(subjects.replyMine)).toMatchObject({ subjectType: 'comment', label: 'Vous répondez quand ?', incidentTitle: 'Mine', dueAt: new Date(replyPostedAt.getTime() + sla.high).toISOString() });
    expect(item(subjects.noticeAssigned)).toMatchObject({ subjectType: 'notice', detail: 'formal_notice', incidentTitle: 'Theirs', dueAt: noticeDueAt.toISOString(), overdue: false });
    expect(item(subjects.noticeAssigned).label).toMatch(/\S/);
    expect(item(subjects.owed)).toMatchObject({ subjectType: 'commitment', detail: 'call_back', label: 'Rappeler le fondateur', dueAt: owedDueAt.toISOString(), overdue: false });
    expect(item(subjects.failed)).toMatchObject({ subjectType: 'commitment', detail: 'noindex', dueAt: failedUpdatedAt.toISOString(), overdue: true });
    expect(item(subjects.followUp)).toMatchObject({ subjectType: 'reminder', label: 'Rappeler Marc', incidentTitle: 'Theirs' });
    expect(item(subjects.watched)).toMatchObject({ subjectType: 'comment', overdue: false, incidentTitle: 'Mine' });
  });

  it('lists apart the promises owed without a due date, the oldest first, with their incident', async () => {
    const today = await t.get(AgendaService).of(me.id);
    expect(today.items.map((item) => item.subjectId)).not.toEqual(expect.arrayContaining([subjects.undated]));
    expect(today.undatedCommitments).toEqual({
      count: 2,
      items: [
        expect.objectContaining({ commitmentId: subjects.undated, kind: 'call_back', label: 'Retirer la mention', incidentTitle: 'Mine' }),
        expect.objectContaining({ commitmentId: subjects.undatedUnowned, label: 'Rappeler l’avocat', incidentTitle: 'Backed up' }),
      ],
    });
    expect(Date.parse(today.undatedCommitments.items[0]!.promisedAt)).toBeLessThan(Date.now() - 2 * DAY);
  });

  it('shows the first items only, counting them all', async () => {
    const today = await t.get(AgendaService).of(me.id, new Date(), 3);
    expect(today.items).toHaveLength(3);
    expect(today.total).toBe(expected.size);
  });

  it('owes nothing to someone with nothing', async () => {
    const stranger = (await t.get(UsersService).create({ name: 'Nina', email: 'nina@example.org', role: 'viewer' })).user.id;
    expect(await t.get(AgendaService).of(stranger)).toMatchObject({ items: [], total: 0, overdue: 0, undatedCommitments: { count: 0, items: [] } });
  });
});
