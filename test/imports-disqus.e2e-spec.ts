import { readFileSync } from 'node:fs';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident } from './helpers/fixtures.js';
import { importedComments } from './helpers/source-thread.js';

const EXPORT = readFileSync(new URL('./fixtures/sources/disqus/export.xml', import.meta.url), 'utf8');
const LINK = 'https://blog.example.com/2026/11/les-erreurs-des-debutants/';

describe('Importing a thread of a Disqus export', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const upload = (incidentId: string, xml: string, thread: string, format?: string) => {
    const request = t.api().post('/api/imports/file').field('incidentId', incidentId).field('thread', thread);
    if (format) request.field('format', format);
    return request.attach('file', Buffer.from(xml, 'utf8'), { filename: 'calumet-blog-2026-12-01T10:00:00-all.xml', contentType: 'application/xml' });
  };

  it('imports the thread named by its address, three levels deep and more, authors as parties, a threat read; a later export’s edit and deletion are seen', async () => {
    const incident = await createIncident(t);
    const first = await upload(incident.id, EXPORT, LINK, 'disqus').expect(200);
    expect(first.body).toMatchObject({ added: 14, updated: 0, deleted: 0 });
    const post = (await t.api().get(`/api/posts/${first.body.postId}`).expect(200)).body;
    expect(post).toMatchObject({ platform: 'blog', url: LINK, title: 'Les erreurs des débutants & comment les éviter' });

    const rows = await importedComments(t, incident.id);
    expect(rows.size).toBe(14);
    const row = (externalId: string) => rows.get(externalId)!;
    expect(row('5100000001').parentId).toBeNull();
    expect(row('5100000002').parentId).toBe(row('5100000001').id);
    expect(row('5100000003').parentId).toBe(row('5100000002').id);
    expect(row('5100000006').parentId).toBe(row('5100000001').id);
    expect(row('5100000011').parentId).toBe(row('5100000010').id);
    expect(row('5100000010').parentId).toBe(row('5100000009').id);
    expect(rows.has('5100000005')).toBe(false);
    expect(rows.has('5100000008')).toBe(false);
    expect(row('5100000001')).toMatchObject({ authorName: 'Jean Dupré', body: 'Article très juste. L’erreur n° 3 m’a coûté cher : j’ai payé 450 € pour rien.' });
    expect(row('5100000001').partyId).toEqual(expect.any(String));
    expect(row('5100000003').partyId).toBe(row('5100000001').partyId);
    expect(row('5100000007').partyId).toBe(row('5100000015').partyId);
    expect(row('5100000014').signals.map((signal) => signal.kind)).toContain('legal_threat');

    const later = EXPORT.replace('Le délai de livraison, surtout.', 'Le délai de livraison, surtout (corrigé).').replace(/(<post dsq:id="5100000013">[\s\S]*?<isDeleted>)false/, '$1true');
    const again = await upload(incident.id, later, '7700000002').expect(200);
    expect(again.body).toMatchObject({ postId: first.body.postId, added: 0, updated: 1, deleted: 1, unchanged: 12 });
    const after = await importedComments(t, incident.id);
    expect(after.size).toBe(14);
    expect(after.get('5100000003')).toMatchObject({ body: 'Le délai de livraison, surtout (corrigé).', status: 'edited' });
    expect(after.get('5100000003')!.revisions.map((revision) => revision.body)).toContain('Le délai de livraison, surtout.');
    expect(after.get('5100000013')!.status).toBe('deleted');
  });

  it('refuses a malformed export or a thread it does not hold with a 400 naming the field, and writes nothing', async () => {
    const incident = await createIncident(t);
    const cut = await upload(incident.id, EXPORT.slice(0, EXPORT.indexOf('<post dsq:id="5100000012">') + 80), '7700000002').expect(400);
    expect(cut.body.problems).toEqual([expect.objectContaining({ field: 'file', code: 'disqus.unclosed' })]);
    const absent = await upload(incident.id, EXPORT, 'https://blog.example.com/ailleurs/', 'disqus').expect(400);
    expect(absent.body.problems).toEqual([expect.objectContaining({ field: 'thread', code: 'disqus.noSuchThread' })]);
    expect((await importedComments(t, incident.id)).size).toBe(0);
  });
});
