import { UnrecoverableError, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { QueueService } from '../src/queue/queue.service.js';
import { TransactionService } from '../src/database/transaction.service.js';
import { ReminderReconciler } from '../src/reminders/reminder-reconciler.service.js';
import { RemindersService } from '../src/reminders/reminders.service.js';
import { Reminder } from '../src/reminders/reminder.entity.js';
import { DataSource } from 'typeorm';
import { startApp, type TestApp } from './helpers/app.js';
import { waitFor } from './helpers/wait-for.js';

describe('reminders API', () => {
  let t: TestApp;
  let manager: { id: string; token: string };
  let colleague: { id: string; token: string };
  let viewer: { id: string; token: string };
  let incidentId: string;

  const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const followUp = (body: Record<string, unknown>, token = manager.token) => t.api(token).post('/api/reminders').send({ incidentId, dueAt: inHours(2), note: 'Call back', ...body });
  const job = (id: string, version: number) => t.app.get(QueueService).all()[0]!.getJob(`reminder-${id}-v${version}`);
  const timeline = async () => (await t.api().get(`/api/incidents/${incidentId}/timeline?limit=100`).expect(200)).body.items as Array<{ type: string; actor: string; payload: Record<string, unknown> }>;

  beforeAll(async () => {
    // Every reminder of these tests is armed when written (their horizon is further than the default hour); the horizon has its tests below.
    t = await startApp({ ALARM_HORIZON: 'P30D' });
    manager = await t.createUser('community_manager');
    colleague = await t.createUser('community_manager');
    viewer = await t.createUser('viewer');
    incidentId = (await t.api(manager.token).post('/api/incidents').send({ title: 'A spat under the article', severity: 'medium' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  describe('POST /api/reminders', () => {
    it('schedules a follow_up for the caller, arms its alarm and records it in the timeline', async () => {
      const dueAt = inHours(3);
      const response = await followUp({ dueAt, note: 'Call back, not before Thursday' }).expect(201);
      expect(response.body).toMatchObject({
        kind: 'follow_up',
        subject: { type: 'incident', id: incidentId },
        incidentId,
        recipientUserId: manager.id,
        dueAt,
        owedBy: dueAt,
        status: 'scheduled',
        sequence: 1,
        version: 1,
        attempts: 0,
        note: 'Call back, not before Thursday',
        deliveries: [],
        createdBy: manager.id,
      });
      expect(await (await job(response.body.id, 1))?.isDelayed()).toBe(true);
      expect((await timeline()).find((e) => e.type === 'reminder.scheduled' && e.payload['reminderId'] === response.body.id)).toMatchObject({
        actor: manager.id,
        payload: { kind: 'follow_up', recipientUserId: manager.id, dueAt },
      });
    });

    it('schedules for another active user', async () => {
      const response = await followUp({ recipientUserId: colleague.id }).expect(201);
      expect(response.body.recipientUserId).toBe(colleague.id);
    });

    it.each([
      ['a due time in the past', { dueAt: new Date(Date.now() - 60_000).toISOString() }, 'dueAt must be in the future'],
      ['an unparseable due time', { dueAt: 'next thursday' }, 'dueAt must be an ISO-8601 date-time such as 2026-11-26T14:30:00Z (without an offset, it is read in CALUMET_TZ)'],
      ['an unknown incident', { incidentId: '00000000-0000-4000-8000-000000000000' }, 'incidentId refers to no existing record (00000000-0000-4000-8000-000000000000)'],
      ['an unknown recipient', { recipientUserId: '00000000-0000-4000-8000-000000000001' }, 'recipientUserId refers to no active user (00000000-0000-4000-8000-000000000001)'],
      ['an empty note', { note: '  ' }, 'note must not be empty'],
      ['an unknown field', { priority: 'high' }, 'priority is not an accepted field'],
    ])('refuses %s with 400 naming the field', async (_, body, message) => {
      const response = await followUp(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: [message] });
    });

    it('refuses an inactive recipient', async () => {
      const gone = await t.createUser('community_manager');
      await t.api().patch(`/api/users/${gone.id}`).send({ active: false }).expect(200);
      expect((await followUp({ recipientUserId: gone.id }).expect(400)).body.message).toEqual([`recipientUserId refers to no active user (${gone.id})`]);
    });

    it('is for community managers and up', async () => {
      await followUp({}, viewer.token).expect(403);
      await t.anonymous().post('/api/reminders').send({}).expect(401);
    });
  });

  describe('GET /api/reminders', () => {
    it('filters by status, incident, recipient and kind, soonest first', async () => {
      const other = (await t.api(manager.token).post('/api/incidents').send({ title: 'Another one', severity: 'low' }).expect(201)).body.id;
      const late = (await followUp({ dueAt: inHours(50), recipientUserId: colleague.id }).expect(201)).body.id;
      const early = (await followUp({ dueAt: inHours(1), recipientUserId: colleague.id }).expect(201)).body.id;
      const elsewhere = (await followUp({ incidentId: other, recipientUserId: colleague.id }).expect(201)).body.id;

      const mine = (await t.api(viewer.token).get(`/api/reminders?recipientId=${colleague.id}&incidentId=${incidentId}&status=scheduled&kind=follow_up`).expect(200)).body;
      const ids = mine.items.map((r: { id: string }) => r.id);
      expect(ids.indexOf(early)).toBeLessThan(ids.indexOf(late));
      expect(ids).not.toContain(elsewhere);
      expect((await t.api().get(`/api/reminders?incidentId=${other}`).expect(200)).body.items.map((r: { id: string }) => r.id)).toEqual([elsewhere]);
      expect((await t.api().get('/api/reminders?status=sent').expect(200)).body.items).toEqual([]);
      const byFieldName = (await t.api(viewer.token).get(`/api/reminders?recipientUserId=${colleague.id}&incidentId=${incidentId}&kind=follow_up`).expect(200)).body;
      expect(byFieldName.items.map((r: { id: string }) => r.id)).toEqual(ids);
      const both = await t.api().get(`/api/reminders?recipientUserId=${colleague.id}&recipientId=${viewer.id}`).expect(400);
      expect(both.body.message).toEqual(['recipientId and recipientUserId name the same filter; give one']);
    });

    it('pages with a cursor', async () => {
      const first = (await t.api().get('/api/reminders?limit=2').expect(200)).body;
      const second = (await t.api().get(`/api/reminders?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
      expect(first.items).toHaveLength(2);
      expect(second.items[0].id).not.toBe(first.items[1].id);
    });

    it.each([
      ['status=pending', 'status must be one of the following values: scheduled, sent, cancelled, failed'],
      ['recipientId=me', 'recipientId must be a UUID'],
    ])('refuses %s with 400', async (query, message) => {
      expect((await t.api().get(`/api/reminders?${query}`).expect(400)).body.message).toEqual([message]);
    });

    it('answers 404 for an unknown reminder', async () => {
      await t.api().get('/api/reminders/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe('snooze and cancel', () => {
    it('snoozes: moves dueAt, bumps the version, re-arms under the new version and records it', async () => {
      const created = (await followUp({}).expect(201)).body;
      const until = inHours(30);
      const snoozed = (await t.api(colleague.token).post(`/api/reminders/${created.id}/snooze`).send({ until }).expect(200)).body;
      expect(snoozed).toMatchObject({ status: 'scheduled', dueAt: until, version: 2 });
      expect(await job(created.id, 1)).toBeUndefined();
      expect(await (await job(created.id, 2))?.isDelayed()).toBe(true);
      expect((await timeline()).find((e) => e.type === 'reminder.snoozed' && e.payload['reminderId'] === created.id)).toMatchObject({
        actor: colleague.id,
        payload: { from: created.dueAt, to: until },
      });
    });

    it.each([
      ['in the past', new Date(Date.now() - 1000).toISOString(), 'until must be in the future'],
      ['unparseable', 'tomorrow', 'until must be an ISO-8601 date-time such as 2026-11-26T14:30:00Z (without an offset, it is read in CALUMET_TZ)'],
    ])('refuses a snooze until a time %s with 400 naming until', async (_, until, message) => {
      const created = (await followUp({}).expect(201)).body;
      expect((await t.api().post(`/api/reminders/${created.id}/snooze`).send({ until }).expect(400)).body.message).toEqual([message]);
    });

    it('cancels with a reason kept in the timeline, and then refuses to snooze or cancel again', async () => {
      const created = (await followUp({}).expect(201)).body;
      const cancelled = (await t.api(manager.token).post(`/api/reminders/${created.id}/cancel`).send({ reason: 'They called us first' }).expect(200)).body;
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'They called us first', cancelledAt: expect.any(String) });
      expect(await job(created.id, 1)).toBeUndefined();
      expect((await timeline()).find((e) => e.type === 'reminder.cancelled' && e.payload['reminderId'] === created.id)).toMatchObject({
        actor: manager.id,
        payload: { reason: 'They called us first', kind: 'follow_up' },
      });
      const again = await t.api().post(`/api/reminders/${created.id}/cancel`).send({ reason: 'twice' }).expect(409);
      expect(again.body.message).toBe(`reminder ${created.id} is cancelled; only a scheduled reminder can be cancelled`);
      await t.api().post(`/api/reminders/${created.id}/snooze`).send({ until: inHours(5) }).expect(409);
    });

    it('needs a reason to cancel, and the community manager role', async () => {
      const created = (await followUp({}).expect(201)).body;
      expect((await t.api().post(`/api/reminders/${created.id}/cancel`).send({}).expect(400)).body.message).toEqual(['reason must be a string']);
      await t.api(viewer.token).post(`/api/reminders/${created.id}/cancel`).send({ reason: 'no' }).expect(403);
      await t.api().post('/api/reminders/not-a-uuid/cancel').send({ reason: 'no' }).expect(400);
    });
  });

  describe('service API for other features', () => {
    it('schedules, reschedules and cancels a subject’s reminders inside the caller’s transaction, each in the timeline', async () => {
      const reminders = t.app.get(RemindersService);
      const transactions = t.app.get(TransactionService);
      const subject = { type: 'commitment' as const, id: randomUUID() };
      const dueAt = new Date(Date.now() + 5 * 3_600_000);
      const [scheduled] = await transactions.run((tx) =>
        reminders.schedule(tx, { kind: 'commitment_due', subject, incidentId, dueAt, recipientUserIds: [colleague.id], note: 'Put the article in noindex' }),
      );
      expect(scheduled).toMatchObject({ kind: 'commitment_due', status: 'scheduled', recipientUserId: colleague.id, version: 1, createdBy: 'system' });
      expect(await (await job(scheduled!.id, 1))?.isDelayed()).toBe(true);

      const later = new Date(dueAt.getTime() + 3_600_000);
      expect(await transactions.run((tx) => reminders.rescheduleForSubject(tx, subject, later, 'due date moved', ['commitment_due']))).toBe(1);
      expect((await t.api().get(`/api/reminders/${scheduled!.id}`).expect(200)).body).toMatchObject({ dueAt: later.toISOString(), version: 2 });
      expect(await job(scheduled!.id, 1)).toBeUndefined();
      expect(await (await job(scheduled!.id, 2))?.isDelayed()).toBe(true);

      expect(await transactions.run((tx) => reminders.cancelForSubject(tx, subject, 'commitment done', ['follow_up']))).toBe(0);
      expect(await transactions.run((tx) => reminders.cancelForSubject(tx, subject, 'commitment done'))).toBe(1);
      expect((await timeline()).filter((e) => e.payload['reminderId'] === scheduled!.id).map((e) => `${e.type}:${e.actor}`)).toEqual([
        'reminder.rescheduled:system',
        'reminder.cancelled:system',
      ]);
    });

    it('addresses the incident owner by default', async () => {
      const [scheduled] = await t.app.get(TransactionService).run((tx) =>
        t.app.get(RemindersService).schedule(tx, { kind: 'verification_failed', subject: { type: 'commitment', id: randomUUID() }, incidentId, dueAt: new Date(Date.now() + 60_000) }),
      );
      expect(scheduled!.recipientUserId).toBe(manager.id);
    });
  });

  describe('reconciler', () => {
    const failForGood = async (id: string) => {
      await (await job(id, 1))!.promote();
      const connection = new Redis(t.config.redisUrl, { maxRetriesPerRequest: null });
      const crashing = new Worker(
        'reminders',
        async () => {
          throw new UnrecoverableError('the database was away');
        },
        { connection, prefix: t.config.redisPrefix },
      );
      await waitFor('the alarm to fail for good', async () => (await job(id, 1))?.isFailed());
      await crashing.close();
      await connection.quit();
    };

    it('re-arms a scheduled reminder whose alarm was lost, and one whose alarm failed for good', async () => {
      const lost = (await followUp({}).expect(201)).body;
      const failed = (await followUp({}).expect(201)).body;
      await (await job(lost.id, 1))!.remove();
      await failForGood(failed.id);

      const result = await t.app.get(ReminderReconciler).reconcile();
      expect(result.armed).toBe(2);
      expect(await (await job(lost.id, 1))?.isDelayed()).toBe(true);
      expect(await (await job(failed.id, 1))?.isDelayed()).toBe(true);
      expect((await t.app.get(ReminderReconciler).reconcile()).armed).toBe(0);
    });

    it('checks only the reminders written since its previous pass, and every one once Redis lost its marker', async () => {
      const reconciler = t.app.get(ReminderReconciler);
      const old = (await followUp({}).expect(201)).body;
      await reconciler.reconcile();
      const hourAgo = new Date(Date.now() - 3_600_000);
      await t.app.get(TransactionService).run((tx) => tx.manager.update(Reminder, { id: old.id }, { updatedAt: hourAgo }));
      await (await job(old.id, 1))!.remove();
      const fresh = (await followUp({}).expect(201)).body;
      await (await job(fresh.id, 1))!.remove();

      const since = await reconciler.reconcile();
      expect(since.armed).toBe(1);
      expect(await (await job(fresh.id, 1))?.isDelayed()).toBe(true);
      expect(await job(old.id, 1)).toBeUndefined();
      const scheduled = await t.app.get(DataSource).manager.countBy(Reminder, { status: 'scheduled' });
      expect(since.checked).toBeLessThan(scheduled);

      const redis = new Redis(t.config.redisUrl);
      await redis.del(`${t.config.redisPrefix}:reminders:reconciled`);
      await redis.quit();
      const full = await reconciler.reconcile();
      expect(full).toEqual({ checked: scheduled, armed: 1 });
      expect(await (await job(old.id, 1))?.isDelayed()).toBe(true);
    });

    it('re-arms a reminder written long ago whose alarm failed for good', async () => {
      const reconciler = t.app.get(ReminderReconciler);
      const old = (await followUp({}).expect(201)).body;
      await t.app.get(TransactionService).run((tx) => tx.manager.update(Reminder, { id: old.id }, { updatedAt: new Date(Date.now() - 3_600_000) }));
      await reconciler.reconcile();
      await failForGood(old.id);

      expect((await reconciler.reconcile()).armed).toBe(1);
      expect(await (await job(old.id, 1))?.isDelayed()).toBe(true);
    });
  });

  describe('alarm horizon', () => {
    let h: TestApp;
    let incident: string;
    beforeAll(async () => {
      h = await startApp({ ALARM_HORIZON: 'PT2S', RECONCILE_INTERVAL: 'PT1S' });
      incident = (await h.api().post('/api/incidents').send({ title: 'Replies owed next week', severity: 'low' }).expect(201)).body.id;
    });
    afterAll(() => h.close());
    const alarm = (id: string) => h.app.get(QueueService).all()[0]!.getJob(`reminder-${id}-v1`);
    const dueIn = (ms: number) => new Date(Date.now() + ms).toISOString();

    it('arms a reminder due within the horizon when written, and one due later only once it comes within it', async () => {
      const soon = (await h.api().post('/api/reminders').send({ incidentId: incident, dueAt: dueIn(1_000), note: 'soon' }).expect(201)).body;
      const later = (await h.api().post('/api/reminders').send({ incidentId: incident, dueAt: dueIn(6_000), note: 'later' }).expect(201)).body;
      expect(await alarm(soon.id)).toBeDefined();
      expect(await alarm(later.id)).toBeUndefined();
      // As if written long before the reconciler's last pass: only its look at what came within the horizon can arm it.
      await h.app.get(TransactionService).run((tx) => tx.manager.update(Reminder, { id: later.id }, { updatedAt: new Date(Date.now() - 3_600_000) }));
      const reconciler = h.app.get(ReminderReconciler);
      expect(await reconciler.reconcile()).toEqual({ checked: 1, armed: 0 });
      expect(await alarm(later.id)).toBeUndefined();

      const armedAt = await waitFor('the later reminder armed by the reconciler', async () => {
        await reconciler.reconcile();
        return (await alarm(later.id)) ? Date.now() : null;
      });
      // Not before it came within the horizon (the pass that armed it began before armedAt).
      expect(new Date(later.dueAt).getTime() - armedAt).toBeLessThanOrEqual(2_000);
      expect(await (await alarm(later.id))?.isDelayed()).toBe(true);
      expect((await reconciler.reconcile()).armed).toBe(0);
    });
  });

  it('counts scheduled reminders among the incident’s open items, without blocking its close', async () => {
    const detail = (await t.api().get(`/api/incidents/${incidentId}`).expect(200)).body;
    expect(detail.openCounts.scheduledReminders).toBeGreaterThan(0);
    await t.api(manager.token).post(`/api/incidents/${incidentId}/transitions`).send({ to: 'resolved', reason: 'settled', resolution: 'apology accepted' }).expect(200);
    await t.api(manager.token).post(`/api/incidents/${incidentId}/transitions`).send({ to: 'closed', reason: 'done' }).expect(200);
  });

  it('keeps the timeline chain valid', async () => {
    expect((await t.api().get(`/api/incidents/${incidentId}/timeline/verify`).expect(200)).body.valid).toBe(true);
  });
});
