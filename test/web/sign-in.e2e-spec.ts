import { startApp, type TestApp } from '../helpers/app.js';
import { createIncident } from '../helpers/fixtures.js';
import { User } from '../../src/users/user.entity.js';
import { csrfOf, inviteUrl, PASSWORD, signedIn, submit } from './web-helpers.js';

describe('web desk: sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('sends a reminder link to the sign-in page, then back to the incident once signed in', async () => {
    const incident = await createIncident(t);
    const user = await t.createUser('community_manager', 'Marie-Aude');
    const agent = t.anonymous();
    const first = await agent.get(`/incidents/${incident.id}`).expect(303);
    expect(first.headers.location).toBe(`/login?next=${encodeURIComponent(`/incidents/${incident.id}`)}`);

    const path = await inviteUrl(t, user.id);
    const invite = await agent.get(path).expect(200);
    await agent.post(path).type('form').send({ _csrf: csrfOf(invite.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
    await submit(agent, '/', '/logout', {}).then((response) => expect(response.status).toBe(303));

    const email = (await t.api().get('/api/users?limit=100')).body.items.find((u: { id: string }) => u.id === user.id).email as string;
    const signIn = await submit(agent, first.headers.location!, '/login', { email, password: PASSWORD, next: `/incidents/${incident.id}` });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe(`/incidents/${incident.id}`);
    const page = await agent.get(`/incidents/${incident.id}`).expect(200);
    expect(page.text).toContain(incident.ref);
  });

  it('sets the session cookie httpOnly and SameSite=Lax, Secure when the request came over https through a named proxy', async () => {
    const plain = await t.anonymous().get('/login').expect(200);
    const cookie = plain.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const behindProxy = await startApp({ TRUST_PROXY: '127.0.0.1' });
    try {
      const proxied = await behindProxy.anonymous().get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      expect(proxied.headers['set-cookie']![0]).toMatch(/; Secure/i);
    } finally {
      await behindProxy.close();
    }
  });

  it('uses an invite link once only', async () => {
    const user = await t.createUser('viewer');
    const path = await inviteUrl(t, user.id);
    const agent = t.anonymous();
    const form = await agent.get(path).expect(200);
    await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
    await t.anonymous().get(path).expect(410);
  });

  it('welcomes the person on Today once their password is set, in their language, once only', async () => {
    for (const [locale, welcome] of [
      ['en', 'Your password is set. You are signed in.'],
      ['fr', 'Votre mot de passe est enregistré. Vous êtes connecté·e.'],
    ] as const) {
      const user = await t.createUser('community_manager', 'Zoé Nouvelle');
      await t.write((manager) => manager.update(User, { id: user.id }, { locale }));
      const agent = t.anonymous();
      const path = await inviteUrl(t, user.id);
      const form = await agent.get(path).expect(200);
      const accepted = await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
      const today = await agent.get(accepted.headers.location!).expect(200);
      expect({ locale, notice: /<p class="notice" role="status">([^<]*)<\/p>/.exec(today.text)?.[1] }).toEqual({ locale, notice: welcome });
      expect((await agent.get('/').expect(200)).text).not.toContain('role="status"');
    }
  });

  it('refuses an unknown invite link with 404 and a too short password with 400 naming the rule', async () => {
    await t.anonymous().get('/invite/nope').expect(404);
    const user = await t.createUser('viewer');
    const path = await inviteUrl(t, user.id);
    const agent = t.anonymous();
    const form = await agent.get(path).expect(200);
    const refused = await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: 'short', confirm: 'short' }).expect(400);
    expect(refused.text).toContain('at least 12 characters');
  });

  it('refuses a form without its CSRF token', async () => {
    const { agent } = await signedIn(t, 'community_manager');
    const incident = await createIncident(t);
    const refused = await agent.post(`/incidents/${incident.id}/comments`).type('form').send({ body: 'hello', direction: 'inbound' }).expect(403);
    expect(refused.text).toContain('did not come from Calumet');
    await agent.post('/login').type('form').send({ email: 'a@b.c', password: 'x' }).expect(403);
  });

  it('limits failed sign-ins: past ten, even the right password waits', async () => {
    const user = await t.createUser('viewer');
    const email = (await t.api().get('/api/users?limit=100')).body.items.find((u: { id: string }) => u.id === user.id).email as string;
    const invited = t.anonymous();
    const path = await inviteUrl(t, user.id);
    const form = await invited.get(path).expect(200);
    await invited.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);

    const visitor = t.anonymous();
    const login = await visitor.get('/login').expect(200);
    for (let i = 0; i < 10; i++) await visitor.post('/login').type('form').send({ _csrf: csrfOf(login.text), email, password: 'wrong password' }).expect(401);
    const limited = await visitor.post('/login').type('form').send({ _csrf: csrfOf(login.text), email, password: PASSWORD }).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('signs out: the session no longer opens pages', async () => {
    const { agent } = await signedIn(t, 'viewer');
    await agent.get('/').expect(200);
    await submit(agent, '/', '/logout', {}).then((response) => expect(response.status).toBe(303));
    await agent.get('/').expect(303);
  });

  it('ends the session of a deactivated person at once', async () => {
    const { agent, id } = await signedIn(t, 'viewer');
    await t.api().patch(`/api/users/${id}`).send({ active: false }).expect(200);
    await agent.get('/').expect(303);
  });

  it('serves pages under a strict Content-Security-Policy and leaves /docs its own', async () => {
    const page = await t.anonymous().get('/login').expect(200);
    const csp = page.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const docs = await t.anonymous().get('/docs').redirects(1);
    expect(docs.headers['content-security-policy']).toContain('unsafe-inline');
  });

  it('serves htmx from this process', async () => {
    const script = await t.anonymous().get('/assets/htmx.min.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('htmx');
  });
});
