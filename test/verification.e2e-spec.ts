import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, createParty, createPost, move, timelineOf } from './helpers/fixtures.js';
import { article, startSite, type Site } from './helpers/site.js';
import { signedIn } from './web/web-helpers.js';

describe('commitments checked on the live page', () => {
  let t: TestApp;
  let site: Site;
  let founder: { id: string };
  beforeAll(async () => {
    site = await startSite();
    t = await startApp({ FETCH_TIMEOUT_MS: '2000' });
    founder = await createParty(t);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  let n = 0;
  async function promise(kind: string, html: string | null, extra: Record<string, unknown> = {}, status = 200, headers: Record<string, string> = {}) {
    n += 1;
    const path = `/2026/11/article-${n}`;
    if (html !== null) site.page(path, html, status, headers);
    const post = await createPost(t, { url: `${site.base}${path}` });
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
    const commitment = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind, description: `${kind} promised`, ...extra }).expect(201)).body;
    return { path, post, incident, commitment };
  }
  const verify = (id: string) => t.api().post(`/api/commitments/${id}/verify`);

  describe('noindex', () => {
    it.each([
      ['a robots meta', article('<meta name="robots" content="noindex, follow">'), {}],
      ['an upper-case googlebot meta with its attributes reversed', article('<META CONTENT="NOINDEX" NAME="GOOGLEBOT">'), {}],
      ['several directives', article('<meta name="robots" content="max-snippet:-1, noarchive, noindex">'), {}],
      ['the X-Robots-Tag header', article(), { 'X-Robots-Tag': 'noindex' }],
      ['the googlebot: form of the header', article(), { 'X-Robots-Tag': 'googlebot: noindex, nofollow' }],
    ])('is verified by %s, and the post shows noindex observed', async (_, html, headers) => {
      const { commitment, post } = await promise('noindex', html, {}, 200, headers as Record<string, string>);
      await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
      const check = await verify(commitment.id).expect(200);
      expect(check.body).toMatchObject({ verdict: 'pass', httpStatus: 200, commitment: { status: 'verified', verifiedAt: expect.any(String) } });
      const seen = await t.api().get(`/api/posts/${post.id}`).expect(200);
      expect(seen.body.indexing).toMatchObject({ observed: 'noindex', observedAt: expect.any(String) });
    });

    it('fails on a page still indexable, then passes once fixed, with every check kept and in the timeline', async () => {
      const { commitment, post, path, incident } = await promise('noindex', article('<meta name="robots" content="index, follow">'));
      await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
      const failed = await verify(commitment.id).expect(200);
      expect(failed.body).toMatchObject({
        verdict: 'fail',
        directives: { metaRobots: ['index', 'follow'], metaGooglebot: [], header: [] },
        detail: expect.stringContaining('no noindex directive'),
        commitment: { status: 'failed_verification' },
      });
      expect((await t.api().get(`/api/posts/${post.id}`)).body.indexing.observed).toBe('index');

      site.page(path, article('<meta name="robots" content="noindex">'));
      const passed = await verify(commitment.id).expect(200);
      expect(passed.body.commitment).toMatchObject({ status: 'verified' });
      expect(passed.body.commitment.observations.map((o: { verdict: string }) => o.verdict)).toEqual(['fail', 'pass']);
      expect(passed.body.commitment.lastCheckedAt).toBe(passed.body.at);

      const events = (await timelineOf(t, incident.id)).filter((e) => e.type.startsWith('commitment.'));
      expect(events.map((e) => [e.type, e.payload.to ?? e.payload.verdict])).toEqual([
        ['commitment.created', undefined],
        ['commitment.status_changed', 'done'],
        ['commitment.observed', 'fail'],
        ['commitment.status_changed', 'failed_verification'],
        ['commitment.observed', 'pass'],
        ['commitment.status_changed', 'verified'],
      ]);
    });

    it('follows redirects to the page that answers', async () => {
      const { commitment, path } = await promise('noindex', null);
      site.route(path, (_, response) => response.writeHead(301, { location: `${path}/moved` }).end());
      site.page(`${path}/moved`, article('<meta name="robots" content="noindex">'));
      const check = await verify(commitment.id).expect(200);
      expect(check.body).toMatchObject({ verdict: 'pass', finalUrl: `${site.base}${path}/moved` });
    });
  });

  describe('removals', () => {
    it.each([404, 410])('verifies remove_content by a %i', async (status) => {
      const { commitment } = await promise('remove_content', 'gone', { targetUrl: undefined }, status);
      await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
      const check = await verify(commitment.id).expect(200);
      expect(check.body).toMatchObject({ verdict: 'pass', httpStatus: status, commitment: { status: 'verified' } });
    });

    it('fails remove_content while the page still answers 200', async () => {
      n += 1;
      site.page(`/still-${n}`, article());
      const incident = await createIncident(t, { counterpartId: founder.id });
      const commitment = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'remove_content', description: 'Remove it', targetUrl: `${site.base}/still-${n}` }).expect(201)).body;
      await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
      expect((await verify(commitment.id).expect(200)).body).toMatchObject({ verdict: 'fail', commitment: { status: 'failed_verification' } });
    });

    it('verifies remove_mention once the text is gone from the page', async () => {
      const { commitment, path } = await promise('remove_mention', article(), { mentionText: 'small co' });
      await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
      expect((await verify(commitment.id).expect(200)).body).toMatchObject({ verdict: 'fail', detail: 'the page still mentions "small co"' });
      site.page(path, article('', '<p>The tweet of a company is an example.</p>'));
      expect((await verify(commitment.id).expect(200)).body).toMatchObject({ verdict: 'pass', commitment: { status: 'verified' } });
    });
  });

  describe('pages that cannot be read', () => {
    it('records a slow page as an error to retry, without failing the commitment', async () => {
      const { commitment, path } = await promise('noindex', null);
      site.route(path, (_, response) => response.writeHead(200, { 'content-type': 'text/html' }).write('<html><head>'));
      await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
      const check = await verify(commitment.id).expect(200);
      expect(check.body).toMatchObject({ verdict: 'error', httpStatus: null, detail: expect.stringContaining('within 2000 ms'), commitment: { status: 'done' } });
      expect(check.body.reason).toEqual({ code: 'timeout', values: expect.objectContaining({ seconds: 2 }) });
    });

    it('records a huge page as an error', async () => {
      const { commitment, path } = await promise('noindex', null);
      // No content-length: the cap is met while reading the stream.
      site.route(path, (_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.alloc(6 * 1024 * 1024, 'x')));
      const check = await verify(commitment.id).expect(200);
      expect(check.body).toMatchObject({ verdict: 'error', detail: expect.stringContaining('more than') });
    });

    it('records a server error as an error, not a failure', async () => {
      const { commitment } = await promise('noindex', 'oops', {}, 503);
      await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
      expect((await verify(commitment.id).expect(200)).body).toMatchObject({ verdict: 'error', httpStatus: 503, commitment: { status: 'done' } });
    });
  });

  it('refuses to check what is not checked on a page, or was cancelled', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const call = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'call_back', description: 'Call back' }).expect(201)).body;
    expect((await verify(call.id).expect(409)).body.message).toBe('a call_back commitment is not checked on a page');
    const { commitment } = await promise('noindex', article());
    await t.api().post(`/api/commitments/${commitment.id}/cancel`).send({ reason: 'Withdrawn' }).expect(200);
    await verify(commitment.id).expect(409);
  });

  it('keeps the close guard until the noindex is verified', async () => {
    const { commitment, incident, path } = await promise('noindex', article());
    await t.api().post(`/api/commitments/${commitment.id}/done`).expect(200);
    await move(t, incident.id, 'resolved', { resolution: 'Agreed on noindex' }).expect(200);
    expect((await move(t, incident.id, 'closed').expect(409)).body.message).toContain('1 commitment is still open');
    site.page(path, article('<meta name="robots" content="noindex">'));
    await verify(commitment.id).expect(200);
    await move(t, incident.id, 'closed').expect(200);
  });
});

