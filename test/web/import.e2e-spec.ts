import { startApp, type TestApp } from '../helpers/app.js';
import { addComment, createIncident } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/wait-for.js';
import { startWordPress, type WordPress } from '../helpers/wordpress.js';
import { signedIn, submit } from './web-helpers.js';

const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');
const count = (text: string, testId: string) => text.match(new RegExp(`data-testid="${testId}"`, 'g'))?.length ?? 0;

/** The incident page's import form and post watch, against Debian's WordPress. */
describe('web desk: WordPress import and watch', () => {
  let t: TestApp;
  let wp: WordPress;
  let manager: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    await Promise.all([
      startApp({ CALUMET_ROLES: 'api,worker', WATCH_INTERVAL: 'PT2S' }).then((app) => (t = app)),
      startWordPress().then((blog) => (wp = blog)),
    ]);
    manager = await signedIn(t, 'community_manager', 'Marie-Aude');
  }, 60_000);
  afterAll(async () => {
    await Promise.all([t?.close(), wp?.close()]);
  });

  it('imports a thread from the post address given on the incident page, its threat highlighted, and keeps watching when asked', async () => {
    const post = await wp.insertPost({ title: 'Les erreurs de débutant', slug: 'erreurs-debutant-page' });
    await wp.insertComment({ post: post.id, author: 'Le fondateur', content: 'Un huissier a constaté vos articles ; mon avocat vous adressera une mise en demeure.', dateGmt: now() });
    const incident = await createIncident(t, { ownerId: manager.id });

    const imported = await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/import`, { url: post.url, watch: 'true' });
    expect(imported.status).toBe(303);
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toContain('Imported: 1 new, 0 changed, 0 gone, 0 unchanged.');
    expect(page.text).toContain('data-signal="legal_threat"');
    expect(page.text).toMatch(/data-testid="post" data-watched="true"/);

    await wp.insertComment({ post: post.id, author: 'Un lecteur', content: 'Je passais par là.', dateGmt: now() });
    const synced = await waitFor('the watch to sync and the page to show it', async () => {
      const text = (await manager.agent.get(`/incidents/${incident.id}`).expect(200)).text;
      return count(text, 'comment') === 2 && text.includes('data-testid="watch-result"') ? text : null;
    });
    expect(synced).toMatch(/Last sync [^:]+:[^<]*added 1, updated 0, deleted 0/);
  });

  it('stops and starts the watch of a linked post from the page', async () => {
    const post = await wp.insertPost({ title: 'Billet sans suite', slug: 'billet-sans-suite' });
    const incident = await createIncident(t, { ownerId: manager.id });
    await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/import`, { url: post.url }).then((response) => expect(response.status).toBe(303));
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toMatch(/data-testid="post" data-watched="false"/);
    const postId = /\/posts\/([0-9a-f-]{36})\/watch"/.exec(page.text)![1]!;

    await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/posts/${postId}/watch`, {}).then((response) => expect(response.status).toBe(303));
    expect((await t.api().get(`/api/posts/${postId}`).expect(200)).body.watch.incidentId).toBe(incident.id);
    await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/posts/${postId}/unwatch`, {}).then((response) => expect(response.status).toBe(303));
    expect((await t.api().get(`/api/posts/${postId}`).expect(200)).body.watch.incidentId).toBeNull();
    expect((await manager.agent.get(`/incidents/${incident.id}`).expect(200)).text).toMatch(/data-testid="post" data-watched="false"/);
  });

  it('refuses an import without a valid address with 400 naming it, and imports nothing', async () => {
    const incident = await createIncident(t, { ownerId: manager.id });
    const refused = await submit(manager.agent, `/incidents/${incident.id}`, `/incidents/${incident.id}/import`, { url: 'not a url' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('The address of the post, topic, status or video must be an http:// or https:// address.');
    expect((await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200)).body.items).toHaveLength(0);
  });

  it('lists on Today the new messages a watch brought in on my incidents, not those imported by hand nor logged', async () => {
    const post = await wp.insertPost({ title: 'Billet à nouvelles', slug: 'billet-a-nouvelles' });
    await wp.insertComment({ post: post.id, author: 'Premier', content: 'Déjà là.', dateGmt: now() });
    const owner = await signedIn(t, 'community_manager');
    const incident = await createIncident(t, { ownerId: owner.id });
    await t.api().post('/api/imports/wordpress').send({ incidentId: incident.id, postUrl: post.url, watch: true }).expect(200);
    await addComment(t, incident.id, { direction: 'inbound', body: 'Logged by hand', authorName: 'Someone' });
    await wp.insertComment({ post: post.id, author: 'Nouveau', content: 'Arrivé par la surveillance.', dateGmt: now() });

    const agenda = await waitFor('the watch to bring the new message', async () => {
      const body = (await t.api(owner.token).get('/api/me/agenda').expect(200)).body as { items: Array<{ kind: string; label: string; overdue: boolean }> };
      return body.items.some((item) => item.kind === 'watched') ? body : null;
    });
    const watched = agenda.items.filter((item) => item.kind === 'watched');
    expect(watched).toHaveLength(1);
    expect(watched[0]).toMatchObject({ label: 'Arrivé par la surveillance.', overdue: false });
    expect(watched.some((item) => item.label === 'Déjà là.' || item.label === 'Logged by hand')).toBe(false);

    const today = await owner.agent.get('/').expect(200);
    expect(today.text).toMatch(/data-kind="watched"[\s\S]*New on a watched post[\s\S]*Arrivé par la surveillance\./);
  });

  it('verifies the whole chain only when asked, showing its head on the page', async () => {
    const incident = await createIncident(t, { ownerId: manager.id });
    const page = await manager.agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toMatch(/data-testid="timeline-head"[^>]*>The chain holds 1 event\. Head hash: [0-9a-f]{64}/);
    expect(page.text).not.toContain('data-testid="verification"');
    const verified = await manager.agent.get(`/incidents/${incident.id}/verification`).set('HX-Request', 'true').expect(200);
    expect(verified.text).toContain('data-valid="true"');
  });
});
