import { startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

/** People type dates without an offset: they mean the desk's time zone (CALUMET_TZ), never UTC. */
describe('dates typed without an offset', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  beforeAll(async () => {
    t = await startApp({ CALUMET_TZ: 'Europe/Paris' });
    f = fixtures(t);
  });
  afterAll(() => t.close());

  it('gives a right of reply received at 23:30 in Paris its deadline three days after that Paris day, not a day late', async () => {
    const incident = await f.incident();
    const notice = await t
      .api()
      .post(`/api/incidents/${incident.id}/legal-notices`)
      .send({ type: 'right_of_reply', direction: 'received', jurisdiction: 'FR', receivedVia: 'registered_mail', receivedAt: '2026-11-30T23:30:00' })
      .expect(201);
    expect(notice.body.receivedAt).toBe('2026-11-30T22:30:00.000Z');
    // 3 calendar days from 30 November (Paris): the end of 3 December, Paris time.
    expect(notice.body.respondBy).toBe('2026-12-03T22:59:59.999Z');
  });

  it('reads a comment logged after the fact, a reminder and a commitment in the desk’s zone too', async () => {
    const incident = await f.incident();
    const comment = await f.comment(incident.id, { postedAt: '2026-11-30T09:15' });
    const stored = (await t.api().get(`/api/comments/${comment.id}`).expect(200)).body;
    expect(stored.postedAt).toBe('2026-11-30T08:15:00.000Z');
    const reminder = await t.api().post('/api/reminders').send({ incidentId: incident.id, dueAt: '2030-07-02T09:00', note: 'call back' }).expect(201);
    expect(reminder.body.dueAt).toBe('2030-07-02T07:00:00.000Z');
    const commitment = await t
      .api()
      .post(`/api/incidents/${incident.id}/commitments`)
      .send({ kind: 'call_back', description: 'Call the founder', notBefore: '2030-12-03' })
      .expect(201);
    expect(commitment.body.notBefore).toBe('2030-12-02T23:00:00.000Z');
  });

  it('says so in the OpenAPI description of every date-time a request takes', async () => {
    const document = (await t.anonymous().get('/docs-json').expect(200)).body;
    const schemas = document.components.schemas as Record<string, { properties?: Record<string, { description?: string }> }>;
    for (const [schema, field] of [
      ['RecordNoticeDto', 'receivedAt'],
      ['CreateCommentDto', 'postedAt'],
      ['CreateReminderDto', 'dueAt'],
    ]) {
      expect({ schema, field, description: schemas[schema!]!.properties![field!]!.description }).toEqual({
        schema,
        field,
        description: expect.stringContaining('without an offset (2026-11-30T23:30) is read in CALUMET_TZ'),
      });
    }
  });
});
