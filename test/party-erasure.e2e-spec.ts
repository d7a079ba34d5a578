import { sqliteFileText } from './helpers/database.js';
import { startApp, sql, type TestApp } from './helpers/app.js';
import { addComment, createIncident } from './helpers/fixtures.js';

/** Words no other test writes, so finding them anywhere means they were not erased. */
const NAME = 'Zéphyrine Quillbottom';
const EMAIL = 'zephyrine.quillbottom@example.org';
const SITE = 'https://quillbottom-zephyrine.example.org';
const FIRST = 'Le hibou pourpre mange des clémentines xylophoniques';
const SECOND = 'Seconde version : un ornithorynque cramoisi proteste';
/** As written, and as the full-text index folds them (lower case, no accents). */
const NEEDLES = [NAME, EMAIL, SITE, FIRST, SECOND, 'quillbottom', 'zephyrine', 'xylophoniques', 'ornithorynque', 'cramoisi'];

describe('party access and erasure (GDPR art. 15 and 17)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  /** A party who wrote in a thread, edited their message, and got an answer; a bystander in the same thread. */
  async function thread() {
    const party = (await t.api().post('/api/parties').send({ kind: 'person', name: NAME, email: EMAIL, url: SITE }).expect(201)).body as { id: string };
    const incident = await createIncident(t, { counterpartId: party.id });
    const message = await addComment(t, incident.id, { direction: 'inbound', partyId: party.id, body: FIRST });
    await t.api().patch(`/api/comments/${message.id}`).send({ body: SECOND }).expect(200);
    await addComment(t, incident.id, { direction: 'outbound', parentId: message.id, body: 'Merci, nous regardons.' });
    await addComment(t, incident.id, { direction: 'inbound', authorName: 'A bystander', body: 'Popcorn.' });
    return { party, incident, message };
  }

  /** What the database holds, byte for byte: the SQLite file and its write-ahead log; on PostgreSQL, every table that holds people's words. */
  async function stored(): Promise<string> {
    const database = t.config.database;
    if (database.type === 'sqlite') {
      return sqliteFileText(database.path);
    }
    const tables = ['parties', 'comments', 'search_documents', 'timeline_events', 'timeline_personal_values'];
    const rows = await Promise.all(tables.map((table) => t.dataSource.query(`SELECT * FROM ${table}`)));
    return JSON.stringify(rows);
  }

  const search = async (q: string) => (await t.api().get(`/api/search?q=${encodeURIComponent(q)}`).expect(200)).body.items as unknown[];

  it('erases a party who wrote in a thread: gone from the database file, from search and from the dossier; every timeline still verifies', async () => {
    const { party, incident, message } = await thread();
    const other = await createIncident(t, { title: 'Another spat' });
    const before = await stored();
    for (const needle of [NAME, EMAIL, 'xylophoniques', 'ornithorynque']) expect(before).toContain(needle);
    expect(await search('xylophoniques')).toEqual([]); // the edit replaced it in the index
    expect(await search('ornithorynque')).toHaveLength(1);
    expect(await search('Quillbottom')).not.toEqual([]);

    const erased = await t.api().post(`/api/parties/${party.id}/erase`).expect(200);
    expect(erased.body).toMatchObject({ messages: 1, values: 2, incidentIds: [incident.id], retained: [], party: { name: '[erased]', email: null, url: null, erasedAt: expect.any(String) } });

    const after = await stored();
    for (const needle of NEEDLES) expect(after).not.toContain(needle);
    for (const needle of ['Quillbottom', 'ornithorynque', 'cramoisi', 'zephyrine']) expect(await search(needle)).toEqual([]);
    const dossier = await t.api().get(`/api/incidents/${incident.id}/dossier`).expect(200);
    const page = await t.api().get(`/api/incidents/${incident.id}/dossier.html`).expect(200);
    for (const needle of NEEDLES) {
      expect(JSON.stringify(dossier.body)).not.toContain(needle);
      expect(page.text).not.toContain(needle);
    }
    expect(JSON.stringify(dossier.body)).toContain('Popcorn.');

    for (const id of [incident.id, other.id]) expect((await t.api().get(`/api/incidents/${id}/timeline/verify`).expect(200)).body).toMatchObject({ valid: true });
    const events = (await t.api().get(`/api/incidents/${incident.id}/timeline?limit=100`).expect(200)).body.items as Array<{ type: string; payload: Record<string, unknown> }>;
    expect(events.find((event) => event.type === 'comment.edited')!.payload).toMatchObject({ commentId: message.id, previousBody: '[erased]', body: '[erased]' });
    expect(events.at(-1)).toMatchObject({ type: 'party.erased', payload: { partyId: party.id, messages: 1, values: 2, retained: 0 } });
    expect((await t.api().get(`/api/comments/${message.id}`).expect(200)).body).toMatchObject({ body: '[erased]', revisions: [], signals: [], erasedAt: expect.any(String) });
    await t.api().post(`/api/parties/${party.id}/erase`).expect(409);
  });

  it('refuses a party under legal hold, with the reason, and erases nothing', async () => {
    const { party, incident } = await thread();
    const legal = await t.createUser('legal');
    await t.api(legal.token).post(`/api/incidents/${incident.id}/legal-hold`).send({ on: true, reason: 'litigation expected' }).expect(200);
    const refused = await t.api().post(`/api/parties/${party.id}/erase`).expect(409);
    expect(refused.body.message).toMatch(new RegExp(`${incident.ref} under legal hold \\(litigation expected\\)`));
    expect((await t.api().get(`/api/parties/${party.id}`).expect(200)).body).toMatchObject({ name: NAME, email: EMAIL, erasedAt: null });
    expect(await search('ornithorynque')).not.toEqual([]);
  });

  it('refuses while a legal notice naming the party is open', async () => {
    const { party, incident } = await thread();
    const legal = await t.createUser('legal');
    const notice = await t
      .api(legal.token)
      .post(`/api/incidents/${incident.id}/legal-notices`)
      .send({ type: 'formal_notice', receivedAt: new Date().toISOString(), receivedVia: 'email', jurisdiction: 'FR', senderPartyId: party.id });
    expect(notice.status).toBe(201);
    const refused = await t.api().post(`/api/parties/${party.id}/erase`).expect(409);
    expect(refused.body.message).toContain(`legal notice ${notice.body.ref as string} is open`);
  });

  it('keeps the timeline’s guards: a plain UPDATE of an event and a plain DELETE of a personal value are refused', async () => {
    const { incident } = await thread();
    await expect(sql(t.dataSource, "UPDATE timeline_events SET actor = 'mallory' WHERE incident_id = ?", [incident.id])).rejects.toThrow(/append-only/);
    await expect(sql(t.dataSource, 'DELETE FROM timeline_personal_values WHERE incident_id = ?', [incident.id])).rejects.toThrow(/erasure of their party/);
    await expect(sql(t.dataSource, "UPDATE timeline_personal_values SET value = 'forged' WHERE incident_id = ?", [incident.id])).rejects.toThrow(/never changed/);
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body).toMatchObject({ valid: true });
  });

  it('exports what Calumet holds about a party to legal and admin, as JSON and a printable page', async () => {
    const { party, incident, message } = await thread();
    const legal = await t.createUser('legal');
    const manager = await t.createUser('community_manager');
    await t.api(manager.token).get(`/api/parties/${party.id}/export`).expect(403);
    await t.api(legal.token).post(`/api/parties/${party.id}/erase`).expect(403);
    const exported = (await t.api(legal.token).get(`/api/parties/${party.id}/export`).expect(200)).body;
    expect(exported).toMatchObject({
      party: { id: party.id, name: NAME, email: EMAIL, url: SITE },
      incidents: [{ id: incident.id, ref: incident.ref, names: expect.arrayContaining(['comments.party_id', 'incidents.counterpart_id']) }],
      messages: [{ id: message.id, body: SECOND, revisions: [{ body: FIRST }] }],
      timeline: [expect.objectContaining({ type: 'comment.edited', field: 'body', value: SECOND }), expect.objectContaining({ type: 'comment.edited', field: 'previousBody', value: FIRST })],
      erasures: [],
    });
    const page = await t.api(legal.token).get(`/api/parties/${party.id}/export.html`).set('Accept-Language', 'fr').expect(200);
    expect(page.text).toContain(`Ce que Calumet détient sur ${NAME}`);
    expect(page.text).toContain('ornithorynque cramoisi');
  });
});
