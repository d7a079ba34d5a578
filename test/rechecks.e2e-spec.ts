import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, createParty, createPost, timelineOf } from './helpers/fixtures.js';
import { article, startSite, type Site } from './helpers/site.js';
import { waitFor } from './helpers/wait-for.js';

describe('kept promises watched after verification', () => {
  let t: TestApp;
  let site: Site;

  beforeAll(async () => {
    site = await startSite();
    t = await startApp({ CALUMET_ROLES: 'api,worker', FETCH_TIMEOUT_MS: '2000', RECHECK_INTERVAL: 'PT1S', RECHECK_FOR: 'PT1H', RECONCILE_INTERVAL: 'PT1S' });
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  const commitment = async (id: string) => (await t.api().get(`/api/commitments/${id}`).expect(200)).body;

  it('finds a verified noindex dropped from the page at a recheck: failed, the observation kept, the owner reminded', async () => {
    site.page('/watched', article('<meta name="robots" content="noindex">'));
    const post = await createPost(t, { url: `${site.base}/watched` });
    const incident = await createIncident(t, { counterpartId: (await createParty(t)).id, postIds: [post.id] });
    const promised = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'noindex', description: 'Put the article in noindex' }).expect(201)).body;
    await t.api().post(`/api/commitments/${promised.id}/done`).expect(200);

    const verified = await waitFor('the worker to verify it', async () => {
      const seen = await commitment(promised.id);
      return seen.status === 'verified' ? seen : null;
    });
    expect(verified.watchUntil).toEqual(expect.any(String));
    expect(verified.nextCheckAt).toEqual(expect.any(String));
    expect((await t.api().get(`/api/posts/${post.id}`).expect(200)).body.indexing).toMatchObject({ desired: 'noindex', observed: 'noindex' });

    // A theme update drops the directive.
    site.page('/watched', article());
    const failed = await waitFor('a recheck to find the regression', async () => {
      const seen = await commitment(promised.id);
      return seen.status === 'failed_verification' ? seen : null;
    });
    expect(failed.observations.at(-1)).toMatchObject({ verdict: 'fail', httpStatus: 200, detail: expect.stringContaining('no noindex directive') });
    const reminders = (await t.api().get(`/api/reminders?incidentId=${incident.id}`).expect(200)).body.items;
    expect(reminders).toContainEqual(expect.objectContaining({ kind: 'verification_failed', subject: { type: 'commitment', id: promised.id }, recipientUserId: incident.ownerId }));
    const moves = (await timelineOf(t, incident.id)).filter((event) => event.type === 'commitment.status_changed').map((event) => event.payload.to);
    expect(moves).toEqual(['done', 'verified', 'failed_verification']);
  });

  it('is checked no more once the watch is over', async () => {
    const watchless = await startApp({ CALUMET_ROLES: 'api', RECHECK_FOR: 'PT0S' });
    try {
      site.page('/unwatched', article('<meta name="robots" content="noindex">'));
      const post = await createPost(watchless, { url: `${site.base}/unwatched` });
      const incident = await createIncident(watchless, { postIds: [post.id] });
      const promised = (await watchless.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'noindex', description: 'noindex' }).expect(201)).body;
      await watchless.api().post(`/api/commitments/${promised.id}/done`).expect(200);
      const check = (await watchless.api().post(`/api/commitments/${promised.id}/verify`).expect(200)).body;
      expect(check.commitment).toMatchObject({ status: 'verified', nextCheckAt: null });
    } finally {
      await watchless.close();
    }
  });
});
