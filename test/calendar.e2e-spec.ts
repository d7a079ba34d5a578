import ICAL from 'ical.js';
import { LegalNotice } from '../src/legal-notices/legal-notice.entity.js';
import { PrescriptionMark } from '../src/prescriptions/prescription-mark.entity.js';
import { startApp, sql, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';

interface Parsed {
  uid: string;
  summary: string;
  description: string;
  url: string;
  start: ICAL.Time;
  end: ICAL.Time;
  sequence: number;
  lastModified: string;
}

/** The feed read by a real iCalendar parser (ical.js), its events by UID. */
function parse(text: string): { name: string; events: Map<string, Parsed> } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map<string, Parsed>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    events.set(event.uid, {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: String(vevent.getFirstPropertyValue('url')),
      start: event.startDate,
      end: event.endDate,
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      lastModified: String(vevent.getFirstPropertyValue('last-modified')),
    });
  }
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

describe('calendar feeds', () => {
  const PUBLIC_URL = 'https://calumet.example.org';
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let zoe: { id: string; token: string };
  let olga: { id: string; token: string };
  let legal: string;

  const issue = async (token: string): Promise<string> => {
    const response = await t.api(token).post('/api/me/calendar').expect(200);
    expect(response.body.url).toMatch(new RegExp(`^${PUBLIC_URL}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    return new URL(response.body.url as string).pathname;
  };
  const read = async (path: string) => {
    const response = await t.anonymous().get(path).expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    return parse(response.text);
  };
  const notice = async (incidentId: string) =>
    (
      await t
        .api(legal)
        .post(`/api/incidents/${incidentId}/legal-notices`)
        .send({ type: 'formal_notice', receivedVia: 'email', receivedAt: '2026-11-02T10:00:00+01:00', jurisdiction: 'FR' })
        .expect(201)
    ).body as { id: string; ref: string; respondBy: string };

  beforeAll(async () => {
    t = await startApp({ PUBLIC_URL, CALUMET_TZ: 'Europe/Paris' });
    f = fixtures(t);
    zoe = await t.createUser('community_manager', 'Zoé Élodie Müller');
    olga = await t.createUser('community_manager', 'Olga Other');
    legal = (await t.createUser('legal')).token;
    await t.api(zoe.token).patch('/api/me').send({ locale: 'fr' }).expect(200);
  });
  afterAll(() => t.close());

  it('holds the person’s legal deadlines, commitments due and follow-ups, in their language, and none of another person’s', async () => {
    const incident = await f.incident({ ownerId: zoe.id, title: 'Querelle « café » à Noël' });
    const theirs = await f.incident({ ownerId: olga.id, title: 'Olga’s own spat' });
    const deadline = await notice(incident.id);
    const elsewhere = await notice(theirs.id);
    const commitment = (
      await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'call_back', description: 'Rappeler la fondatrice, déçue', promisedAt: '2026-12-01T09:00:00Z', dueAt: '2026-12-15T09:30:00Z' }).expect(201)
    ).body;
    const followUp = (await t.api().post('/api/reminders').send({ incidentId: incident.id, dueAt: '2030-12-20T08:00:00Z', note: 'Vérifier la réponse', recipientUserId: zoe.id }).expect(201)).body;
    await t.api().post(`/api/incidents/${theirs.id}/commitments`).send({ kind: 'call_back', description: 'Olga calls back', promisedAt: '2026-12-01T09:00:00Z', dueAt: '2026-12-16T09:30:00Z' }).expect(201);

    const feed = await read(await issue(zoe.token));
    expect(feed.name).toBe('Calumet\u202f: Zoé Élodie Müller');
    expect([...feed.events.keys()].sort()).toEqual([`commitment-${commitment.id}@calumet.example.org`, `notice-${deadline.id}@calumet.example.org`, `reminder-${followUp.id}@calumet.example.org`].sort());
    expect(feed.events.has(`notice-${elsewhere.id}@calumet.example.org`)).toBe(false);

    // respondBy is the last millisecond of a day in Paris: an all-day event on that day.
    expect(deadline.respondBy).toBe('2026-11-10T22:59:59.999Z');
    const legalEvent = feed.events.get(`notice-${deadline.id}@calumet.example.org`)!;
    expect(legalEvent).toMatchObject({ summary: `Délai légal\u202f: ${deadline.ref}, Mise en demeure`, url: `${PUBLIC_URL}/legal-notices/${deadline.id}` });
    expect([legalEvent.start.isDate, legalEvent.start.toString(), legalEvent.end.toString()]).toEqual([true, '2026-11-10', '2026-11-11']);
    expect(legalEvent.description).toContain(`${incident.ref}\u202f: Querelle « café » à Noël`);

    // A commitment's dueAt at a time of day: a timed event at that moment, in UTC.
    const promise = feed.events.get(`commitment-${commitment.id}@calumet.example.org`)!;
    expect(promise.summary).toBe('Engagement à tenir\u202f: Rappeler la fondatrice, déçue');
    expect(promise.start.isDate).toBe(false);
    expect(promise.start.toJSDate().toISOString()).toBe('2026-12-15T09:30:00.000Z');
    expect(promise.url).toBe(`${PUBLIC_URL}/incidents/${incident.id}`);
    expect(feed.events.get(`reminder-${followUp.id}@calumet.example.org`)!.summary).toBe('Relance\u202f: Vérifier la réponse');

    // Olga's feed holds hers only, in English.
    const hers = await read(await issue(olga.token));
    expect([...hers.events.keys()]).toEqual([`notice-${elsewhere.id}@calumet.example.org`, expect.stringMatching(/^commitment-/)]);
    expect(hers.events.get(`notice-${elsewhere.id}@calumet.example.org`)!.summary).toBe(`Legal deadline: ${elsewhere.ref}, Formal notice`);
  });

  it('replaces an event when its deadline moves: same UID, new date, higher SEQUENCE and LAST-MODIFIED', async () => {
    const incident = await f.incident({ ownerId: zoe.id });
    const deadline = await notice(incident.id);
    // Recorded an hour ago: the change below is then later to the second, as SEQUENCE and LAST-MODIFIED count.
    await t.write((manager) => manager.update(LegalNotice, { id: deadline.id }, { updatedAt: new Date(Date.now() - 3_600_000) }));
    const path = await issue(zoe.token);
    const uid = `notice-${deadline.id}@calumet.example.org`;
    const before = (await read(path)).events.get(uid)!;

    await t.api(legal).patch(`/api/legal-notices/${deadline.id}`).send({ respondBy: '2026-11-30T17:00:00Z', respondByReason: 'extension agreed with counsel' }).expect(200);
    const after = (await read(path)).events;
    expect([...after.keys()].filter((key) => key === uid)).toHaveLength(1);
    const moved = after.get(uid)!;
    expect(moved.start.isDate).toBe(false);
    expect(moved.start.toJSDate().toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(moved.sequence).toBeGreaterThan(before.sequence);
    expect(moved.lastModified > before.lastModified).toBe(true);
  });

  it('holds the press-law prescriptions of the person’s incidents as all-day events, moved by a new ground and gone once unmarked', async () => {
    const incident = await f.incident({ ownerId: zoe.id, title: 'Propos injurieux' });
    const theirs = await f.incident({ ownerId: olga.id });
    const comment = await f.comment(incident.id, { postedAt: '2026-11-20T10:00:00+01:00', body: 'Cette blogueuse est une menteuse.' });
    const other = await f.comment(theirs.id, { postedAt: '2026-11-20T10:00:00+01:00' });
    const marked = (await t.api().post(`/api/incidents/${incident.id}/prescriptions`).send({ subjectType: 'comment', subjectId: comment.id, offence: 'insult' }).expect(201)).body;
    const elsewhere = (await t.api().post(`/api/incidents/${theirs.id}/prescriptions`).send({ subjectType: 'comment', subjectId: other.id, offence: 'insult' }).expect(201)).body;
    // Marked an hour ago: the change below is then later to the second, as SEQUENCE and LAST-MODIFIED count.
    await t.write((manager) => manager.update(PrescriptionMark, { id: marked.id }, { updatedAt: new Date(Date.now() - 3_600_000) }));
    const path = await issue(zoe.token);
    const uid = `prescription-${marked.id}@calumet.example.org`;
    const feed = await read(path);
    expect(feed.events.has(`prescription-${elsewhere.id}@calumet.example.org`)).toBe(false);
    const event = feed.events.get(uid)!;
    expect(event.summary).toBe(`Prescription (loi de 1881)\u202f: ${incident.ref}, Injure`);
    expect(event.description).toContain('mise en demeure');
    expect([event.start.isDate, event.start.toString(), event.end.toString()]).toEqual([true, '2027-02-20', '2027-02-21']);

    await t.api().patch(`/api/prescriptions/${marked.id}`).send({ ground: 'religion' }).expect(200);
    const moved = (await read(path)).events.get(uid)!;
    expect([moved.start.toString(), moved.sequence > event.sequence, moved.lastModified > event.lastModified]).toEqual(['2027-11-20', true, true]);

    await t.api().post(`/api/prescriptions/${marked.id}/remove`).send({ reason: 'Pas injurieux, tout bien pesé' }).expect(200);
    expect((await read(path)).events.has(uid)).toBe(false);
  });

  it('kills the old address on renewal and the address on turning off (404), and answers 404 for an unknown secret', async () => {
    const old = await issue(zoe.token);
    const renewed = await issue(zoe.token);
    expect(renewed).not.toBe(old);
    const gone = await t.anonymous().get(old).expect(404);
    expect(gone.body).toMatchObject({ statusCode: 404, message: 'no calendar feed has this address' });
    await read(renewed);

    await t.api(zoe.token).delete('/api/me/calendar').expect(204);
    await t.anonymous().get(renewed).expect(404);
    await t.anonymous().get(`/calendar/${'A'.repeat(43)}.ics`).expect(404);
    await t.anonymous().get('/calendar/not-a-secret').expect(404);
    await t.anonymous().post('/api/me/calendar').expect(401);
  });

  it('keeps only the hash of the secret', async () => {
    const path = await issue(olga.token);
    const secret = path.slice('/calendar/'.length, -'.ics'.length);
    const rows = (await sql(t.dataSource, 'SELECT secret_hash FROM calendar_feeds WHERE user_id = ?', [olga.id])) as Array<{ secret_hash: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.secret_hash).not.toContain(secret);
  });
});
