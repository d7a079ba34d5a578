import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, move, timelineOf } from './helpers/fixtures.js';
import { waitFor } from './helpers/wait-for.js';
import { startWordPress, type WordPress } from './helpers/wordpress.js';

const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

describe('Watching a WordPress post', () => {
  let t: TestApp;
  let wp: WordPress;

  beforeAll(async () => {
    await Promise.all([
      startApp({ CALUMET_ROLES: 'api,worker', WATCH_INTERVAL: 'PT2S' }).then((app) => (t = app)),
      startWordPress().then((blog) => (wp = blog)),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([t?.close(), wp?.close()]);
  });

  const commentCount = async (incidentId: string) => (await t.api().get(`/api/incidents/${incidentId}/comments?limit=100`).expect(200)).body.items.length as number;

  it('picks up a new comment within one interval, with a worker, and records the sync on the post', async () => {
    const post = await wp.insertPost({ title: 'Billet surveillé', slug: 'billet-surveille' });
    await wp.insertComment({ post: post.id, author: 'Jean', content: 'Premier.', dateGmt: now() });
    const incident = await createIncident(t);
    const imported = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url, watch: true }).expect(200);
    const watched = await t.api().get(`/api/posts/${imported.body.postId}`).expect(200);
    expect(watched.body.watch).toMatchObject({ incidentId: incident.id, nextSyncAt: expect.stringMatching(/Z$/) });

    const fresh = await wp.insertComment({ post: post.id, author: 'Nouveau', content: 'Je débarque dans le fil.', dateGmt: now() });
    await waitFor('the watch to add the new comment', async () => (await commentCount(incident.id)) === 2);
    const comments = await t.api().get(`/api/incidents/${incident.id}/comments?limit=100`).expect(200);
    expect(comments.body.items.find((comment: { externalId: string }) => comment.externalId === String(fresh))).toMatchObject({ body: 'Je débarque dans le fil.', needsResponse: true });
    // Imports write in batches: the sync's result is recorded on the post once its last batch is in.
    const lastResult = await waitFor('the sync recorded on the post', async () => (await t.api().get(`/api/posts/${imported.body.postId}`).expect(200)).body.watch.lastResult as string | null);
    expect(lastResult).toMatch(/^added 1, updated 0, deleted 0/);
    const events = await timelineOf(t, incident.id);
    expect(events.filter((event) => event.type === 'import.completed').map((event) => [event.payload.source, event.actor])).toEqual([
      ['rest', expect.any(String)],
      ['watch', 'system'],
    ]);
    expect(events.find((event) => event.type === 'post.watch_changed')?.payload).toEqual({ postId: imported.body.postId, watching: true });
  });

  it('tells the owner at once, on every channel, of a new inbound comment that threatens legal action', async () => {
    const owner = await t.createUser('community_manager', 'Marie-Aude');
    const post = await wp.insertPost({ title: 'Les erreurs de débutant', slug: 'erreurs-debutant-menace' });
    await wp.insertComment({ post: post.id, author: 'Lecteur', content: 'Article utile, merci.', dateGmt: now() });
    const incident = await createIncident(t, { ownerId: owner.id, severity: 'low' });
    await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url, watch: true }).expect(200);

    const threat = await wp.insertComment({
      post: post.id,
      author: 'Le fondateur',
      content: '<p>Notre marque est déposée. Un huissier a constaté vos deux articles et mon avocat vous adressera une mise en demeure.</p>',
      dateGmt: now(),
    });
    const alert = await waitFor('the owner to be told of the threat', async () => {
      const items = (await t.api(owner.token).get('/api/me/notifications?limit=100').expect(200)).body.items as Array<{ kind: string; body: string }>;
      return items.find((n) => n.kind === 'follow_up');
    });
    expect(alert.body).toMatch(/Le fondateur/);
    const comment = (await t.api().get(`/api/incidents/${incident.id}/comments?limit=100`).expect(200)).body.items.find(
      (c: { externalId: string }) => c.externalId === String(threat),
    );
    expect(comment.signals.map((signal: { kind: string }) => signal.kind)).toContain('legal_threat');
    // Owed a reply at low severity in 72 h, yet told now: not at the next reminder.
    const reminders = (await t.api().get(`/api/reminders?incidentId=${incident.id}&limit=100`).expect(200)).body.items as Array<{ kind: string; status: string }>;
    expect(reminders.filter((r) => r.kind === 'follow_up').map((r) => r.status)).toEqual(['sent']);
    const completed = (await timelineOf(t, incident.id)).filter((event) => event.type === 'import.completed');
    expect(completed.at(-1)!.payload).toMatchObject({ source: 'watch', alerted: [comment.id] });
  });

  it('stops when the watch is removed, and refuses to watch a post not linked to the incident', async () => {
    const post = await wp.insertPost({ title: 'Billet arrêté', slug: 'billet-arrete' });
    const incident = await createIncident(t);
    const imported = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url }).expect(200);
    const other = await createIncident(t);
    const refused = await t.api().post(`/api/posts/${imported.body.postId}/watch`).send({ incidentId: other.id }).expect(400);
    expect(refused.body.message).toEqual([expect.stringMatching(/^incidentId: post .* is not linked to INC-/)]);

    await t.api().post(`/api/posts/${imported.body.postId}/watch`).send({ incidentId: incident.id }).expect(204);
    expect((await t.api().get(`/api/posts/${imported.body.postId}`).expect(200)).body.watch.incidentId).toBe(incident.id);
    await t.api().delete(`/api/posts/${imported.body.postId}/watch`).expect(204);
    const row = await t.api().get(`/api/posts/${imported.body.postId}`).expect(200);
    expect(row.body.watch).toEqual({ incidentId: null, nextSyncAt: null, lastSyncAt: null, lastResult: null });
    expect((await timelineOf(t, incident.id)).filter((event) => event.type === 'post.watch_changed').map((event) => event.payload.watching)).toEqual([true, false]);
  });

  it('pauses the watch while the incident is resolved', async () => {
    const post = await wp.insertPost({ title: 'Billet clos', slug: 'billet-clos' });
    const incident = await createIncident(t);
    const imported = await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url, watch: true }).expect(200);
    await move(t, incident.id, 'resolved', { resolution: 'Settled by phone' }).expect(200);
    await wp.insertComment({ post: post.id, author: 'Tardif', content: 'Trop tard.', dateGmt: now() });
    const paused = await waitFor('the watch to pause', async () => {
      const row = await t.api().get(`/api/posts/${imported.body.postId}`).expect(200);
      return row.body.watch.lastResult?.startsWith('paused') ? row.body.watch : null;
    });
    expect(paused.lastResult).toBe('paused: incident resolved');
    expect(await commentCount(incident.id)).toBe(0);
  });
});
