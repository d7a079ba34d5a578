import { readFileSync } from 'node:fs';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident } from './helpers/fixtures.js';
import { mastodonThread, startMastodon, type MastodonServer, type Status } from './helpers/mastodon.js';
import { importedComments } from './helpers/source-thread.js';
import { waitFor } from './helpers/wait-for.js';
import { signedIn } from './web/web-helpers.js';

const ROOT = '113500000000000100';
const id = (n: number) => `1135000000000001${String(n).padStart(2, '0')}`;
const note = (n: number) => `1136000000000002${String(n).padStart(2, '0')}`;
const ME = 'https://toot.example/users/cafe_calumet';
const OUTBOX = readFileSync(new URL('./fixtures/sources/outbox/outbox.json', import.meta.url), 'utf8');

describe('Mastodon import', () => {
  let t: TestApp;
  let server: MastodonServer;
  let owner: { id: string; token: string };

  beforeAll(async () => {
    await Promise.all([
      startApp({ CALUMET_ROLES: 'api,worker', WATCH_INTERVAL: 'PT2S' }).then((app) => (t = app)),
      startMastodon(mastodonThread().statuses).then((started) => (server = started)),
    ]);
    owner = await t.createUser('community_manager', 'Claire Martin');
    await t.api().patch(`/api/users/${owner.id}`).send({ handles: ['Café Calumet', 'cafe_calumet@toot.example'] }).expect(200);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([t?.close(), server?.close()]);
  });

  const commentsOf = (incidentId: string) => importedComments(t, incidentId);

  it('imports a status’s whole conversation from its address, threads, authors and signals kept; again after an edit and a deletion, nothing twice', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const first = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${server.base}/users/helene/statuses/${id(3)}` }).expect(200);
    expect(first.body).toMatchObject({ added: 13, updated: 0, deleted: 0 });

    const post = await t.api().get(`/api/posts/${first.body.postId}`).expect(200);
    expect(post.body).toMatchObject({ platform: 'mastodon', ownership: 'own', url: `${server.base}/@cafe_calumet/${ROOT}`, externalId: ROOT });
    const comments = await commentsOf(incident.id);
    expect(comments.size).toBe(13);
    const parent = (n: number) => comments.get(id(n))!.parentId;
    expect([1, 4, 5, 8].map(parent)).toEqual([null, null, null, null]);
    expect([2, 3, 11, 6, 7, 9, 10, 12, 13].map(parent)).toEqual([1, 2, 4, 5, 6, 8, 9, 8, 12].map((n) => comments.get(id(n))!.id));
    expect([2, 6, 12].map((n) => comments.get(id(n))!.direction)).toEqual(['outbound', 'outbound', 'outbound']);
    expect(comments.get(id(1))).toMatchObject({ direction: 'inbound', authorName: 'Hélène Dubois', body: 'La crème brûlée était froide au centre, très déçue. Et vingt-cinq minutes d’attente pour un café.' });
    expect(comments.get(id(5))!.body).toBe('Ça a l’air délicieux !\nVous êtes ouverts le dimanche ?');
    // One party per account: Hélène, bruno, Zoé and Marc-Antoine.
    const inbound = [...comments.values()].filter((comment) => comment.direction === 'inbound');
    expect(new Set(inbound.map((comment) => comment.partyId)).size).toBe(4);
    expect(comments.get(id(9))!.partyId).toBe(comments.get(id(1))!.partyId);
    const zoe = await t.api().get(`/api/parties/${comments.get(id(5))!.partyId}`).expect(200);
    expect(zoe.body).toMatchObject({ name: 'Zoé ☕', url: 'https://autre.example/@zoe' });
    expect(comments.get(id(10))!.signals.map((signal) => signal.kind)).toContain('legal_threat');

    const edited = mastodonThread().statuses.find((status) => status.id === id(11))!;
    server.put({ ...edited, content: '<p>Et les croissants sont toujours aussi bons.</p><p>Sauf ce matin : brûlés.</p>', edited_at: new Date().toISOString() } as Status);
    server.remove(id(7));
    const again = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${server.base}/@cafe_calumet/${ROOT}` }).expect(200);
    expect(again.body).toMatchObject({ postId: first.body.postId, added: 0, updated: 1, deleted: 1, unchanged: 11 });
    const after = await commentsOf(incident.id);
    expect(after.size).toBe(13);
    expect(after.get(id(11))).toMatchObject({
      status: 'edited',
      body: 'Et les croissants sont toujours aussi bons.\n\nSauf ce matin : brûlés.',
      revisions: [{ body: 'Et les croissants sont toujours aussi bons.\n\nMention spéciale au pain au chocolat.' }],
    });
    expect(after.get(id(7))).toMatchObject({ status: 'deleted', body: '@cafe_calumet Parfait, à dimanche ! 🥐' });
    server.put(mastodonThread().statuses.find((status) => status.id === id(7))!);
    server.put(edited);
  });

  it('checks a promised removal of a status with the server itself: still shown fails, gone passes, each said at the desk in the reader’s language', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${server.base}/@cafe_calumet/${ROOT}` }).expect(200);
    const target = (await t.api().get(`/api/incidents/${incident.id}/comments?limit=100`).expect(200)).body.items.find((comment: { externalId: string }) => comment.externalId === id(9)) as { url: string };
    expect(target.url).toEqual(expect.stringContaining(id(9)));
    const commitment = (
      await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'remove_content', description: 'Retirer la réponse', targetUrl: target.url }).expect(201)
    ).body;
    const original = mastodonThread().statuses.find((status) => status.id === id(9))!;
    try {
      const shown = await t.api().post(`/api/commitments/${commitment.id}/verify`).expect(200);
      expect(shown.body).toMatchObject({ verdict: 'fail', httpStatus: null, detail: `mastodon still shows message ${id(9)}`, reason: { place: 'mastodon', code: 'shown', values: { id: id(9) } } });
      server.remove(id(9));
      const gone = await t.api().post(`/api/commitments/${commitment.id}/verify`).expect(200);
      expect(gone.body).toMatchObject({ verdict: 'pass', reason: { place: 'mastodon', code: 'gone', values: { id: id(9) } } });
    } finally {
      server.put(original);
    }
    const desk = await signedIn(t, 'community_manager');
    const reasons = async (language: string) =>
      [...(await desk.agent.get(`/incidents/${incident.id}`).set('Accept-Language', language).expect(200)).text.matchAll(/data-testid="check-reason">([^<]*)</g)].map(([, said]) => said);
    expect(await reasons('fr')).toEqual(expect.arrayContaining([`Mastodon (fédivers) montre encore le message ${id(9)}`, `Mastodon (fédivers) ne montre plus le message ${id(9)}`]));
    expect(await reasons('en')).toEqual(expect.arrayContaining([`Mastodon (fediverse) still shows message ${id(9)}`, `Mastodon (fediverse) no longer shows message ${id(9)}`]));
  });

  it('refuses a status the server no longer shows, on url, and writes nothing', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const response = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${server.base}/@bruno/${id(14)}` }).expect(400);
    expect(response.body.problems).toEqual([expect.objectContaining({ field: 'url', code: 'mastodon.noStatus' })]);
    expect((await commentsOf(incident.id)).size).toBe(0);
  });

  it('imports a thread from an account archive’s outbox.json, and again from the archive of a week later with a note edited and one deleted', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const upload = (file: string, format?: string) => {
      const request = t.api().post('/api/imports/file').field('incidentId', incident.id).field('thread', `https://toot.example/@cafe_calumet/${note(0)}`);
      return (format ? request.field('format', format) : request).attach('file', Buffer.from(file), { filename: 'outbox.json', contentType: 'application/json' });
    };
    const first = await upload(OUTBOX, 'outbox').expect(200);
    expect(first.body).toMatchObject({ added: 12, updated: 0, deleted: 0 });
    const post = await t.api().get(`/api/posts/${first.body.postId}`).expect(200);
    expect(post.body).toMatchObject({ platform: 'mastodon', ownership: 'own', url: `https://toot.example/@cafe_calumet/${note(0)}`, externalId: note(0) });
    const comments = await commentsOf(incident.id);
    expect([...comments.values()].every((comment) => comment.direction === 'outbound')).toBe(true);
    const parent = (n: number) => comments.get(note(n))!.parentId;
    expect([10, 20].map(parent)).toEqual([null, null]);
    expect([11, 12, 13, 14, 17, 18, 19, 21].map(parent)).toEqual([10, 11, 12, 13, 10, 17, 15, 20].map((n) => comments.get(note(n))!.id));
    expect(comments.get(note(12))!.body).toBe('3/5 Nous avons choisi de garder nos fournisseurs locaux, à Mâcon et à Cluny.');

    const later = OUTBOX.replace('Promis, juré.', 'Promis, juré, craché.').replace(/,\{"id":"[^"]+statuses\/113600000000000218\/activity".*?"items":\[\]\}\}\}\}/, '');
    expect(later).not.toContain('113600000000000218');
    const again = await upload(later).expect(200);
    expect(again.body).toMatchObject({ postId: first.body.postId, added: 0, updated: 1, deleted: 1, unchanged: 10 });
    const after = await commentsOf(incident.id);
    expect(after.get(note(20))).toMatchObject({ status: 'edited', revisions: [{ body: 'Mise à jour : les prix du déjeuner, eux, ne bougent pas avant janvier. Promis, juré.' }] });
    expect(after.get(note(18))!.status).toBe('deleted');
  });

  it('refuses an outbox note the file does not hold, on thread', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const response = await t
      .api()
      .post('/api/imports/file')
      .field('incidentId', incident.id)
      .field('format', 'outbox')
      .field('thread', `${ME}/statuses/1`)
      .attach('file', Buffer.from(OUTBOX), { filename: 'outbox.json', contentType: 'application/json' })
      .expect(400);
    expect(response.body.problems).toEqual([expect.objectContaining({ field: 'thread', code: 'outbox.noSuchNote' })]);
  });

  it('watches the thread: a new reply comes in within an interval and is on the owner’s Today as a reply owed', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const imported = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${server.base}/@cafe_calumet/${ROOT}`, watch: true }).expect(200);
    expect(imported.body.added).toBe(13);

    const helene = mastodonThread().statuses.find((status) => status.id === id(1))!;
    const root = mastodonThread().root;
    const fresh: Status = {
      ...helene,
      id: id(40),
      created_at: new Date().toISOString(),
      in_reply_to_id: ROOT,
      in_reply_to_account_id: root.account.id,
      edited_at: null,
      replies_count: 0,
      uri: `https://toot.example/users/helene/statuses/${id(40)}`,
      url: `https://toot.example/@helene/${id(40)}`,
      content: '<p>Toujours pas de réponse à mon message privé. Je reviendrai jeudi.</p>',
    };
    server.put({ ...root, replies_count: root.replies_count + 1 });
    server.put(fresh);

    const comment = await waitFor('the watch to bring the new reply in', async () => (await commentsOf(incident.id)).get(id(40)));
    expect(comment).toMatchObject({ direction: 'inbound', parentId: null, needsResponse: true, body: 'Toujours pas de réponse à mon message privé. Je reviendrai jeudi.' });
    const today = (await t.api(owner.token).get('/api/me/agenda').expect(200)).body as { items: Array<{ kind: string; subjectId: string; incidentId: string }> };
    expect(today.items.filter((item) => item.subjectId === comment.id).map((item) => [item.kind, item.incidentId])).toContainEqual(['reply', incident.id]);
  });
});
