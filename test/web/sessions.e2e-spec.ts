import request from 'supertest';
import { WebSessionsService, LAST_SEEN_EVERY_MS } from '../../src/users/web-sessions.service.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { createIncident } from '../helpers/fixtures.js';
import { csrfOf, inviteUrl, PASSWORD, signedIn } from './web-helpers.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';

/**
 * Web sessions have a server side: the cookie names a session row, and
 * ending the row (sign-out, a new password, an admin, a deactivation, the
 * person from another browser) ends the cookie wherever it was copied.
 */
describe('web desk: sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  /**
   * A browser: it sends its cookie and keeps the one each answer sets.
   * `copy()` is someone who copied the cookie as it stands, a browser of their own.
   */
  class Browser {
    constructor(
      private readonly app: TestApp,
      readonly userAgent = FIREFOX,
      public cookie = '',
    ) {}

    copy(): Browser {
      return new Browser(this.app, this.userAgent, this.cookie);
    }

    async get(url: string, headers: Record<string, string> = {}): Promise<request.Response> {
      return this.keep(await request(this.app.app.getHttpServer()).get(url).set({ 'User-Agent': this.userAgent, Cookie: this.cookie, ...headers }));
    }

    /** A page that must open (200). */
    async page(url: string, headers: Record<string, string> = {}): Promise<request.Response> {
      const answer = await this.get(url, headers);
      expect(answer.status).toBe(200);
      return answer;
    }

    /** A form sent from a page, with that page's CSRF token unless `fields` brings its own. */
    async post(from: string, url: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<request.Response> {
      const page = await this.get(from, headers);
      return this.keep(
        await request(this.app.app.getHttpServer())
          .post(url)
          .set({ 'User-Agent': this.userAgent, Cookie: this.cookie, ...headers })
          .type('form')
          .send({ _csrf: csrfOf(page.text), ...fields }),
      );
    }

    private keep(response: request.Response): request.Response {
      const set = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((value) => value.startsWith('calumet_session='));
      if (set) this.cookie = /^calumet_session=;/.test(set) ? '' : set.split(';')[0]!;
      return response;
    }
  }

  /** A person with a password, and their email. */
  async function person(app: TestApp = t, role: 'viewer' | 'community_manager' = 'viewer'): Promise<{ id: string; email: string }> {
    const user = await app.createUser(role);
    const email = (await app.api().get(`/api/users?limit=100`)).body.items.find((u: { id: string }) => u.id === user.id).email as string;
    const agent = app.anonymous();
    const path = await inviteUrl(app, user.id);
    const form = await agent.get(path).expect(200);
    await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
    return { id: user.id, email };
  }

  /** Signs in from a new browser. */
  async function signIn(email: string, userAgent = FIREFOX, app: TestApp = t): Promise<Browser> {
    const browser = new Browser(app, userAgent);
    const answer = await browser.post('/login', '/login', { email, password: PASSWORD });
    expect(answer.status).toBe(303);
    return browser;
  }

  /** Whether the browser opens the desk, or is sent to sign in. */
  const opensDesk = async (browser: Browser): Promise<boolean> => {
    const answer = await browser.get('/');
    if (answer.status === 200) return true;
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^\/login/);
    return false;
  };

  it('a copied cookie opens nothing once its session signed out', async () => {
    const { email } = await person();
    const browser = await signIn(email);
    await browser.page('/');
    const copy = browser.copy();
    expect(await opensDesk(copy)).toBe(true);
    expect((await browser.post('/', '/logout')).status).toBe(303);
    expect(await opensDesk(copy)).toBe(false);
  });

  it('signing in again from the same browser ends the session it held', async () => {
    const [first, second] = [await person(), await person()];
    const browser = await signIn(first.email);
    const copy = (await browser.page('/')) && browser.copy();
    expect((await browser.post('/', '/login', { email: second.email, password: PASSWORD })).status).toBe(303);
    expect(await opensDesk(copy)).toBe(false);
    expect((await t.api().get(`/api/users/${first.id}/sessions`).expect(200)).body.filter((s: { userAgent: string }) => s.userAgent === FIREFOX)).toEqual([]);
    expect(await opensDesk(browser)).toBe(true);
  });

  it('a new password set through a new invite ends every earlier session: the old cookie neither reads nor writes', async () => {
    const { id, email } = await person(t, 'community_manager');
    const incident = await createIncident(t);
    const old = await signIn(email);
    const page = await old.page(`/incidents/${incident.id}`);
    const copy = old.copy();

    const fresh = t.anonymous();
    const path = await inviteUrl(t, id);
    const form = await fresh.get(path).expect(200);
    await fresh.post(path).type('form').send({ _csrf: csrfOf(form.text), password: `${PASSWORD} again`, confirm: `${PASSWORD} again` }).expect(303);
    await fresh.get('/').expect(200);

    const write = await request(t.app.getHttpServer())
      .post(`/incidents/${incident.id}/comments`)
      .set('Cookie', copy.cookie)
      .type('form')
      .send({ _csrf: csrfOf(page.text), _form: 'comment', body: 'Written by a stolen cookie', direction: 'inbound' });
    expect(write.status).toBe(303);
    expect(write.headers.location).toMatch(/^\/login/);
    const comments = (await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200)).body.items as Array<{ body: string }>;
    expect(comments.map((comment) => comment.body)).not.toContain('Written by a stolen cookie');
    expect(await opensDesk(old)).toBe(false);
  });

  it('an admin lists and ends a person’s sessions through the API', async () => {
    const { id, email } = await person();
    const first = await signIn(email, FIREFOX);
    const second = await signIn(email, SAFARI);
    const listed = (await t.api().get(`/api/users/${id}/sessions`).expect(200)).body as Array<{ id: string; userAgent: string; address: string; createdAt: string; lastSeenAt: string }>;
    // The browser that accepted the invite, and the two signed in since.
    expect(listed).toHaveLength(3);
    expect(listed.filter((session) => session.userAgent === SAFARI)).toHaveLength(1);
    expect(listed[0]!.address).toMatch(/127\.0\.0\.1/);

    await t.api().delete(`/api/users/${id}/sessions/${listed.find((session) => session.userAgent === SAFARI)!.id}`).expect(204);
    expect(await opensDesk(second)).toBe(false);
    expect(await opensDesk(first)).toBe(true);

    expect((await t.api().delete(`/api/users/${id}/sessions`).expect(200)).body).toEqual({ ended: 2 });
    expect(await opensDesk(first)).toBe(false);
    expect((await t.api().get(`/api/users/${id}/sessions`).expect(200)).body).toEqual([]);
    const viewer = await t.createUser('viewer');
    await t.api(viewer.token).delete(`/api/users/${id}/sessions`).expect(403);
  });

  it('an admin signs a person out everywhere from /admin', async () => {
    const { id, email } = await person();
    const browser = await signIn(email);
    const admin = await signedIn(t, 'admin');
    const page = await admin.agent.get('/admin').expect(200);
    const ended = await admin.agent.post(`/admin/users/${id}/sessions/end`).type('form').send({ _csrf: csrfOf(page.text), _form: `sessions-${id}` }).expect(303);
    expect(ended.headers.location).toBe('/admin');
    expect((await admin.agent.get('/admin').expect(200)).text).toMatch(/: 2 sessions ended\./);
    expect(await opensDesk(browser)).toBe(false);
  });

  it('deactivating ends every session: reactivated, the person signs in again', async () => {
    const { id, email } = await person();
    const browser = await signIn(email);
    await t.api().patch(`/api/users/${id}`).send({ active: false }).expect(200);
    await t.api().patch(`/api/users/${id}`).send({ active: true }).expect(200);
    expect(await opensDesk(browser)).toBe(false);
    expect(await opensDesk(await signIn(email))).toBe(true);
  });

  it('the person sees their sessions on My account, linked from the header, and ends any of them', async () => {
    const { id, email } = await person();
    await t.api().delete(`/api/users/${id}/sessions`).expect(200);
    const mine = await signIn(email, FIREFOX);
    const phone = await signIn(email, SAFARI);
    expect((await mine.page('/')).text).toContain('href="/account"');

    const page = await mine.page('/account');
    const rows = [...page.text.matchAll(/<tr data-testid="session-row" data-session="([^"]+)">([\s\S]*?)<\/tr>/g)].map(([, id, row]) => ({ id: id!, row: row! }));
    expect(rows).toHaveLength(2);
    const here = rows.find(({ row }) => row.includes('This browser'))!;
    const there = rows.find(({ row }) => !row.includes('This browser'))!;
    expect(here.row).toContain('Firefox · Linux');
    expect(there.row).toContain('Safari · iOS');

    // Without the form's token, nothing ends.
    await request(t.app.getHttpServer()).post(`/account/sessions/${there.id}/end`).set('Cookie', mine.cookie).type('form').send({}).expect(403);
    expect(await opensDesk(phone)).toBe(true);

    const ended = await mine.post('/account', `/account/sessions/${there.id}/end`, { _form: `end-session-${there.id}` });
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toBe('/account#sessions');
    expect((await mine.page('/account')).text).toContain('The session ended.');
    expect(await opensDesk(phone)).toBe(false);
    expect(await opensDesk(mine)).toBe(true);

    // Someone else's session, or one already over: 404, and theirs still holds.
    const other = await person();
    const theirs = await signIn(other.email);
    const theirSessions = (await t.api().get(`/api/users/${other.id}/sessions`).expect(200)).body as Array<{ id: string }>;
    for (const session of theirSessions) expect((await mine.post('/account', `/account/sessions/${session.id}/end`, { _form: `end-session-${session.id}` })).status).toBe(404);
    expect((await mine.post('/account', `/account/sessions/${there.id}/end`, { _form: `end-session-${there.id}` })).status).toBe(404);
    expect(await opensDesk(theirs)).toBe(true);

    // Ending this browser's own session signs it out.
    const out = await mine.post('/account', `/account/sessions/${here.id}/end`, { _form: `end-session-${here.id}` });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login?signedOut=1');
    expect(await opensDesk(mine)).toBe(false);
  });

  it('ends every other session at once, in French too', async () => {
    const { email } = await person();
    const mine = await signIn(email);
    const others = [await signIn(email, SAFARI), await signIn(email, SAFARI)];
    const fr = { 'Accept-Language': 'fr' };
    expect((await mine.page('/account', fr)).text).toContain('Ce navigateur');
    const ended = await mine.post('/account', '/account/sessions/end-others', { _form: 'end-other-sessions' }, fr);
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toBe('/account#sessions');
    expect((await mine.page('/account', fr)).text).toContain('3 autres sessions fermées.');
    for (const browser of others) expect(await opensDesk(browser)).toBe(false);
    expect(await opensDesk(mine)).toBe(true);
  });

  it('notes last seen at most every few minutes, not on every page', async () => {
    const { id } = await person();
    const sessions = t.app.get(WebSessionsService);
    const created = new Date(Date.now() - 60_000);
    const { token, session } = await sessions.start(id, { userAgent: FIREFOX, address: '192.0.2.1' }, created);
    const lastSeen = async (at: Date) => (await sessions.list(id, at)).find((row) => row.id === session.id)!.lastSeenAt.getTime();

    const soon = new Date(created.getTime() + LAST_SEEN_EVERY_MS - 1000);
    expect((await sessions.resolve(token, soon))?.user.id).toBe(id);
    expect(await lastSeen(soon)).toBe(created.getTime());

    const later = new Date(created.getTime() + LAST_SEEN_EVERY_MS + 1000);
    expect((await sessions.resolve(token, later))?.session.lastSeenAt.getTime()).toBe(later.getTime());
    expect(await lastSeen(later)).toBe(later.getTime());
    expect(await sessions.resolve('not a token of any session', later)).toBeNull();
  });

  it('sessions live in the database: another API process of the desk honours them, and a sign-out there holds here', async () => {
    const db = t.config.database;
    const second = await startApp({ DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url, CALUMET_ADMIN_TOKEN: t.adminToken });
    try {
      const { email } = await person();
      const here = await signIn(email);
      await here.page('/');
      const there = new Browser(second, FIREFOX, here.cookie);
      expect(await opensDesk(there)).toBe(true);
      expect((await there.post('/', '/logout')).status).toBe(303);
      expect(await opensDesk(here)).toBe(false);
    } finally {
      await second.close();
    }
  });
});
