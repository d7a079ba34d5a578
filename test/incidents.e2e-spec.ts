import { randomUUID } from 'node:crypto';
import { startApp, sql, type TestApp } from './helpers/app.js';
import { createIncident, createParty, createPost, move, timelineOf } from './helpers/fixtures.js';

describe('incidents', () => {
  let t: TestApp;
  let cm: { id: string; token: string };
  let legal: { id: string; token: string };
  beforeAll(async () => {
    t = await startApp();
    cm = await t.createUser('community_manager');
    legal = await t.createUser('legal');
  });
  afterAll(() => t.close());

  it('opens an incident as reported, owned by its creator, with a yearly ref', async () => {
    const party = await createParty(t);
    const post = await createPost(t);
    const first = await createIncident(t, { counterpartId: party.id, postIds: [post.id], tags: ['wordpress', 'trademark'] }, cm.token);
    const second = await createIncident(t, {}, cm.token);
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
    expect(first).toMatchObject({ state: 'reported', level: 0, ownerId: cm.id, counterpartId: party.id, postIds: [post.id], version: 1 });
    expect(first.ref).toMatch(new RegExp(`^INC-${year}-\\d{4}$`));
    expect(Number(second.ref.slice(-4))).toBe(Number(first.ref.slice(-4)) + 1);
    expect(await timelineOf(t, first.id)).toEqual([
      expect.objectContaining({ seq: 1, type: 'incident.created', actor: cm.id, payload: expect.objectContaining({ ref: first.ref, postIds: [post.id] }) }),
    ]);
  });

  it('refuses references to rows that do not exist, naming the field, and writes nothing', async () => {
    const before = (await t.api().get('/api/incidents?limit=100').expect(200)).body.items.length;
    const missing = randomUUID();
    const response = await t.api().post('/api/incidents').send({ title: 'x', severity: 'low', ownerId: missing, postIds: [missing] }).expect(400);
    expect(response.body.message).toEqual([`ownerId refers to no existing record (${missing})`, `postIds.0 refers to no existing record (${missing})`]);
    expect((await t.api().get('/api/incidents?limit=100').expect(200)).body.items.length).toBe(before);
  });

  it('shows the allowed moves and the open counts', async () => {
    const incident = await createIncident(t);
    const response = await t.api().get(`/api/incidents/${incident.id}`).expect(200);
    expect(response.body.allowedTransitions).toEqual(['monitoring', 'heated', 'legal_threat', 'resolved']);
    expect(response.body.openCounts).toEqual(expect.objectContaining({ commentsAwaitingResponse: 0 }));
    await t.api().get(`/api/incidents/${randomUUID()}`).expect(404);
  });

  describe('listing', () => {
    let owner: { id: string; token: string };
    const made: string[] = [];
    beforeAll(async () => {
      owner = await t.createUser('community_manager');
      for (let i = 0; i < 7; i++) {
        const incident = await createIncident(t, { title: `Listing ${i} ${i % 2 ? 'negative SEO' : 'trademark'}`, severity: i % 2 ? 'high' : 'low', ownerId: owner.id, tags: [`batch-${i % 3}`] });
        made.push(incident.id);
      }
      await move(t, made[0]!, 'heated').expect(200);
    });

    it('pages through every incident once, newest first, with an opaque cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: string; ownerId: string }>; nextCursor: string | null } } = await t
          .api()
          .get(`/api/incidents?ownerId=${owner.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...made].reverse());
    });

    it('filters by state, severity, owner, tag and text', async () => {
      const ids = async (query: string) => (await t.api().get(`/api/incidents?ownerId=${owner.id}&${query}`).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(await ids('state=heated')).toEqual([made[0]]);
      expect((await ids('severity=high')).sort()).toEqual([made[1], made[3], made[5]].sort());
      expect((await ids('q=NEGATIVE%20seo')).sort()).toEqual([made[1], made[3], made[5]].sort());
      expect((await ids('tag=batch-2')).sort()).toEqual([made[2], made[5]].sort());
      expect(await ids('q=%25')).toEqual([]);
    });

    it.each([
      ['limit=0', 'limit must not be less than 1'],
      ['limit=101', 'limit must not be greater than 100'],
      ['limit=ten', 'limit must be an integer number'],
      ['state=angry', 'state must be one of the following values'],
      ['ownerId=42', 'ownerId must be a UUID'],
      ['cursor=garbage', 'cursor is invalid'],
    ])('refuses %s with 400', async (query, message) => {
      const response = await t.api().get(`/api/incidents?${query}`).expect(400);
      expect(response.body.message[0]).toContain(message);
    });
  });

  describe('changes', () => {
    it('records what changed, and refuses a stale version with 409', async () => {
      const incident = await createIncident(t);
      const changed = await t.api().patch(`/api/incidents/${incident.id}`).send({ severity: 'critical', summary: 'Founder threatens', version: 1 }).expect(200);
      expect(changed.body).toMatchObject({ severity: 'critical', version: 2 });
      const stale = await t.api().patch(`/api/incidents/${incident.id}`).send({ severity: 'low', version: 1 }).expect(409);
      expect(stale.body.message).toContain('is at version 2, not 1');
      const events = await timelineOf(t, incident.id);
      expect(events.at(-1)).toMatchObject({
        type: 'incident.updated',
        payload: { changes: { severity: { from: 'medium', to: 'critical' }, summary: { from: null, to: 'Founder threatens' } } },
      });
    });

    it('refuses to set a required field to null', async () => {
      const incident = await createIncident(t);
      const response = await t.api().patch(`/api/incidents/${incident.id}`).send({ title: null, severity: null }).expect(400);
      expect(response.body.message).toEqual(['title must be a string', expect.stringContaining('severity must be one of')]);
    });

    it('relinks posts and records the change', async () => {
      const incident = await createIncident(t);
      const [a, b] = [await createPost(t), await createPost(t)];
      await t.api().patch(`/api/incidents/${incident.id}`).send({ postIds: [a.id, b.id] }).expect(200);
      const got = await t.api().get(`/api/incidents/${incident.id}`).expect(200);
      expect(got.body.postIds.sort()).toEqual([a.id, b.id].sort());
    });

    it('does not write anything when nothing changes', async () => {
      const incident = await createIncident(t, { title: 'Same' });
      const response = await t.api().patch(`/api/incidents/${incident.id}`).send({ title: 'Same' }).expect(200);
      expect(response.body.version).toBe(1);
      expect(await timelineOf(t, incident.id)).toHaveLength(1);
    });
  });

  describe('escalation', () => {
    it('walks the story: reported → heated → legal_threat → de_escalating → resolved, each move in the timeline', async () => {
      const incident = await createIncident(t);
      await move(t, incident.id, 'heated').expect(200);
      await move(t, incident.id, 'legal_threat').expect(200);
      const easing = await move(t, incident.id, 'de_escalating', { reason: 'The founder apologised' }).expect(200);
      expect(easing.body).toMatchObject({ state: 'de_escalating', level: 2 });
      const resolved = await move(t, incident.id, 'resolved', { resolution: 'Hatchet buried; article put in noindex' }).expect(200);
      expect(resolved.body).toMatchObject({ state: 'resolved', level: null, resolution: 'Hatchet buried; article put in noindex' });
      expect(resolved.body.resolvedAt).not.toBeNull();
      const moves = (await timelineOf(t, incident.id)).filter((event) => event.type === 'state.changed');
      expect(moves.map((event) => [event.payload.from, event.payload.to])).toEqual([
        ['reported', 'heated'],
        ['heated', 'legal_threat'],
        ['legal_threat', 'de_escalating'],
        ['de_escalating', 'resolved'],
      ]);
      expect(moves[2]!.payload.reason).toBe('The founder apologised');
    });

    it('answers an illegal move with 409 naming the allowed moves, and leaves the incident as it was', async () => {
      const incident = await createIncident(t);
      const response = await move(t, incident.id, 'formal_dispute').expect(409);
      expect(response.body.message).toBe('incident cannot move from reported to formal_dispute; allowed from reported: monitoring, heated, legal_threat, resolved');
      const after = await t.api().get(`/api/incidents/${incident.id}`).expect(200);
      expect(after.body).toMatchObject({ state: 'reported', version: 1 });
      expect(await timelineOf(t, incident.id)).toHaveLength(1);
    });

    it('needs a reason for every move', async () => {
      const incident = await createIncident(t);
      const response = await t.api().post(`/api/incidents/${incident.id}/transitions`).send({ to: 'heated', reason: '   ' }).expect(400);
      expect(response.body.message).toEqual(['reason must not be empty']);
      await t.api().post(`/api/incidents/${incident.id}/transitions`).send({ to: 'heated' }).expect(400);
    });

    it('refuses to resolve without a resolution', async () => {
      const incident = await createIncident(t);
      const response = await move(t, incident.id, 'resolved').expect(409);
      expect(response.body.message).toContain('needs a resolution');
    });

    it('lets only legal and admin reopen a closed incident', async () => {
      const incident = await createIncident(t);
      await move(t, incident.id, 'resolved', { resolution: 'Done' }).expect(200);
      const closed = await move(t, incident.id, 'closed').expect(200);
      expect(closed.body.closedAt).not.toBeNull();
      const refused = await move(t, incident.id, 'monitoring', {}, cm.token).expect(403);
      expect(refused.body.message).toBe('incident move from closed to monitoring is reserved to admin or legal');
      const reopened = await move(t, incident.id, 'monitoring', {}, legal.token).expect(200);
      expect(reopened.body).toMatchObject({ state: 'monitoring', resolvedAt: null, closedAt: null });
    });

    it('refuses a move on a stale version', async () => {
      const incident = await createIncident(t);
      await move(t, incident.id, 'heated', { version: 1 }).expect(200);
      await move(t, incident.id, 'legal_threat', { version: 1 }).expect(409);
    });
  });

  describe('legal hold and deletion', () => {
    it('lets only legal and admin set a legal hold, and records it', async () => {
      const incident = await createIncident(t);
      await t.api(cm.token).post(`/api/incidents/${incident.id}/legal-hold`).send({ on: true, reason: 'Bailiff report' }).expect(403);
      const held = await t.api(legal.token).post(`/api/incidents/${incident.id}/legal-hold`).send({ on: true, reason: 'Bailiff report' }).expect(200);
      expect(held.body.legalHold).toMatchObject({ on: true, reason: 'Bailiff report', by: legal.id });
      expect((await timelineOf(t, incident.id)).at(-1)).toMatchObject({ type: 'legal_hold.changed', payload: { on: true, reason: 'Bailiff report' } });
      await t.api(legal.token).post(`/api/incidents/${incident.id}/legal-hold`).send({ on: true, reason: 'again' }).expect(409);
    });

    it('refuses to delete an incident under legal hold (API and database), and deletes it with its timeline once lifted', async () => {
      const incident = await createIncident(t);
      await t.api().post(`/api/incidents/${incident.id}/legal-hold`).send({ on: true, reason: 'Litigation expected' }).expect(200);
      const refused = await t.api().delete(`/api/incidents/${incident.id}`).expect(409);
      expect(refused.body.message).toContain('under legal hold');
      await expect(sql(t.dataSource, 'DELETE FROM incidents WHERE id = ?', [incident.id])).rejects.toThrow(/legal hold/);
      await t.api().post(`/api/incidents/${incident.id}/legal-hold`).send({ on: false, reason: 'Settled' }).expect(200);
      await t.api(legal.token).delete(`/api/incidents/${incident.id}`).expect(403);
      await t.api().delete(`/api/incidents/${incident.id}`).expect(204);
      await t.api().get(`/api/incidents/${incident.id}`).expect(404);
      expect(await sql(t.dataSource, 'SELECT id FROM timeline_events WHERE incident_id = ?', [incident.id])).toEqual([]);
    });
  });
});
