import { startApp, type TestApp } from '../helpers/app.js';
import { csrfOf, inviteUrl, PASSWORD, signedIn } from './web-helpers.js';

/** `next` after sign-in and `back` after the language switch lead to a path of this site only, and never to a 5xx. */
describe('web desk: where a form sends the reader', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const HOSTILE = ['/%09/evil.example', '/%0a/x', '/%0d%0aSet-Cookie:%20a=b', '//evil.example', '/%5Cevil.example', 'https://evil.example/'];

  async function person(): Promise<{ email: string }> {
    const user = await t.createUser('viewer');
    const email = (await t.api().get('/api/users?limit=100')).body.items.find((u: { id: string }) => u.id === user.id).email as string;
    const agent = t.anonymous();
    const path = await inviteUrl(t, user.id);
    const form = await agent.get(path).expect(200);
    await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
    return { email };
  }

  it.each(HOSTILE)('GET /login?next=%s sends a signed-in reader home and offers no other place to a visitor', async (next) => {
    const { agent } = await signedIn(t, 'viewer');
    const answer = await agent.get(`/login?next=${next}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');

    const visitor = await t.anonymous().get(`/login?next=${next}`).expect(200);
    expect(/name="next" value="([^"]*)"/.exec(visitor.text)?.[1]).toBe('/');
  });

  it.each(HOSTILE)('POST /login with next=%s sends the person home', async (next) => {
    const { email } = await person();
    const agent = t.anonymous();
    const login = await agent.get('/login').expect(200);
    const answer = await agent.post('/login').type('form').send({ _csrf: csrfOf(login.text), email, password: PASSWORD, next: decodeURIComponent(next) });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
  });

  it('POST /login keeps a path of this site', async () => {
    const { email } = await person();
    const agent = t.anonymous();
    const login = await agent.get('/login?next=%2Fincidents%3Fstatus%3Dopen').expect(200);
    const answer = await agent.post('/login').type('form').send({ _csrf: csrfOf(login.text), email, password: PASSWORD, next: '/incidents?status=open' }).expect(303);
    expect(answer.headers.location).toBe('/incidents?status=open');
  });

  it.each(HOSTILE)('the language switch with back=%s answers / (signed in or not)', async (back) => {
    const visitor = t.anonymous();
    const page = await visitor.get('/login').expect(200);
    const anonymous = await visitor.post('/language').type('form').send({ _csrf: csrfOf(page.text), locale: 'fr', back: decodeURIComponent(back) });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/');

    const { agent } = await signedIn(t, 'viewer');
    const home = await agent.get('/').expect(200);
    const answer = await agent.post('/language').type('form').send({ _csrf: csrfOf(home.text), locale: 'en', back: decodeURIComponent(back) });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
  });

  it('the language switch goes back to the page it was used on', async () => {
    const { agent } = await signedIn(t, 'viewer');
    const home = await agent.get('/').expect(200);
    const answer = await agent.post('/language').type('form').send({ _csrf: csrfOf(home.text), locale: 'fr', back: '/incidents' }).expect(303);
    expect(answer.headers.location).toBe('/incidents');
  });
});
