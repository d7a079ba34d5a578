import { startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';
import { waitFor } from './helpers/wait-for.js';

const HOUR = 3_600_000;
type Reminder = { id: string; kind: string; status: string; dueAt: string; owedBy: string; note: string; recipientUserId: string; cancelReason: string | null };

/** A community manager logs what happened yesterday, today: the record keeps when it happened, and nobody is alarmed for nothing. */
describe('logging an exchange after the fact', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let owner: { id: string; token: string };
  const remindersOf = async (incidentId: string): Promise<Reminder[]> =>
    (await t.api().get(`/api/reminders?incidentId=${incidentId}&limit=100`).expect(200)).body.items;

  beforeAll(async () => {
    t = await startApp({ CALUMET_ROLES: 'api,worker', BACKFILL_GRACE: 'PT2S', CALUMET_TZ: 'Europe/Paris' });
    f = fixtures(t);
    owner = await t.createUser('community_manager', 'Marie-Aude');
  });
  afterAll(() => t.close());

  describe('moves recorded late', () => {
    it('keeps when a move happened and when it was recorded; the state history follows when it happened', async () => {
      const incident = await f.incident({ openedAt: '2026-11-29T18:00' });
      expect(incident).toMatchObject({ openedAt: '2026-11-29T17:00:00.000Z' });
      await f.move(incident.id, 'heated', { at: '2026-11-30T10:00', reason: 'the founder answered in the comments' });
      const moved = await t
        .api()
        .post(`/api/incidents/${incident.id}/transitions`)
        .send({ to: 'legal_threat', reason: 'bailiff mentioned', at: '2026-11-30T17:02:00+01:00' })
        .expect(200);
      expect(moved.body.stateChangedAt).toBe('2026-11-30T16:02:00.000Z');

      const states = (await t.api().get(`/api/incidents/${incident.id}/states`).expect(200)).body;
      expect(states.map((s: { to: string; at: string; level: number }) => [s.to, s.at, s.level])).toEqual([
        ['reported', '2026-11-29T17:00:00.000Z', 0],
        ['heated', '2026-11-30T09:00:00.000Z', 2],
        ['legal_threat', '2026-11-30T16:02:00.000Z', 3],
      ]);
      for (const state of states) expect(Date.parse(state.recordedAt)).toBeGreaterThan(Date.now() - 60_000);

      const events = await f.timeline(incident.id);
      const last = events.at(-1) as unknown as { at: string; payload: { occurredAt: string } };
      expect(last.payload.occurredAt).toBe('2026-11-30T16:02:00.000Z');
      expect(Date.parse(last.at)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('refuses a move dated in the future, or before the previous move, naming `at`', async () => {
      const incident = await f.incident({ openedAt: '2026-11-29T18:00' });
      const future = await t.api().post(`/api/incidents/${incident.id}/transitions`).send({ to: 'heated', reason: 'x', at: '2099-01-01T00:00:00Z' }).expect(400);
      expect(future.body.message).toEqual(['at must not be in the future']);
      expect(future.body.problems).toEqual([{ field: 'at', code: 'validation.notInFuture', message: 'at must not be in the future' }]);
      const before = await t.api().post(`/api/incidents/${incident.id}/transitions`).send({ to: 'heated', reason: 'x', at: '2026-11-28T00:00:00Z' }).expect(400);
      expect(before.body.message).toEqual(['at must not be before the previous move (2026-11-29T17:00:00.000Z)']);
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.state).toBe('reported');
      const opened = await t.api().post('/api/incidents').send({ title: 'x', severity: 'low', openedAt: '2099-01-01' }).expect(400);
      expect(opened.body.message).toEqual(['openedAt must not be in the future']);
    });
  });

  describe('history logged late', () => {
    it('gives an old comment its first reminder no sooner than the grace period, so the reply logged next cancels it unsent', async () => {
      const incident = await f.incident({ severity: 'high', ownerId: owner.id });
      const postedAt = new Date(Date.now() - 2 * 24 * HOUR);
      const loggedAt = Date.now();
      const old = await f.comment(incident.id, { postedAt: postedAt.toISOString() });
      const [reminder] = await remindersOf(incident.id);
      expect(reminder).toMatchObject({ kind: 'response_due', status: 'scheduled', owedBy: new Date(postedAt.getTime() + 4 * HOUR).toISOString() });
      expect(Date.parse(reminder!.dueAt)).toBeGreaterThanOrEqual(loggedAt + 2000);
      await f.comment(incident.id, { direction: 'outbound', authorName: 'The blogger', parentId: old.id, body: 'Please write to us by registered letter.' });
      expect((await remindersOf(incident.id))[0]).toMatchObject({ id: reminder!.id, status: 'cancelled', cancelReason: 'answered by an outbound comment' });
      const notifications = (await t.api(owner.token).get('/api/me/notifications?limit=100').expect(200)).body.items;
      expect(notifications.filter((n: { reminderId: string }) => n.reminderId === reminder!.id)).toEqual([]);
    });

    it('says a reminder for a reply owed before it was logged is overdue, and since when', async () => {
      const incident = await f.incident({ severity: 'high', ownerId: owner.id });
      await f.comment(incident.id, { postedAt: '2026-11-30T09:15' });
      const [reminder] = await remindersOf(incident.id);
      const notification = await waitFor('the overdue reminder in the app', async () => {
        const items = (await t.api(owner.token).get('/api/me/notifications?limit=100').expect(200)).body.items as Array<{ reminderId: string; body: string }>;
        return items.find((n) => n.reminderId === reminder!.id);
      });
      expect(notification.body).toContain('Overdue: owed since Mon 30 Nov 2026, 13:15 (Europe/Paris)');
    });
  });

  describe('a message on a closed incident', () => {
    it('is kept, its owner told at once with the way to reopen, and the incident stays closed', async () => {
      const incident = await f.incident({ ownerId: owner.id });
      await f.move(incident.id, 'resolved', { resolution: 'Hatchet buried' });
      await f.move(incident.id, 'closed');
      const logged = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', authorName: 'The founder', body: 'One more thing…' }).expect(201);
      expect(logged.body.warnings).toEqual([`${incident.ref} is closed: the message is kept and its owner told; reopen the incident if the exchange has resumed`]);
      expect(logged.body.needsResponse).toBe(false);
      const notification = await waitFor('the owner told', async () => {
        const items = (await t.api(owner.token).get('/api/me/notifications?limit=100').expect(200)).body.items as Array<{ kind: string; body: string }>;
        return items.find((n) => n.body.includes('New message from The founder on an incident that is closed'));
      });
      expect(notification.body).toContain('Reopen it (closed → monitoring) if the exchange has resumed.');
      expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.state).toBe('closed');
      const outbound = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'outbound', authorName: 'The blogger', body: 'Noted.' }).expect(201);
      expect(outbound.body.warnings).toBeUndefined();
    });
  });
});
