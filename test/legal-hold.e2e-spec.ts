import { sql, startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

describe('legal hold', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let legal: { id: string; token: string };
  let cm: string;
  let viewer: string;

  const hold = (incidentId: string, on: boolean, token = legal.token) =>
    t.api(token).post(`/api/incidents/${incidentId}/legal-hold`).send({ on, reason: on ? 'litigation expected' : 'settled' });
  const count = async (table: string, incidentId: string) =>
    Number(((await sql(t.dataSource, `SELECT COUNT(*) AS n FROM ${table} WHERE incident_id = ?`, [incidentId])) as Array<{ n: number | string }>)[0]!.n);

  /** An incident with something of every kind under it: a comment, a notice, evidence and their timeline. */
  async function incidentWithRecords() {
    const incident = await f.incident();
    const comment = await f.comment(incident.id);
    const notice = (
      await t.api(legal.token)
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'comment', receivedAt: '2026-11-02T10:00:00Z', commentId: comment.id })
        .expect(201)
    ).body;
    const evidence = (
      await t.api(legal.token).post(`/api/incidents/${incident.id}/evidence`).send({ kind: 'text', text: 'the comment', linkedCommentId: comment.id, linkedNoticeId: notice.id }).expect(201)
    ).body;
    return { incident, comment, notice, evidence };
  }

  beforeAll(async () => {
    t = await startApp();
    f = fixtures(t);
    legal = await t.createUser('legal');
    cm = (await t.createUser('community_manager')).token;
    viewer = (await t.createUser('viewer')).token;
  });
  afterAll(() => t.close());

  it('is set and lifted by legal or admin only: a community manager and a viewer get 403', async () => {
    const incident = await f.incident();
    await hold(incident.id, true, cm).expect(403);
    await hold(incident.id, true, viewer).expect(403);
    const held = (await hold(incident.id, true).expect(200)).body;
    expect(held.legalHold).toEqual({ on: true, reason: 'litigation expected', by: legal.id, at: expect.any(String) });
    expect((await hold(incident.id, true).expect(409)).body.message).toBe('legal hold is already on');
    await hold(incident.id, false, t.adminToken).expect(200);
    expect((await f.timeline(incident.id)).filter((event) => event.type === 'legal_hold.changed').map((event) => event.payload)).toEqual([
      { on: true, reason: 'litigation expected' },
      { on: false, reason: 'settled' },
    ]);
  });

  it('refuses to delete a held incident with 409, and everything under it stays', async () => {
    const { incident, notice, evidence } = await incidentWithRecords();
    await hold(incident.id, true).expect(200);
    const response = await t.api().delete(`/api/incidents/${incident.id}`).expect(409);
    expect(response.body.message).toBe(`${incident.ref} is under legal hold: this incident cannot be deleted`);
    await t.api().get(`/api/incidents/${incident.id}`).expect(200);
    await t.api().get(`/api/legal-notices/${notice.id}`).expect(200);
    await t.api().get(`/api/evidence/${evidence.id}/content`).expect(200);
  });

  it('is enforced by the database too: a held incident, its notices, comments, evidence and timeline cannot be deleted', async () => {
    const { incident } = await incidentWithRecords();
    await hold(incident.id, true).expect(200);
    await expect(sql(t.dataSource, 'DELETE FROM incidents WHERE id = ?', [incident.id])).rejects.toThrow(/incident is under legal hold/);
    await expect(sql(t.dataSource, 'DELETE FROM legal_notices WHERE incident_id = ?', [incident.id])).rejects.toThrow(/incident is under legal hold/);
    await expect(sql(t.dataSource, 'DELETE FROM comments WHERE incident_id = ?', [incident.id])).rejects.toThrow(/incident is under legal hold/);
    await expect(sql(t.dataSource, 'DELETE FROM evidence WHERE incident_id = ?', [incident.id])).rejects.toThrow(/evidence is immutable/);
    await expect(sql(t.dataSource, 'DELETE FROM timeline_events WHERE incident_id = ?', [incident.id])).rejects.toThrow(/append-only/);
    for (const table of ['legal_notices', 'comments', 'evidence']) expect(await count(table, incident.id)).toBe(1);
  });

  it('lets the database delete a notice of an incident that is not held (only the hold protects it)', async () => {
    const incident = await f.incident();
    await t.api(legal.token)
      .post(`/api/incidents/${incident.id}/legal-notices`)
      .send({ type: 'other', direction: 'sent', jurisdiction: 'FR', sentAt: '2026-11-02T10:00:00Z' })
      .expect(201);
    await sql(t.dataSource, 'DELETE FROM legal_notices WHERE incident_id = ?', [incident.id]);
    expect(await count('legal_notices', incident.id)).toBe(0);
  });

  it('once lifted, lets an admin delete the incident with its comments, notices, evidence and timeline', async () => {
    const { incident, notice, evidence } = await incidentWithRecords();
    await hold(incident.id, true).expect(200);
    await hold(incident.id, false).expect(200);
    await t.api(legal.token).delete(`/api/incidents/${incident.id}`).expect(403);
    await t.api(cm).delete(`/api/incidents/${incident.id}`).expect(403);
    await t.api().delete(`/api/incidents/${incident.id}`).expect(204);
    await t.api().get(`/api/incidents/${incident.id}`).expect(404);
    await t.api().get(`/api/legal-notices/${notice.id}`).expect(404);
    await t.api().get(`/api/evidence/${evidence.id}`).expect(404);
    for (const table of ['legal_notices', 'comments', 'evidence', 'timeline_events']) expect(await count(table, incident.id)).toBe(0);
  });
});
