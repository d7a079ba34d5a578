import { startApp, type TestApp } from './helpers/app.js';
import { startDiscourseForum, type DiscourseForum } from './helpers/discourse-forum.js';
import { createIncident, timelineOf } from './helpers/fixtures.js';
import { importedComments } from './helpers/source-thread.js';
import { waitFor } from './helpers/wait-for.js';

describe('Discourse import', () => {
  let t: TestApp;
  let forum: DiscourseForum;
  let owner: { id: string; token: string };

  beforeAll(async () => {
    t = await startApp({ CALUMET_ROLES: 'api,worker', WATCH_INTERVAL: 'PT2S' });
    owner = await t.createUser('community_manager', 'Camille Berthe');
    await t.api().patch(`/api/users/${owner.id}`).send({ handles: ['equipe_berthe'] }).expect(200);
  }, 60_000);
  beforeEach(async () => {
    forum = await startDiscourseForum();
  });
  afterEach(() => forum.close());
  afterAll(() => t?.close());

  it('imports a topic by its address: 20 messages threaded from reply_to_post_number, our team outbound, one party per person, accents kept, signals read', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const response = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${forum.topicUrl}/7` }).expect(200);
    expect(response.body).toMatchObject({ added: 20, updated: 0, deleted: 0, unchanged: 0 });

    const comments = await importedComments(t, incident.id);
    const post = (id: number) => comments.get(String(id))!;
    expect(comments.size).toBe(20);
    expect(post(61874).parentId).toBeNull();
    expect(post(61881).parentId).toBe(post(61874).id);
    expect(post(61889).parentId).toBe(post(61881).id);
    expect(post(61955).parentId).toBe(post(61889).id);
    expect(post(62019).parentId).toBe(post(62011).id);
    expect(post(61940).parentId).toBeNull();
    for (const hidden of [61870, 61890, 61926, 61931]) expect(comments.has(String(hidden))).toBe(false);

    expect(post(61889)).toMatchObject({ direction: 'outbound', partyId: null, authorName: 'equipe_berthe' });
    expect(post(61889).body).toBe('François, pouvez-vous nous écrire à service@maison-berthe.fr avec votre numéro de commande\u00a0? Nous vous appelons demain.');
    expect(post(61881)).toMatchObject({ direction: 'inbound', authorName: 'francois_l' });
    expect(post(61955).partyId).toBe(post(61881).partyId);
    expect(new Set([61881, 61902, 61915, 61940, 61963].map((id) => post(id).partyId)).size).toBe(5);
    const zoe = await t.api().get(`/api/parties/${post(61902).partyId}`).expect(200);
    expect(zoe.body).toMatchObject({ kind: 'person', name: 'zoe_m', url: `${forum.base}/u/zoe_m` });
    expect(post(61902).signals.map((signal) => signal.kind)).toContain('legal_threat');

    const created = await t.api().get(`/api/posts/${response.body.postId}`).expect(200);
    expect(created.body).toMatchObject({ platform: 'discourse', ownership: 'third_party', url: forum.topicUrl, title: 'Livraison en retard : que se passe-t-il ?', externalId: '4821', commentsOpen: true });
  });

  it('imports it again after an edit and a staff deletion: nothing duplicated, the edit a revision, the vanished post deleted', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    await t.api().post('/api/imports').send({ incidentId: incident.id, url: forum.topicUrl }).expect(200);
    forum.edit(22, '<p>Reçu aussi. La communication a manqué, mais tout est rentré dans l’ordre.</p>');
    forum.remove(13);

    const again = await t.api().post('/api/imports').send({ incidentId: incident.id, url: forum.topicUrl }).expect(200);

    expect(again.body).toMatchObject({ added: 0, updated: 1, deleted: 1, unchanged: 18 });
    const comments = await importedComments(t, incident.id);
    expect(comments.size).toBe(20);
    expect(comments.get('62026')).toMatchObject({
      status: 'edited',
      body: 'Reçu aussi. La communication a manqué, mais tout est rentré dans l’ordre.',
      revisions: [{ body: 'Reçu aussi. Je retire ce que j’ai dit sur les 48\u00a0h, mais la communication a manqué.' }],
    });
    expect(comments.get('61955')).toMatchObject({ status: 'deleted', body: 'Message envoyé. J’attends votre appel.' });
    const completed = (await timelineOf(t, incident.id)).filter((event) => event.type === 'import.completed');
    expect(completed.map((event) => event.payload.added)).toEqual([20, 0]);
  });

  it('watches the topic: a new reply comes in within an interval and is on the owner’s Today', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    await t.api().post('/api/imports').send({ incidentId: incident.id, url: forum.topicUrl, watch: true }).expect(200);

    const id = forum.reply({ as: 6, replyTo: 18, cooked: '<p>Très bien, j’attends donc mon geste commercial d’ici vendredi.</p>' });

    const agenda = await waitFor('the watch to bring the new reply', async () => {
      const body = (await t.api(owner.token).get('/api/me/agenda').expect(200)).body as { items: Array<{ kind: string; label: string; subjectId: string }> };
      return body.items.some((item) => item.kind === 'watched') ? body : null;
    });
    const comments = await importedComments(t, incident.id);
    expect(comments.get(String(id))).toMatchObject({ parentId: comments.get('61992')!.id, direction: 'inbound', body: 'Très bien, j’attends donc mon geste commercial d’ici vendredi.' });
    expect(agenda.items.filter((item) => item.kind === 'watched')).toEqual([
      expect.objectContaining({ label: 'Très bien, j’attends donc mon geste commercial d’ici vendredi.', subjectId: comments.get(String(id))!.id }),
    ]);
  });

  it('refuses a topic the forum does not show with 400 naming the address, and writes nothing', async () => {
    const incident = await createIncident(t, { ownerId: owner.id });
    const refused = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `${forum.base}/t/introuvable/999` }).expect(400);

    expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'url', code: 'discourse.noTopic' })]);
    expect((await importedComments(t, incident.id)).size).toBe(0);
  });
});