describe('the page fetcher’s refusals, for commitment checks', () => {
  let t: TestApp;
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    t = await startApp({ FETCH_ALLOW_PRIVATE: 'false' });
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it.each([
    ['a loopback address', (base: string) => `${base}/page`],
    ['localhost', (base: string) => base.replace('127.0.0.1', 'localhost') + '/page'],
    ['a private address', () => 'http://10.1.2.3/page'],
    ['a link-local address', () => 'http://169.254.169.254/latest/meta-data'],
    ['an IPv6 loopback', () => 'http://[::1]/page'],
  ])('refuses %s without connecting, and records why', async (_, url) => {
    site.page('/page', article('<meta name="robots" content="noindex">'));
    const incident = await createIncident(t);
    const commitment = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'noindex', description: 'x', targetUrl: url(site.base) }).expect(201)).body;
    const check = await t.api().post(`/api/commitments/${commitment.id}/verify`).expect(200);
    expect(check.body).toMatchObject({ verdict: 'error', httpStatus: null, detail: expect.stringContaining('only public addresses are fetched') });
    expect(check.body.reason).toEqual({ code: 'address', values: expect.objectContaining({ url: expect.any(String), range: expect.any(String) }) });
    expect((await t.api().get(`/api/commitments/${commitment.id}`).expect(200)).body.observations).toEqual([expect.objectContaining({ reason: check.body.reason })]);
    expect(site.hits('/page')).toBe(0);
  });

  it('says at the desk, in the reader’s language, why the page was not checked', async () => {
    const incident = await createIncident(t);
    const commitment = (await t.api().post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'noindex', description: 'x', targetUrl: `${site.base}/page` }).expect(201)).body;
    await t.api().post(`/api/commitments/${commitment.id}/verify`).expect(200);
    const desk = await signedIn(t, 'community_manager');
    const page = (language: string) => desk.agent.get(`/incidents/${incident.id}`).set('Accept-Language', language).expect(200);
    const reason = (text: string) => /data-testid="check-reason">([^<]*)</.exec(text)?.[1];
    expect(reason((await page('fr')).text)).toBe('Page à vérifier\u202f: 127.0.0.1 est une adresse privée ou locale\u202f; seules les adresses publiques sont consultées.');
    expect(reason((await page('en')).text)).toBe('Page to check: 127.0.0.1 is a private or local address; only public addresses are fetched.');
  });
});
