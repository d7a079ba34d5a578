import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, timelineOf } from './helpers/fixtures.js';
import { startSite } from './helpers/site.js';
import { startWordPress, type WordPress } from './helpers/wordpress.js';

type CommentRow = {
  id: string;
  parentId: string | null;
  direction: string;
  partyId: string | null;
  authorUserId: string | null;
  authorName: string | null;
  body: string;
  externalId: string;
  status: string;
  needsResponse: boolean;
  respondedById: string | null;
  revisions: Array<{ body: string }>;
  postId: string;
};

/** UTC, as WordPress stores it, `days` ago. */
const daysAgo = (days: number, hour = 10) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 11) + `${String(hour).padStart(2, '0')}:00:00`;

async function commentsOf(t: TestApp, incidentId: string): Promise<Map<string, CommentRow>> {
  const response = await t.api().get(`/api/incidents/${incidentId}/comments?limit=100`).expect(200);
  return new Map((response.body.items as CommentRow[]).map((comment) => [comment.externalId, comment]));
}

describe('WordPress import', () => {
  let t: TestApp;
  let wp: WordPress;
  let ownerId: string;
  let post: { id: number; url: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    await Promise.all([startApp().then((app) => (t = app)), startWordPress().then((blog) => (wp = blog))]);
    const owner = await t.createUser('community_manager', 'Marie Dupont');
    ownerId = owner.id;
    await t.api().patch(`/api/users/${ownerId}`).send({ handles: ['Marie D.'] }).expect(200);
    post = await wp.insertPost({ title: 'Les erreurs de débutant sur Twitter', slug: 'erreurs-de-debutant', dateGmt: daysAgo(70) });
    const founder = { author: 'Paul Martin', email: 'paul@smallco.fr', url: 'https://smallco.fr' };
    ids.old = await wp.insertComment({ post: post.id, author: 'Ancien lecteur', content: 'Très bon article, merci !', dateGmt: daysAgo(60) });
    ids.threat = await wp.insertComment({
      post: post.id,
      ...founder,
      dateGmt: daysAgo(3, 8),
      content:
        '<p>J&#8217;invoque mon droit de r&eacute;ponse. SmallCo est une marque d&eacute;pos&eacute;e&nbsp;: je demande le retrait de toute mention.</p>\n<p>Un huissier a constat&eacute; les deux articles. Nous prendrons les mesures n&eacute;cessaires.</p>',
    });
    ids.reply = await wp.insertComment({
      post: post.id,
      author: 'Marie Dupont',
      userId: wp.adminId,
      parent: ids.threat,
      dateGmt: daysAgo(3, 9),
      content: 'Toute demande doit m&#8217;être adressée par lettre recommandée avec accusé de réception.\n\nJe peux être jointe, mais pas avant jeudi.',
    });
    ids.peer = await wp.insertComment({ post: post.id, author: 'Lucie Blog', url: 'https://lucie.example', dateGmt: daysAgo(3, 11), content: 'Je connais bien Marie, ce n&#039;est pas son genre.' });
    ids.apology = await wp.insertComment({ post: post.id, ...founder, parent: ids.reply, dateGmt: daysAgo(2, 8), content: 'Je vous présente mes excuses, j&#8217;ai subi des attaques de negative SEO.' });
    ids.accept = await wp.insertComment({ post: post.id, author: 'Marie D.', parent: ids.apology, dateGmt: daysAgo(2, 9), content: 'Excuses acceptées, la hache est enterrée. L&#8217;article passera en noindex.' });
    ids.bystander = await wp.insertComment({ post: post.id, author: 'Jean', email: 'jean@example.org', parent: ids.peer, dateGmt: daysAgo(1), content: 'Tout ça pour un tweet &amp; deux articles&hellip;' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([t?.close(), wp?.close()]);
  });

  it('imports a live thread: threads kept, our replies outbound, one party per person, HTML as text', async () => {
    const incident = await createIncident(t, { ownerId });
    const response = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url }).expect(200);
    expect(response.body).toMatchObject({ added: 7, updated: 0, deleted: 0, unchanged: 0, signals: expect.any(Number) });

    const comments = await commentsOf(t, incident.id);
    const byWp = (name: string) => comments.get(String(ids[name]))!;
    expect(byWp('reply').parentId).toBe(byWp('threat').id);
    expect(byWp('apology').parentId).toBe(byWp('reply').id);
    expect(byWp('accept').parentId).toBe(byWp('apology').id);
    expect(byWp('bystander').parentId).toBe(byWp('peer').id);
    expect(byWp('threat').parentId).toBeNull();

    expect(byWp('reply')).toMatchObject({ direction: 'outbound', partyId: null, authorName: 'Marie Dupont' });
    expect(byWp('accept')).toMatchObject({ direction: 'outbound', authorUserId: ownerId });
    for (const name of ['old', 'threat', 'peer', 'apology', 'bystander']) expect(byWp(name).direction).toBe('inbound');

    expect(byWp('apology').partyId).toBe(byWp('threat').partyId);
    expect(new Set(['old', 'threat', 'peer', 'bystander'].map((name) => byWp(name).partyId)).size).toBe(4);
    const founder = await t.api().get(`/api/parties/${byWp('threat').partyId}`).expect(200);
    expect(founder.body).toMatchObject({ kind: 'person', name: 'Paul Martin', url: 'https://smallco.fr' });

    expect(byWp('threat').body).toBe(
      'J’invoque mon droit de réponse. SmallCo est une marque déposée\u00a0: je demande le retrait de toute mention.\n\nUn huissier a constaté les deux articles. Nous prendrons les mesures nécessaires.',
    );
    expect(byWp('reply').body).toBe('Toute demande doit m’être adressée par lettre recommandée avec accusé de réception.\n\nJe peux être jointe, mais pas avant jeudi.');
    expect(byWp('bystander').body).toBe('Tout ça pour un tweet & deux articles…');

    const linked = await t.api().get(`/api/incidents/${incident.id}`).expect(200);
    expect(linked.body.postIds).toEqual([response.body.postId]);
    const created = await t.api().get(`/api/posts/${response.body.postId}`).expect(200);
    expect(created.body).toMatchObject({ platform: 'blog', ownership: 'own', url: post.url, title: 'Les erreurs de débutant sur Twitter', externalId: String(post.id) });
    expect(created.body.publishedAt).toMatch(/Z$/);
  });

  it('owes no reply for an old comment nor for one already answered in the thread', async () => {
    const incident = await createIncident(t, { ownerId });
    await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url }).expect(200);
    const comments = await commentsOf(t, incident.id);
    const byWp = (name: string) => comments.get(String(ids[name]))!;
    expect(byWp('old').needsResponse).toBe(false);
    expect(byWp('threat')).toMatchObject({ needsResponse: false, respondedById: byWp('reply').id });
    expect(byWp('apology')).toMatchObject({ needsResponse: false, respondedById: byWp('accept').id });
    expect(byWp('peer').needsResponse).toBe(true);
    expect(byWp('bystander').needsResponse).toBe(true);
    const owed = await t.api().get(`/api/incidents/${incident.id}/comments?awaitingResponse=true`).expect(200);
    expect(owed.body.items.map((c: CommentRow) => c.externalId).sort()).toEqual([String(ids.peer), String(ids.bystander)].sort());
  });

  it('writes the thread in bulk with the events of adding each comment, parents first: one chain that verifies, indexed for search, replies owed reminded', async () => {
    const incident = await createIncident(t, { ownerId });
    await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url }).expect(200);
    const comments = await commentsOf(t, incident.id);
    const byWp = (name: string) => comments.get(String(ids[name]))!;

    const events = await timelineOf(t, incident.id);
    const added = events.filter((event) => event.type === 'comment.added').map((event) => event.payload);
    const order = added.map((payload) => payload['commentId']);
    expect([...order].sort()).toEqual([...comments.values()].map((comment) => comment.id).sort());
    for (const comment of comments.values()) if (comment.parentId) expect(order.indexOf(comment.parentId)).toBeLessThan(order.indexOf(comment.id));
    expect(added.find((payload) => payload['commentId'] === byWp('reply').id)).toMatchObject({ direction: 'outbound', answers: byWp('threat').id });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body).toMatchObject({ valid: true, events: events.length });

    const found = await t.api().get('/api/search').query({ q: 'hache enterrée' }).expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toContain(byWp('accept').id);
    const reminded = await t.api().get('/api/reminders').query({ incidentId: incident.id, kind: 'response_due' }).expect(200);
    expect(reminded.body.items.map((item: { subject: { id: string } }) => item.subject.id).sort()).toEqual([byWp('peer').id, byWp('bystander').id].sort());
  });

  it('re-imports idempotently: an edit becomes a revision, a trashed comment is marked deleted, a new one is added', async () => {
    const scratch = await wp.insertPost({ title: 'Billet à modifier', slug: 'billet-a-modifier' });
    const first = await wp.insertComment({ post: scratch.id, author: 'Jean', content: 'Premier jet.', dateGmt: daysAgo(1, 8) });
    const doomed = await wp.insertComment({ post: scratch.id, author: 'Troll', content: 'Message à supprimer.', dateGmt: daysAgo(1, 9) });
    const incident = await createIncident(t, { ownerId });
    await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: scratch.url }).expect(200);
    const again = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: scratch.url }).expect(200);
    expect(again.body).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 2 });

    await wp.updateComment(first, '<p>Version corrig&eacute;e.</p>');
    await wp.trashComment(doomed);
    const added = await wp.insertComment({ post: scratch.id, author: 'Nouvelle', content: 'Je découvre le fil.', dateGmt: daysAgo(0, 0) });
    const third = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: scratch.url }).expect(200);
    expect(third.body).toMatchObject({ added: 1, updated: 1, deleted: 1, unchanged: 0 });

    const comments = await commentsOf(t, incident.id);
    expect(comments.get(String(first))).toMatchObject({ body: 'Version corrigée.', status: 'edited', revisions: [{ body: 'Premier jet.' }] });
    expect(comments.get(String(doomed))).toMatchObject({ status: 'deleted', body: 'Message à supprimer.' });
    expect(comments.get(String(added))).toMatchObject({ body: 'Je découvre le fil.', direction: 'inbound' });
    const events = await timelineOf(t, incident.id);
    expect(events.filter((event) => event.type === 'comment.edited')).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ commentId: comments.get(String(first))!.id, previousBody: 'Premier jet.', body: 'Version corrigée.' }) }),
    ]);
    expect(events.find((event) => event.type === 'comment.updated')?.payload).toMatchObject({ commentId: comments.get(String(doomed))!.id, changes: { status: { from: 'visible', to: 'deleted' } } });
    expect(events.filter((event) => event.type === 'import.completed').map((event) => event.payload.added)).toEqual([2, 0, 1]);
  });

  it('imports the asked post from a real WXR export holding several posts', async () => {
    const other = await wp.insertPost({ title: 'Un autre billet', slug: 'un-autre-billet' });
    await wp.insertComment({ post: other.id, author: 'Ailleurs', content: 'Pas dans ce fil.', dateGmt: daysAgo(1) });
    const file = await wp.exportWxr();
    const incident = await createIncident(t, { ownerId });
    const response = await t
      .api()
      .post('/api/imports/wordpress/wxr')
      .field('incidentId', incident.id)
      .field('post', 'erreurs-de-debutant')
      .attach('file', file, { filename: 'export.xml', contentType: 'application/xml' })
      .expect(200);
    expect(response.body).toMatchObject({ added: 7, deleted: 0 });
    const comments = await commentsOf(t, incident.id);
    expect([...comments.keys()].sort()).toEqual(Object.values(ids).map(String).sort());
    expect(comments.get(String(ids.apology))!.partyId).toBe(comments.get(String(ids.threat))!.partyId);
    expect(comments.get(String(ids.reply))).toMatchObject({ direction: 'outbound', parentId: comments.get(String(ids.threat))!.id });
    expect(comments.get(String(ids.threat))!.body).toContain('marque déposée\u00a0: je demande');

    const byId = await t.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).field('post', String(post.id)).attach('file', file).expect(200);
    expect(byId.body).toMatchObject({ added: 0, updated: 0, deleted: 0, unchanged: 7, postId: response.body.postId });
  });

  it('reads whether the post’s comments are open, from the live blog and from its export, and the right of reply warns accordingly', async () => {
    const open = await wp.insertPost({ title: 'Commentaires ouverts', slug: 'commentaires-ouverts' });
    await wp.insertComment({ post: open.id, author: 'Lecteur', content: 'Bon article.', dateGmt: daysAgo(1) });
    const incident = await createIncident(t, { ownerId });
    const imported = (await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: open.url }).expect(200)).body as { postId: string };
    expect((await t.api().get(`/api/posts/${imported.postId}`).expect(200)).body.commentsOpen).toBe(true);
    const notice = (
      await t
        .api()
        .post(`/api/incidents/${incident.id}/legal-notices`)
        .send({ type: 'right_of_reply', jurisdiction: 'FR', receivedVia: 'registered_mail', receivedAt: new Date().toISOString(), requestedReply: 'Ma réponse.' })
        .expect(201)
    ).body as { id: string; validity: Array<{ code: string; values: Record<string, string> }> };
    expect(notice.validity).toMatchObject([{ code: 'comments_open', values: { basis: 'comment_status' } }]);

    // Comments closed on the blog since: its export says so, and the warning goes.
    await wp.php(`wp_update_post(['ID' => ${open.id}, 'comment_status' => 'closed']); return true;`);
    const file = await wp.exportWxr();
    await t.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).field('post', 'commentaires-ouverts').attach('file', file).expect(200);
    expect((await t.api().get(`/api/posts/${imported.postId}`).expect(200)).body.commentsOpen).toBe(false);
    expect((await t.api().get(`/api/legal-notices/${notice.id}`).expect(200)).body.validity).toEqual([]);
    const changed = (await timelineOf(t, incident.id)).find((event) => event.type === 'post.updated');
    expect(changed?.payload).toEqual({ postId: imported.postId, changes: { commentsOpen: { from: true, to: false } } });
  });

  it('refuses a malformed WXR file with a 400 naming the problem, and imports nothing', async () => {
    const file = await wp.exportWxr();
    const broken = `${file}.broken.xml`;
    copyFileSync(file, broken);
    const text = readFileSync(broken, 'utf8');
    writeFileSync(broken, text.replace('</wp:comment_author>', ''));
    const incident = await createIncident(t, { ownerId });
    const response = await t.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).field('post', 'erreurs-de-debutant').attach('file', broken).expect(400);
    expect(response.body.message).toEqual([expect.stringMatching(/^file: <wp:comment_author> is not closed/)]);
    expect((await commentsOf(t, incident.id)).size).toBe(0);
    expect((await t.api().get(`/api/incidents/${incident.id}`).expect(200)).body.postIds).toEqual([]);
    expect((await timelineOf(t, incident.id)).map((event) => event.type)).toEqual(['incident.created']);
  });

  it('answers 400 naming the field for an unknown post or missing fields', async () => {
    const file = await wp.exportWxr();
    const incident = await createIncident(t, { ownerId });
    const missing = await t.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).field('post', 'nope').attach('file', file).expect(400);
    expect(missing.body.message).toEqual(['file: post: the export holds no post with slug nope']);
    const noPost = await t.api().post('/api/imports/wordpress/wxr').field('incidentId', incident.id).attach('file', file).expect(400);
    expect(noPost.body.message).toEqual(expect.arrayContaining([expect.stringContaining('post')]));
    const noSlug = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: `${wp.base}/pas-de-billet/` }).expect(400);
    expect(noSlug.body.message).toEqual(['postUrl: the blog has no published post with slug pas-de-billet']);
  });

  it('takes any address at POST /api/imports: a WordPress post is read as one, an address of no known place is asked about on `source`', async () => {
    const incident = await createIncident(t, { ownerId });
    const imported = await t.api().post('/api/imports').send({ incidentId: incident.id, url: post.url }).expect(200);
    expect(imported.body).toMatchObject({ status: 'completed', source: 'rest', postId: expect.any(String) });
    expect(imported.body.added).toBeGreaterThan(0);
    const linked = await t.api().get(`/api/posts/${imported.body.postId}`).expect(200);
    expect(linked.body).toMatchObject({ platform: 'blog', ownership: 'own' });
    const completed = (await timelineOf(t, incident.id)).find((event) => event.type === 'import.completed')!;
    expect(completed.payload).toMatchObject({ source: 'rest', platform: 'blog', postId: imported.body.postId });

    // A page that is no known place and shows no WordPress API: the person is asked which place it is.
    const site = await startSite();
    try {
      site.page('/un-fil-quelque-part/', '<!doctype html><title>Un fil</title><p>Rien à voir.</p>');
      const refused = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${site.base}/un-fil-quelque-part/` }).expect(400);
      expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'source', code: 'import.unknownSource' })]);
      expect(refused.body.message[0]).toMatch(/^source: which place is .+\? Name it: WordPress, Discourse, Mastodon, Reddit, YouTube$/);
      // Named as WordPress, it is refused as WordPress would be.
      const named = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${site.base}/un-fil-quelque-part/`, source: 'wordpress' }).expect(400);
      expect(named.body.problems).toEqual([expect.objectContaining({ field: 'url', code: 'wordpress.noApi' })]);
    } finally {
      await site.close();
    }
    const unknown = await t.api().post('/api/imports').send({ incidentId: incident.id, url: post.url, source: 'myspace' }).expect(400);
    expect(unknown.body.problems).toEqual([expect.objectContaining({ field: 'source' })]);
  });

  it('takes a file at POST /api/imports/file, its kind read from its first bytes or named; a file of no known kind is asked about on `format`', async () => {
    const file = await wp.exportWxr();
    const incident = await createIncident(t, { ownerId });
    const sniffed = await t.api().post('/api/imports/file').field('incidentId', incident.id).field('thread', 'erreurs-de-debutant').attach('file', file);
    expect(sniffed.body.message).toBeUndefined();
    expect(sniffed.body).toMatchObject({ status: 'completed', source: 'wxr' });
    expect(sniffed.body.added).toBeGreaterThan(0);
    const again = await t.api().post('/api/imports/file').field('incidentId', incident.id).field('format', 'wxr').field('thread', 'erreurs-de-debutant').attach('file', file).expect(200);
    expect(again.body).toMatchObject({ added: 0, unchanged: sniffed.body.added });

    const odd = await t.api().post('/api/imports/file').field('incidentId', incident.id).field('thread', 'x').attach('file', Buffer.from('id;message\n1;bonjour\n'), 'export.csv').expect(400);
    expect(odd.body.problems).toEqual([expect.objectContaining({ field: 'format', code: 'import.unknownFormat' })]);
    const noThread = await t.api().post('/api/imports/file').field('incidentId', incident.id).field('format', 'wxr').field('thread', 'pas-de-billet').attach('file', file).expect(400);
    expect(noThread.body.problems).toEqual([expect.objectContaining({ field: 'thread', code: 'wxr.noSuchPost' })]);
    expect(noThread.body.message).toEqual(['file: thread: the export holds no post with slug pas-de-billet']);
  });
});
