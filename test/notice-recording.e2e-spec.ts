import { startApp, type TestApp } from './helpers/app.js';
import { createIncident } from './helpers/fixtures.js';

/** Recording a notice through the API as the desk does: its new parties in one go, and no date of it in the future. */
describe('recording a legal notice', () => {
  let t: TestApp;
  let legal: string;

  beforeAll(async () => {
    t = await startApp();
    legal = (await t.createUser('legal')).token;
  });
  afterAll(() => t.close());

  const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();
  const letter = (fields: Record<string, unknown> = {}) => ({ type: 'formal_notice', receivedVia: 'registered_mail', receivedAt: inDays(-1), jurisdiction: 'FR', ...fields });
  const post = (incidentId: string, body: Record<string, unknown>) => t.api(legal).post(`/api/incidents/${incidentId}/legal-notices`).send(body);

  it('records a new counsel with the notice and names it', async () => {
    const incident = await createIncident(t);
    const created = await post(incident.id, letter({ counselParty: { kind: 'person', name: 'Maître Durand', email: 'durand@avocats.example' } })).expect(201);
    const party = (await t.api().get(`/api/parties/${created.body.counselPartyId}`).expect(200)).body;
    expect(party).toMatchObject({ name: 'Maître Durand', email: 'durand@avocats.example', kind: 'person' });
  });

  it.each([
    ['receivedAt', { receivedAt: inDays(3) }],
    ['sentAt', { sentAt: inDays(3) }],
    ['registeredMail.acknowledgedAt', { registeredMail: { acknowledgedAt: inDays(2) } }],
    ['registeredMail.sentAt', { registeredMail: { sentAt: inDays(2) } }],
    ['contentPublishedAt', { contentPublishedAt: inDays(2) }],
  ])('refuses %s in the future with a 400 naming it, and records nothing', async (field, fields) => {
    const incident = await createIncident(t);
    const refused = await post(incident.id, letter(fields)).expect(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ field, code: 'validation.notInFuture' })]);
    expect((await t.api().get(`/api/legal-notices?incidentId=${incident.id}`).expect(200)).body.items).toEqual([]);
  });

  it('refuses a receipt acknowledged before its letter was sent, naming the field, and records nothing', async () => {
    const incident = await createIncident(t);
    const refused = await post(incident.id, letter({ registeredMail: { trackingNumber: '1A 234', sentAt: inDays(-2), acknowledgedAt: inDays(-5) } })).expect(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'registeredMail.acknowledgedAt', code: 'notice.acknowledgedBeforeSent' })]);
    expect((await t.api().get(`/api/legal-notices?incidentId=${incident.id}`).expect(200)).body.items).toEqual([]);
    await post(incident.id, letter({ registeredMail: { trackingNumber: '1A 234', sentAt: inDays(-5), acknowledgedAt: inDays(-2) } })).expect(201);
  });

  it('refuses a date moved into the future on an existing notice', async () => {
    const incident = await createIncident(t);
    const created = await post(incident.id, letter()).expect(201);
    const refused = await t.api(legal).patch(`/api/legal-notices/${created.body.id}`).send({ receivedAt: inDays(5) }).expect(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'receivedAt', code: 'validation.notInFuture' })]);
  });

  it('takes a date of today, typed without an offset (read in CALUMET_TZ)', async () => {
    const incident = await createIncident(t);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    await post(incident.id, letter({ receivedAt: today, registeredMail: { acknowledgedAt: today, trackingNumber: '1A00' } })).expect(201);
  });
});
