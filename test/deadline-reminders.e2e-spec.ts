import { randomUUID } from 'node:crypto';
import { SYSTEM } from '../src/common/roles.js';
import { TransactionService } from '../src/database/transaction.service.js';
import type { TimelineEventType, TimelineEvents } from '../src/timeline/timeline-events.js';
import { TimelineService } from '../src/timeline/timeline.service.js';
import { startApp, type TestApp } from './helpers/app.js';
import { waitFor } from './helpers/wait-for.js';

type ReminderRow = { id: string; kind: string; status: string; sequence: number; recipientUserId: string; dueAt: string; owedBy: string; cancelReason: string | null; note: string };

const HOUR = 3_600_000;

/**
 * The legal module (another issue) records notices and emits these events;
 * here they are appended as it will, in a transaction, through the timeline.
 */
describe('deadline reminders from legal notice events', () => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let incidentId: string;

  const emit = <T extends TimelineEventType>(type: T, payload: TimelineEvents[T]) =>
    t.app.get(TransactionService).run((tx) => t.app.get(TimelineService).append(tx, incidentId, SYSTEM, type, payload));
  const recorded = (noticeId: string, respondBy: Date | null, fields: Partial<TimelineEvents['notice.recorded']> = {}) =>
    emit('notice.recorded', {
      noticeId,
      ref: 'LN-2026-0001',
      type: 'right_of_reply',
      direction: 'received',
      status: 'received',
      respondBy: respondBy?.toISOString() ?? null,
      deadlineBasis: 'FR right_of_reply: 3 days from receipt',
      ...fields,
    });
  const remindersOf = async (noticeId: string): Promise<ReminderRow[]> =>
    ((await t.api().get(`/api/reminders?incidentId=${incidentId}&limit=100`).expect(200)).body.items as Array<ReminderRow & { subject: { id: string } }>).filter(
      (reminder) => reminder.subject.id === noticeId,
    );
  const scheduled = async (noticeId: string) => (await remindersOf(noticeId)).filter((r) => r.status === 'scheduled').map((r) => `${r.kind}@${r.dueAt}`);

  beforeAll(async () => {
    t = await startApp({ CALUMET_ROLES: 'api,worker' });
    owner = await t.createUser('legal', 'Lea Legal');
    incidentId = (await t.api(owner.token).post('/api/incidents').send({ title: 'Trademark claim', severity: 'high' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('schedules warnings 48 h and 24 h before respondBy and the deadline itself, for the incident owner', async () => {
    const noticeId = randomUUID();
    const respondBy = new Date(Date.now() + 72 * HOUR);
    await recorded(noticeId, respondBy);
    const reminders = await remindersOf(noticeId);
    expect(reminders.map((r) => `${r.kind}#${r.sequence}@${r.dueAt}`)).toEqual([
      `deadline_warning#1@${new Date(respondBy.getTime() - 48 * HOUR).toISOString()}`,
      `deadline_warning#2@${new Date(respondBy.getTime() - 24 * HOUR).toISOString()}`,
      `deadline_due#3@${respondBy.toISOString()}`,
    ]);
    for (const reminder of reminders) {
      expect(reminder).toMatchObject({ recipientUserId: owner.id, owedBy: respondBy.toISOString() });
      expect(reminder.note).toMatch(/^Legal notice LN-2026-0001 \(right of reply\) must be answered by /);
    }
  });

  it('skips the lead times already past', async () => {
    const noticeId = randomUUID();
    const respondBy = new Date(Date.now() + 30 * HOUR);
    await recorded(noticeId, respondBy);
    expect((await remindersOf(noticeId)).map((r) => r.kind)).toEqual(['deadline_warning', 'deadline_due']);
  });

  it('schedules nothing for a sent notice, one already answered, or one without a deadline', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await recorded(ids[0]!, new Date(Date.now() + 72 * HOUR), { direction: 'sent' });
    await recorded(ids[1]!, new Date(Date.now() + 72 * HOUR), { status: 'responded' });
    await recorded(ids[2]!, null);
    for (const id of ids) expect(await remindersOf(id)).toEqual([]);
  });

  it('reschedules when the deadline changes, and arms a deadline set later by hand', async () => {
    const noticeId = randomUUID();
    await recorded(noticeId, new Date(Date.now() + 30 * HOUR));
    const moved = new Date(Date.now() + 100 * HOUR);
    await emit('notice.deadline_changed', { noticeId, from: null, to: moved.toISOString(), reason: 'the letter gives 5 days' });
    expect(await scheduled(noticeId)).toEqual([
      `deadline_warning@${new Date(moved.getTime() - 48 * HOUR).toISOString()}`,
      `deadline_warning@${new Date(moved.getTime() - 24 * HOUR).toISOString()}`,
      `deadline_due@${moved.toISOString()}`,
    ]);
    expect((await remindersOf(noticeId)).filter((r) => r.status === 'cancelled').map((r) => r.cancelReason)).toEqual([
      'deadline changed: the letter gives 5 days',
      'deadline changed: the letter gives 5 days',
    ]);

    const manual = randomUUID();
    await recorded(manual, null, { ref: 'LN-2026-0002', type: 'formal_notice' });
    const set = new Date(Date.now() + 10 * HOUR);
    await emit('notice.deadline_changed', { noticeId: manual, from: null, to: set.toISOString(), reason: 'manual deadline' });
    expect(await remindersOf(manual)).toEqual([expect.objectContaining({ kind: 'deadline_due', dueAt: set.toISOString(), note: expect.stringContaining('LN-2026-0002 (formal notice)') })]);
  });

  it('cancels them when the notice no longer awaits an answer, and does not re-arm on a later deadline change', async () => {
    const noticeId = randomUUID();
    await recorded(noticeId, new Date(Date.now() + 72 * HOUR));
    await emit('notice.status_changed', { noticeId, from: 'received', to: 'under_review', reason: 'counsel reads it' });
    expect(await scheduled(noticeId)).toHaveLength(3);
    await emit('notice.status_changed', { noticeId, from: 'under_review', to: 'responded', reason: 'reply sent by registered mail' });
    expect((await remindersOf(noticeId)).map((r) => `${r.status}:${r.cancelReason}`)).toEqual(Array(3).fill('cancelled:notice responded'));
    await emit('notice.deadline_changed', { noticeId, from: null, to: new Date(Date.now() + 90 * HOUR).toISOString(), reason: 'late correction' });
    expect(await scheduled(noticeId)).toEqual([]);
  });

  it('delivers a deadline reminder when it falls due', async () => {
    const noticeId = randomUUID();
    await recorded(noticeId, new Date(Date.now() + 800));
    const sent = await waitFor('the deadline_due reminder to be sent', async () => (await remindersOf(noticeId)).find((r) => r.status === 'sent'));
    expect(sent.kind).toBe('deadline_due');
    const inbox = (await t.api(owner.token).get('/api/me/notifications').expect(200)).body.items;
    expect(inbox.find((n: { reminderId: string }) => n.reminderId === sent.id).body).toContain('Legal deadline reached');
  });
});

describe('deadline reminders of recorded legal notices: the assignee, and the owner told', () => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let lea: { id: string; token: string };
  let leo: { id: string; token: string };
  let incidentId: string;

  const inTenDays = () => new Date(Date.now() + 240 * HOUR).toISOString().slice(0, 10);
  const recordNotice = async (token: string, fields: Record<string, unknown> = {}, incident = incidentId) =>
    (
      await t
        .api(token)
        .post(`/api/incidents/${incident}/legal-notices`)
        .send({ type: 'formal_notice', receivedVia: 'email', receivedAt: new Date().toISOString(), jurisdiction: 'FR', statedDeadline: inTenDays(), ...fields })
        .expect(201)
    ).body as { id: string; ref: string; respondBy: string; assigneeId: string };
  const remindersOf = async (noticeId: string): Promise<ReminderRow[]> =>
    ((await t.api().get(`/api/reminders?incidentId=${incidentId}&limit=100`).expect(200)).body.items as Array<ReminderRow & { subject: { id: string } }>).filter(
      (reminder) => reminder.subject.id === noticeId,
    );
  /** Who is reminded at which lead time, among the scheduled reminders. */
  const recipients = async (noticeId: string) =>
    (await remindersOf(noticeId))
      .filter((r) => r.status === 'scheduled')
      .map((r) => `${r.sequence}:${r.recipientUserId}`)
      .sort();
  const each = (...userIds: string[]) => [1, 2, 3].flatMap((sequence) => userIds.map((id) => `${sequence}:${id}`)).sort();

  beforeAll(async () => {
    t = await startApp();
    owner = await t.createUser('community_manager', 'Cam Manager');
    lea = await t.createUser('legal', 'Lea Legal');
    leo = await t.createUser('legal', 'Leo Legal');
    incidentId = (await t.api(owner.token).post('/api/incidents').send({ title: 'Bailiff and founder', severity: 'high' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('reminds the assignee of each lead time, and sends the incident owner a copy saying who is reminded', async () => {
    const notice = await recordNotice(lea.token);
    expect(notice.assigneeId).toBe(lea.id);
    expect(await recipients(notice.id)).toEqual(each(lea.id, owner.id));
    const reminders = await remindersOf(notice.id);
    const copy = reminders.find((r) => r.recipientUserId === owner.id)!;
    expect(copy.note).toMatch(new RegExp(`^Legal notice ${notice.ref} \\(formal notice\\) must be answered by .*\\. Lea Legal is reminded of it; this copy is for you as the incident’s owner\\.$`));
    expect(reminders.find((r) => r.recipientUserId === lea.id)!.note).toMatch(/must be answered by [^.]*\.$/);
    for (const reminder of reminders) expect(reminder.owedBy).toBe(notice.respondBy);
  });

  it('sends no copy when the owner is the assignee', async () => {
    const ownIncident = (await t.api(lea.token).post('/api/incidents').send({ title: 'Own notice', severity: 'low' }).expect(201)).body.id;
    const notice = await recordNotice(lea.token, {}, ownIncident);
    const reminders = (await t.api().get(`/api/reminders?incidentId=${ownIncident}&limit=100`).expect(200)).body.items as ReminderRow[];
    expect(reminders.map((r) => `${r.sequence}:${r.recipientUserId}`).sort()).toEqual(each(lea.id));
    expect(notice.assigneeId).toBe(lea.id);
  });

  it('moves the pending reminders to a new assignee at once, the owner still told', async () => {
    const notice = await recordNotice(lea.token);
    await t.api(lea.token).patch(`/api/legal-notices/${notice.id}`).send({ assigneeId: leo.id }).expect(200);
    expect(await recipients(notice.id)).toEqual(each(leo.id, owner.id));
    const cancelled = (await remindersOf(notice.id)).filter((r) => r.status === 'cancelled');
    expect(cancelled.map((r) => r.recipientUserId).sort()).toEqual([...Array(3).fill(lea.id), ...Array(3).fill(owner.id)].sort());
    expect(new Set(cancelled.map((r) => r.cancelReason))).toEqual(new Set(['the notice was assigned to someone else']));
    const copy = (await remindersOf(notice.id)).find((r) => r.status === 'scheduled' && r.recipientUserId === owner.id)!;
    expect(copy.note).toContain('Leo Legal is reminded of it');
  });

  it('keeps reminding the new assignee when the deadline moves afterwards', async () => {
    const notice = await recordNotice(lea.token);
    await t.api(lea.token).patch(`/api/legal-notices/${notice.id}`).send({ assigneeId: leo.id }).expect(200);
    const later = new Date(Date.now() + 300 * HOUR).toISOString();
    await t.api(lea.token).patch(`/api/legal-notices/${notice.id}`).send({ respondBy: later, respondByReason: 'counsel obtained more time' }).expect(200);
    expect(await recipients(notice.id)).toEqual(each(leo.id, owner.id));
    expect((await remindersOf(notice.id)).filter((r) => r.status === 'scheduled').every((r) => r.owedBy === later)).toBe(true);
  });

  it('cancels them when the notice is filed', async () => {
    const notice = await recordNotice(lea.token, { type: 'bailiff_report', receivedVia: 'bailiff', statedDeadline: undefined });
    await t.api(lea.token).patch(`/api/legal-notices/${notice.id}`).send({ respondBy: new Date(Date.now() + 100 * HOUR).toISOString(), respondByReason: 'read it before the hearing' }).expect(200);
    expect(await recipients(notice.id)).toEqual(each(lea.id, owner.id));
    await t.api(lea.token).post(`/api/legal-notices/${notice.id}/transitions`).send({ to: 'filed', reason: 'a record, nothing to answer' }).expect(200);
    expect((await remindersOf(notice.id)).map((r) => `${r.status}:${r.cancelReason}`)).toEqual(Array(6).fill('cancelled:notice filed'));
  });
});
