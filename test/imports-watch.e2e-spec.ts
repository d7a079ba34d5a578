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
    const synced = await t.api().get(`/api/posts/${imported.body.postId}`).expect(200);
    expect(synced.body.watch.lastResult).toMatch(/^added 1, updated 0, deleted 0/);
    const events = await timelineOf(t, incident.id);
    expect(events.filter((event) => event.type === 'import.completed').map((event) => [event.payload.source, event.actor])).toEqual([
      ['rest', expect.any(String)],
      ['watch', 'system'],
    ]);
    expect(events.find((event) => event.type === 'post.watch_changed')?.payload).toEqual({ postId: imported.body.postId, watching: true });
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
