import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, timelineOf } from './helpers/fixtures.js';
import { importedComments } from './helpers/source-thread.js';
import { startRedditSite, type RedditSite } from './helpers/reddit-site.js';

describe('Reddit import', () => {
  let t: TestApp;
  let site: RedditSite;
  let owner: { id: string; token: string };

  beforeAll(async () => {
    t = await startApp();
    owner = await t.createUser('community_manager', 'Camille Berthe');
    await t.api().patch(`/api/users/${owner.id}`).send({ handles: ['maison_berthe'] }).expect(200);
  }, 60_000);
  beforeEach(async () => {
    site = await startRedditSite();
  });
  afterEach(() => site.close());
  afterAll(() => t?.close());

  it('imports a post by its address with every comment, those behind `more` too: threaded by parent_id, ours outbound (an apology and an offer to talk read), one party per person, accents kept', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const response = await t.api().post('/api/imports').send({ incidentId: incident.id, url: site.postUrl }).expect(200);
    expect(response.body).toMatchObject({ added: 16, updated: 0, deleted: 0, unchanged: 0 });

    const comments = await importedComments(t, incident.id);
    const comment = (id: string) => comments.get(id)!;
    expect(comments.size).toBe(16);
    expect(comment('mkv0a01').parentId).toBeNull();
    expect(comment('mkv0b02').parentId).toBe(comment('mkv0a01').id);
    expect(comment('mkv0c03').parentId).toBe(comment('mkv0b02').id);
    expect(comment('mkv0d04').parentId).toBe(comment('mkv0c03').id);
    expect(comment('mkv0q17').parentId).toBe(comment('mkv0p16').id);
    expect(comment('mkv0r18').parentId).toBe(comment('mkv0j10').id);
    expect(comment('mkv0f06').parentId).toBeNull();
    expect(comments.has('mkv0e05')).toBe(false);
    expect(comments.has('mkv0g07')).toBe(false);

    expect(comment('mkv0b02')).toMatchObject({ direction: 'outbound', partyId: null, authorName: 'maison_berthe' });
    expect(comment('mkv0b02').signals.map((signal) => signal.kind)).toEqual(expect.arrayContaining(['apology', 'contact_offer']));
    expect(comment('mkv0a01')).toMatchObject({ direction: 'inbound', authorName: 'tonton_flingueur' });
    expect(comment('mkv0c03').partyId).toBe(comment('mkv0a01').partyId);
    expect(new Set(['mkv0a01', 'mkv0h08', 'mkv0i09', 'mkv0k11'].map((id) => comment(id).partyId)).size).toBe(4);
    const lucie = await t.api().get(`/api/parties/${comment('mkv0h08').partyId}`).expect(200);
    expect(lucie.body).toMatchObject({ kind: 'person', name: 'lucie_croix_rousse' });
    expect(comment('mkv0h08').body).toBe('Moi j’y vais depuis dix ans, jamais eu de souci.\n\nLeur pain au levain est génial, franchement.');

    const created = await t.api().get(`/api/posts/${response.body.postId}`).expect(200);
    expect(created.body).toMatchObject({
      platform: 'reddit',
      ownership: 'third_party',
      url: site.postUrl,
      title: 'Boulangerie Berthe rue Mercière : mon avis après trois commandes ratées',
      externalId: '1h2x9qz',
    });
  });

  it('imports it again after an edit and a deletion: nothing duplicated, the edit a revision, the deleted comment marked deleted', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    await t.api().post('/api/imports').send({ incidentId: incident.id, url: site.postUrl }).expect(200);
    site.edit('mkv0l12', 'Oui, Villeurbanne et Caluire sont livrées du mardi au samedi.');
    site.remove('mkv0c03');

    const again = await t.api().post('/api/imports').send({ incidentId: incident.id, url: site.postUrl }).expect(200);

    expect(again.body).toMatchObject({ added: 0, updated: 1, deleted: 1, unchanged: 14 });
    const comments = await importedComments(t, incident.id);
    expect(comments.size).toBe(16);
    expect(comments.get('mkv0l12')).toMatchObject({
      status: 'edited',
      body: 'Oui, Villeurbanne et Caluire sont livrées du mardi au samedi.',
      revisions: [{ body: 'Oui, Villeurbanne est livrée du mardi au samedi.' }],
    });
    expect(comments.get('mkv0c03')).toMatchObject({ status: 'deleted', body: 'Message envoyé, on verra bien.' });
    expect(comments.get('mkv0d04')!.parentId).toBe(comments.get('mkv0c03')!.id);
    const completed = (await timelineOf(t, incident.id)).filter((event) => event.type === 'import.completed');
    expect(completed.map((event) => event.payload.added)).toEqual([16, 0]);
  });

  it('refuses a post of a private subreddit with 400 naming the address, and writes nothing', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    site.queue({ status: 403, body: { reason: 'private', message: 'Forbidden', error: 403 } });

    const refused = await t.api().post('/api/imports').send({ incidentId: incident.id, url: site.postUrl }).expect(400);

    expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'url', code: 'reddit.refused' })]);
    expect((await importedComments(t, incident.id)).size).toBe(0);
  });
});
