import { Commitment } from '../src/commitments/commitment.entity.js';
import { PageCheckSweep } from '../src/page-checks/page-check-sweep.service.js';
import { PostIndexingChecker } from '../src/posts/post-indexing.checker.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, createParty, createPost, timelineOf } from './helpers/fixtures.js';
import { article, startSite, type Site } from './helpers/site.js';
import { waitFor } from './helpers/wait-for.js';

/** The worker checks pages on its own: at once when a commitment is done, then every VERIFY_INTERVAL until kept. */
describe('page checks run by the worker', () => {
  let t: TestApp;
  let site: Site;
  let owner: { id: string; token: string };
  let founder: { id: string };
  beforeAll(async () => {
    site = await startSite();
    t = await startApp({ CALUMET_ROLES: 'api,worker', VERIFY_INTERVAL: 'PT1S', FETCH_TIMEOUT_MS: '2000' });
    owner = await t.createUser('community_manager', 'Camille Owner');
    founder = await createParty(t);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  let n = 0;
  async function noindexPromised(html: string) {
    n += 1;
    const path = `/article-${n}`;
    site.page(path, html);
    const post = await createPost(t, { url: `${site.base}${path}`, ownerId: owner.id });
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id], ownerId: owner.id });
    const commitment = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'noindex', description: 'Put the article in noindex' }).expect(201)).body;
    return { path, post, incident, commitment };
  }
  const commitmentOf = async (id: string) => (await t.api().get(`/api/commitments/${id}`).expect(200)).body;
  const notifications = async () => (await t.api(owner.token).get('/api/me/notifications?limit=100').expect(200)).body.items as Array<{ kind: string; title: string; body: string }>;

  it('checks a commitment at once when it is marked done, and verifies it when the page shows it', async () => {
    const { commitment, post } = await noindexPromised(article('<meta name="robots" content="noindex">'));
    await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
    const verified = await waitFor('the commitment to be verified', async () => {
      const current = await commitmentOf(commitment.id);
      return current.status === 'verified' ? current : null;
    });
    expect(verified.observations).toEqual([expect.objectContaining({ verdict: 'pass', httpStatus: 200 })]);
    // Verified, it is checked again after RECHECK_INTERVAL (one day by default), while watched.
    expect(Date.parse(verified.nextCheckAt) - Date.parse(verified.verifiedAt)).toBeGreaterThanOrEqual(24 * 3600_000 - 60_000);
    expect((await t.api().get(`/api/posts/${post.id}`)).body.indexing).toMatchObject({ observed: 'noindex' });
  });

  it('reminds the owner when the check fails, checks again every interval, and verifies once the page is fixed', async () => {
    const { commitment, path, incident } = await noindexPromised(article('<meta name="robots" content="index, follow">'));
    await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
    await waitFor('the check to fail', async () => (await commitmentOf(commitment.id)).status === 'failed_verification');
    const reminded = await waitFor('the owner to be told', async () => (await notifications()).find((item) => item.kind === 'verification_failed' && item.title.includes(incident.ref)));
    expect(reminded.body).toContain('no noindex directive');
    const failedChecks = await waitFor('a second check', async () => {
      const current = await commitmentOf(commitment.id);
      return current.observations.length >= 2 ? current : null;
    });
    expect(failedChecks.status).toBe('failed_verification');

    site.page(path, article('<meta name="robots" content="noindex">'));
    const verified = await waitFor('the fixed page to verify it', async () => {
      const current = await commitmentOf(commitment.id);
      return current.status === 'verified' ? current : null;
    });
    expect(verified.observations.at(-1)).toMatchObject({ verdict: 'pass' });
    const checks = verified.observations.length;
    // Once verified, nothing checks it again.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await commitmentOf(commitment.id)).observations).toHaveLength(checks);
    expect((await timelineOf(t, incident.id)).filter((event) => event.type === 'reminder.sent')).not.toHaveLength(0);
  });

  it('reminds of a commitment when it is due, and not once it is done', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id, ownerId: owner.id });
    const soon = new Date(Date.now() + 800).toISOString();
    const later = new Date(Date.now() + 1500).toISOString();
    const call = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'call_back', description: 'Call the founder back', notBefore: soon }).expect(201)).body;
    const email = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'send_message', description: 'Send the email', dueAt: later }).expect(201)).body;
    await t.api().post(`/api/commitments/${email.id}/done`).expect(200);
    const due = await waitFor('the call-back reminder', async () => (await notifications()).find((item) => item.kind === 'commitment_due' && item.body.includes('Call the founder back')));
    expect(due.title).toContain(incident.ref);
    type Row = { kind: string; subject: { id: string }; status: string };
    const sent: Row[] = await waitFor('the call-back reminder to be marked sent', async () => {
      const items = (await t.api().get(`/api/reminders?incidentId=${incident.id}&status=sent`).expect(200)).body.items;
      return items.length ? items : null;
    });
    expect(sent.map((reminder) => [reminder.kind, reminder.subject.id])).toEqual([['commitment_due', call.id]]);
    const cancelled: Row[] = (await t.api().get(`/api/reminders?incidentId=${incident.id}&status=cancelled`).expect(200)).body.items;
    expect(cancelled.map((reminder) => [reminder.kind, reminder.subject.id])).toEqual([['commitment_due', email.id]]);
  });

  it('finds by the rows a check whose alarm was lost, at the next sweep', async () => {
    const { commitment } = await noindexPromised(article('<meta name="robots" content="noindex">'));
    // A commitment done while Redis was away: its row says a check is due, the queue knows nothing of it.
    await t.write((manager) => manager.update(Commitment, { id: commitment.id }, { status: 'done', doneAt: new Date(), nextCheckAt: new Date(Date.now() - 60_000) }));
    expect(await t.app.get(PageCheckSweep).handleSweepPageChecks()).toMatchObject({ commitment: 1 });
    await waitFor('the swept check to verify it', async () => (await commitmentOf(commitment.id)).status === 'verified');
  });

  it('reads a post whose page is gone as not indexed, and a server error as nothing learnt', async () => {
    n += 1;
    const post = await createPost(t, { url: `${site.base}/gone-${n}` });
    site.page(`/gone-${n}`, 'gone', 410);
    expect((await t.app.get(PostIndexingChecker).check(post.id)).indexing.observed).toBe('noindex');
    site.page(`/gone-${n}`, 'oops', 503);
    const after = await t.app.get(PostIndexingChecker).check(post.id);
    expect(after.indexing).toMatchObject({ observed: 'noindex', desired: 'index', nextCheckAt: expect.any(Date) });
  });

  it('checks a post whose desired indexing changes, and reminds its owner until the page shows it', async () => {
    n += 1;
    const path = `/post-${n}`;
    site.page(path, article());
    const post = await createPost(t, { url: `${site.base}${path}`, ownerId: owner.id });
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id], ownerId: owner.id });
    const patched = await t.api().patch(`/api/posts/${post.id}`).send({ indexing: { desired: 'noindex' } }).expect(200);
    expect(patched.body.indexing).toMatchObject({ desired: 'noindex', observed: 'unknown', nextCheckAt: expect.any(String) });

    const observed = await waitFor('the page to be read', async () => {
      const current = (await t.api().get(`/api/posts/${post.id}`)).body;
      return current.indexing.observed === 'index' ? current : null;
    });
    expect(observed.indexing.nextCheckAt).not.toBeNull();
    const reminded = await waitFor('the owner to be reminded', async () => (await notifications()).find((item) => item.kind === 'verification_failed' && item.body.includes(post.url)));
    expect(reminded.body).toContain('should be noindex but shows index');

    site.page(path, article('<meta name="googlebot" content="noindex">'));
    const shown = await waitFor('the page to show noindex', async () => {
      const current = (await t.api().get(`/api/posts/${post.id}`)).body;
      return current.indexing.observed === 'noindex' ? current : null;
    });
    expect(shown.indexing.nextCheckAt).toBeNull();
    const checks = (await timelineOf(t, incident.id)).filter((event) => event.type === 'post.indexing_checked');
    expect(checks.at(-1)).toMatchObject({ payload: { postId: post.id, desired: 'noindex', observed: 'noindex', httpStatus: 200 } });
  });
});
