import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, startApp, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';
import { startSite, type Site } from './helpers/site.js';

const UPLOAD_CAP = 64 * 1024;
const PAGE = '<html><head><title>Beginners’ mistakes</title></head><body>the article</body></html>';
const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** A real site on 127.0.0.1: a page, redirect chains, a page that never ends, one too big. */
async function evidenceSite(): Promise<Site> {
  const site = await startSite();
  site.page('/page', PAGE);
  for (let hops = 1; hops <= 6; hops++) {
    site.route(`/r/${hops}`, (_, response) => void response.writeHead(302, { location: hops > 1 ? `/r/${hops - 1}` : '/page' }).end());
  }
  site.route('/slow', (_, response) => void response.writeHead(200, { 'content-type': 'text/html' }).write('<html>'));
  site.route('/huge', (_, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 32; i++) response.write('z'.repeat(32 * 1024));
    response.end();
  });
  return site;
}

describe('evidence', () => {
  let t: TestApp;
  let f: ReturnType<typeof fixtures>;
  let site: Site;
  let base: string;
  let legal: { id: string; token: string };
  let cm: string;
  let viewer: string;
  let incident: { id: string; ref: string };

  const add = (body: Record<string, unknown>, token = legal.token, incidentId = incident.id) =>
    t.api(token).post(`/api/incidents/${incidentId}/evidence`).send(body);
  const upload = (token = legal.token, incidentId = incident.id) => t.api(token).post(`/api/incidents/${incidentId}/evidence`);

  beforeAll(async () => {
    site = await evidenceSite();
    base = site.base;
    t = await startApp({ MAX_UPLOAD_BYTES: String(UPLOAD_CAP), FETCH_TIMEOUT_MS: '500' });
    f = fixtures(t);
    legal = await t.createUser('legal');
    cm = (await t.createUser('community_manager')).token;
    viewer = (await t.createUser('viewer')).token;
    incident = await f.incident();
  });
  afterAll(async () => {
    await site.close();
    await t.close();
  });

  describe('text', () => {
    it('keeps the text with its SHA-256, size, type, capturer and links, and reads it back', async () => {
      const comment = await f.comment(incident.id, { body: 'I will take the necessary measures.' });
      const text = 'Screenshot transcript: “I will take the necessary measures.”';
      const created = (await add({ kind: 'text', text, linkedCommentId: comment.id, note: 'as seen at 10:02' }).expect(201)).body;
      expect(created).toMatchObject({
        incidentId: incident.id,
        kind: 'text',
        sourceUrl: null,
        contentType: 'text/plain; charset=utf-8',
        size: Buffer.byteLength(text),
        sha256: sha256(text),
        note: 'as seen at 10:02',
        linkedCommentId: comment.id,
        linkedNoticeId: null,
        capturedBy: legal.id,
        capturedAt: expect.any(String),
      });
      expect((await t.api(legal.token).get(`/api/evidence/${created.id}`).expect(200)).body).toEqual(created);

      const content = await t.api(legal.token).get(`/api/evidence/${created.id}/content`).expect(200);
      expect(content.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(content.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''evidence-${created.id}`);
      expect(content.text).toBe(text);

      const event = (await f.timeline(incident.id)).find((item) => item.type === 'evidence.added' && item.payload['evidenceId'] === created.id);
      expect(event?.payload).toEqual({
        evidenceId: created.id,
        kind: 'text',
        sha256: sha256(text),
        size: Buffer.byteLength(text),
        contentType: 'text/plain; charset=utf-8',
        sourceUrl: null,
        linkedCommentId: comment.id,
        linkedNoticeId: null,
      });
    });

    it.each([
      ['no text', { kind: 'text' }, 'text must be a string'],
      ['an unknown kind', { kind: 'screenshot', text: 'x' }, 'kind must be one of the following values: text, url_capture'],
      ['a url with text', { kind: 'text', text: 'x', url: 'https://example.com/' }, 'url goes with kind url_capture'],
      ['a bad comment id', { kind: 'text', text: 'x', linkedCommentId: 'c1' }, 'linkedCommentId must be a UUID'],
    ])('refuses %s with 400 naming the field', async (_, body, message) => {
      expect((await add(body).expect(400)).body.message).toEqual([expect.stringContaining(message)]);
    });

    it('refuses links to another incident’s comment or notice', async () => {
      const other = await f.incident();
      const comment = await f.comment(other.id);
      const notice = (
        await t.api(legal.token).post(`/api/incidents/${other.id}/legal-notices`).send({ type: 'other', jurisdiction: 'FR', receivedVia: 'email', receivedAt: '2026-11-02T10:00:00Z' }).expect(201)
      ).body;
      expect((await add({ kind: 'text', text: 'x', linkedCommentId: comment.id, linkedNoticeId: notice.id }).expect(400)).body.message).toEqual([
        `linkedCommentId refers to no comment of incident ${incident.ref}`,
        `linkedNoticeId refers to no legal notice of incident ${incident.ref}`,
      ]);
    });
  });

  describe('url capture', () => {
    it('fetches the page through its redirects and keeps the bytes as served', async () => {
      const created = (await add({ kind: 'url_capture', url: `${base}/r/3` }).expect(201)).body;
      expect(created).toMatchObject({
        kind: 'url_capture',
        sourceUrl: `${base}/r/3`,
        finalUrl: `${base}/page`,
        httpStatus: 200,
        contentType: 'text/html; charset=utf-8',
        size: Buffer.byteLength(PAGE),
        sha256: sha256(PAGE),
      });
      expect((await t.api(legal.token).get(`/api/evidence/${created.id}/content`).expect(200)).text).toBe(PAGE);
    });

    it('keeps an error page too, with its status (evidence that a page is gone)', async () => {
      expect((await add({ kind: 'url_capture', url: `${base}/removed` }).expect(201)).body).toMatchObject({ httpStatus: 404, sha256: sha256('no such page') });
    });

    it.each([
      ['a sixth redirect', '/r/6', `url could not be captured: BASE/r/6 redirects more than 5 times`],
      ['a page that does not finish in time', '/slow', 'url could not be captured: BASE/slow gave no complete answer within 500 ms'],
      ['a page over the size cap', '/huge', `url could not be captured: BASE/huge answers more than ${UPLOAD_CAP} bytes`],
    ])('refuses %s with 400 naming url', async (_, path, message) => {
      expect((await add({ kind: 'url_capture', url: `${base}${path}` }).expect(400)).body.message).toEqual([message.replace('BASE', base)]);
    });

    it.each(['file:///etc/passwd', 'ftp://example.com/notice.pdf', 'javascript:alert(1)', 'not a url'])('refuses %s with 400 naming url', async (url) => {
      expect((await add({ kind: 'url_capture', url }).expect(400)).body.message).toEqual(['url must be an http or https URL']);
    });
  });

  describe('file upload', () => {
    it('streams the file to the store, hashes it and keeps its name, type and links', async () => {
      const notice = (
        await t.api(legal.token).post(`/api/incidents/${incident.id}/legal-notices`).send({ type: 'bailiff_report', jurisdiction: 'FR', receivedVia: 'bailiff', receivedAt: '2026-11-02T10:00:00Z' }).expect(201)
      ).body;
      const bytes = Buffer.from(Array.from({ length: 40_000 }, (_, i) => i % 251));
      const created = (
        await upload()
          .field('linkedNoticeId', notice.id)
          .attach('file', bytes, { filename: "constat d'huissier.pdf", contentType: 'application/pdf' })
          .field('note', 'the bailiff’s report')
          .expect(201)
      ).body;
      expect(created).toMatchObject({
        kind: 'file',
        fileName: "constat d'huissier.pdf",
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        linkedNoticeId: notice.id,
        note: 'the bailiff’s report',
      });
      const content = await t.api(legal.token).get(`/api/evidence/${created.id}/content`).buffer(true).parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(Buffer.compare(content.body as Buffer, bytes)).toBe(0);
      expect(content.headers['content-disposition']).toBe("attachment; filename*=UTF-8''constat%20d%27huissier.pdf");
    });

    it('answers 413 over the upload cap, and keeps nothing', async () => {
      const before = (await t.api(legal.token).get(`/api/incidents/${incident.id}/evidence?limit=100`).expect(200)).body.items.length;
      const response = await upload().attach('file', Buffer.alloc(UPLOAD_CAP + 10_000, 7), 'big.bin').expect(413);
      expect(response.body.message).toBe(`file is larger than the upload limit of ${UPLOAD_CAP} bytes`);
      expect((await t.api(legal.token).get(`/api/incidents/${incident.id}/evidence?limit=100`).expect(200)).body.items).toHaveLength(before);
      expect(readdirSync(join(t.config.evidenceDir, 'tmp'))).toEqual([]);
    });

    it.each([
      ['no file', (request: ReturnType<typeof upload>) => request.field('note', 'forgot it'), 'file is required'],
      ['a file in another field', (request: ReturnType<typeof upload>) => request.attach('scan', Buffer.from('x'), 'x.txt'), 'send one file, in the field "file" (got another in "scan")'],
      ['a bad link', (request: ReturnType<typeof upload>) => request.attach('file', Buffer.from('x'), 'x.txt').field('linkedCommentId', 'nope'), 'linkedCommentId must be a UUID'],
      ['an unknown field', (request: ReturnType<typeof upload>) => request.attach('file', Buffer.from('x'), 'x.txt').field('colour', 'red'), 'colour is not an accepted field'],
    ])('refuses %s with 400 naming the field', async (_, build, message) => {
      expect((await build(upload()).expect(400)).body.message).toEqual([message]);
      expect(readdirSync(join(t.config.evidenceDir, 'tmp'))).toEqual([]);
    });

    it('stores the same bytes once, for two pieces of evidence', async () => {
      const [first, second] = [
        (await upload().attach('file', Buffer.from('same bytes'), 'a.txt').expect(201)).body,
        (await upload().attach('file', Buffer.from('same bytes'), 'b.txt').expect(201)).body,
      ];
      expect(first.id).not.toBe(second.id);
      expect(first.sha256).toBe(second.sha256);
      expect(readdirSync(join(t.config.evidenceDir, first.sha256.slice(0, 2))).filter((name) => name === first.sha256)).toHaveLength(1);
    });
  });

  describe('integrity', () => {
    it('fails loudly when the stored bytes were changed behind its back', async () => {
      const created = (await add({ kind: 'text', text: 'the words as they were' }).expect(201)).body;
      const path = join(t.config.evidenceDir, created.sha256.slice(0, 2), created.sha256);
      expect(existsSync(path)).toBe(true);
      chmodSync(path, 0o644);
      writeFileSync(path, 'the words as someone wished');
      const response = await t.api(legal.token).get(`/api/evidence/${created.id}/content`).expect(500);
      expect(response.body).toMatchObject({ statusCode: 500, error: 'Internal Server Error', message: `evidence ${created.id}: content does not match its recorded hash` });
      expect(response.body.problems).toEqual([expect.objectContaining({ code: 'evidence.altered' })]);
      expect(response.text).not.toContain('someone wished');
    });

    it('is never changed: the database refuses to update or delete its row while the incident exists', async () => {
      const created = (await add({ kind: 'text', text: 'fixed forever' }).expect(201)).body;
      await expect(sql(t.dataSource, 'UPDATE evidence SET note = ? WHERE id = ?', ['rewritten', created.id])).rejects.toThrow(/evidence is immutable/);
      await expect(sql(t.dataSource, 'DELETE FROM evidence WHERE id = ?', [created.id])).rejects.toThrow(/evidence is immutable/);
      expect((await t.api(legal.token).get(`/api/evidence/${created.id}`).expect(200)).body.note).toBeNull();
    });
  });

  describe('reading', () => {
    it('lists the incident’s evidence oldest first, page by page', async () => {
      const other = await f.incident();
      const ids = [];
      for (const text of ['one', 'two', 'three']) ids.push((await add({ kind: 'text', text }, legal.token, other.id).expect(201)).body.id);
      const first = (await t.api(legal.token).get(`/api/incidents/${other.id}/evidence?limit=2`).expect(200)).body;
      const second = (await t.api(legal.token).get(`/api/incidents/${other.id}/evidence?limit=2&cursor=${first.nextCursor}`).expect(200)).body;
      expect([...first.items, ...second.items].map((item: { id: string }) => item.id)).toEqual(ids);
      expect(second.nextCursor).toBeNull();
    });

    it('answers 404 for unknown ids and 400 for malformed ones', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      await t.api(legal.token).get(`/api/evidence/${unknown}`).expect(404);
      await t.api(legal.token).get(`/api/evidence/${unknown}/content`).expect(404);
      await t.api(legal.token).get(`/api/incidents/${unknown}/evidence`).expect(404);
      await add({ kind: 'text', text: 'x' }, legal.token, unknown).expect(404);
      expect((await t.api(legal.token).get('/api/evidence/42').expect(400)).body.message).toEqual(['id must be a UUID']);
    });
  });

  describe('roles', () => {
    it('is for legal and admin only: a community manager and a viewer get 403 on every evidence route', async () => {
      const created = (await add({ kind: 'text', text: 'privileged capture' }).expect(201)).body;
      for (const token of [cm, viewer]) {
        await add({ kind: 'text', text: 'x' }, token).expect(403);
        await add({ kind: 'url_capture', url: `${base}/page` }, token).expect(403);
        await upload(token).attach('file', Buffer.from('x'), 'x.txt').expect(403);
        await t.api(token).get(`/api/incidents/${incident.id}/evidence`).expect(403);
        await t.api(token).get(`/api/evidence/${created.id}`).expect(403);
        await t.api(token).get(`/api/evidence/${created.id}/content`).expect(403);
      }
      await add({ kind: 'text', text: 'by the admin' }, t.adminToken).expect(201);
    });
  });
});

describe('evidence capture with private addresses refused (FETCH_ALLOW_PRIVATE=false)', () => {
  let t: TestApp;
  let site: Site;
  let port: number;
  let incidentId: string;

  beforeAll(async () => {
    site = await evidenceSite();
    port = Number(new URL(site.base).port);
    t = await startApp({ FETCH_ALLOW_PRIVATE: 'false' });
    incidentId = (await fixtures(t).incident()).id;
  });
  afterAll(async () => {
    await site.close();
    await t.close();
  });

  it.each([
    ['127.0.0.1', '127.0.0.1 is in the loopback range'],
    ['localhost', 'localhost resolves to'],
    ['10.0.0.7', '10.0.0.7 is in the private range'],
    ['192.168.0.1', '192.168.0.1 is in the private range'],
    ['[::1]', '::1 is in the loopback range'],
  ])('refuses to fetch %s, with 400 naming url, without connecting', async (host, message) => {
    const response = await t.api().post(`/api/incidents/${incidentId}/evidence`).send({ kind: 'url_capture', url: `http://${host}:${port}/page` }).expect(400);
    expect(response.body.message).toEqual([expect.stringMatching(new RegExp(`^url could not be captured: ${message.replace(/[.[\]]/g, '\\$&')}`))]);
    expect(site.hits('/page')).toBe(0);
  });
});
