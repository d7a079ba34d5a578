import { sql, startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

/** Retention over HTTP: who may list and purge, what a bad request is told, and a purge of what the list showed. */
describe('retention', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let legal: string;
  let cm: string;

  /** A closed incident whose closing is set back `years` (the API refuses moves dated before the last one). */
  async function closed(years: number): Promise<string> {
    const incident = await f.incident();
    await f.move(incident.id, 'resolved', { reason: 'settled', resolution: 'settled amicably' });
    await f.move(incident.id, 'closed', { reason: 'done' });
    const at = new Date(Date.now() - years * 365.25 * 86_400_000);
    const stored = t.dataSource.options.type === 'postgres' ? at : at.toISOString().replace('T', ' ').replace('Z', '');
    await sql(t.dataSource, 'UPDATE incidents SET closed_at = ?, resolved_at = ? WHERE id = ?', [stored, stored, incident.id]);
    return incident.id as string;
  }

  beforeAll(async () => {
    t = await startApp();
    f = fixtures(t);
    legal = (await t.createUser('legal')).token;
    cm = (await t.createUser('community_manager')).token;
  });
  afterAll(() => t.close());

  it('lets admins alone see the due list and purge', async () => {
    for (const token of [legal, cm]) {
      await t.api(token).get('/api/retention/due').expect(403);
      await t.api(token).post('/api/retention/purge').send({ incidentIds: ['6f1d1d55-0000-4000-8000-000000000000'] }).expect(403);
    }
    await t.api(legal).get('/api/retention/removals').expect(200);
    await t.api(cm).get('/api/retention/removals').expect(403);
  });

  it('refuses a purge naming no incident, or something that is not an id, naming the field', async () => {
    for (const body of [{}, { incidentIds: [] }, { incidentIds: ['INC-2026-0001'] }]) {
      const answer = await t.api().post('/api/retention/purge').send(body).expect(400);
      expect(JSON.stringify(answer.body.message)).toContain('incidentIds');
    }
  });

  it('lists a closed incident due under the default rule, purges it when named, and refuses one not due', async () => {
    const old = await closed(7);
    const young = await closed(1);
    const due = (await t.api().get('/api/retention/due').expect(200)).body;
    expect(due.rules).toEqual([{ state: 'closed', period: 'P6Y' }]);
    expect(due.due.map((item: { incidentId: string }) => item.incidentId)).toContain(old);
    expect(due.due.map((item: { incidentId: string }) => item.incidentId)).not.toContain(young);
    const purge = (await t.api().post('/api/retention/purge').send({ incidentIds: [old, young] }).expect(200)).body;
    expect(purge.outcomes).toEqual([expect.objectContaining({ incidentId: old, status: 'purged' }), expect.objectContaining({ incidentId: young, status: 'refused', reason: 'notDue' })]);
    expect(purge.seal).toEqual({ id: expect.any(String), root: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await t.api().get(`/api/incidents/${old}`).expect(404);
    await t.api().get(`/api/incidents/${young}`).expect(200);
    const [record] = (await t.api(legal).get('/api/retention/removals').expect(200)).body;
    expect(record).toMatchObject({ incidentId: old, type: 'incident.purged', rule: { state: 'closed', period: 'P6Y' } });
    expect((await t.api(legal).post('/api/seals/verify').send({ root: purge.seal.root }).expect(200)).body).toMatchObject({ valid: true });
  });
});
