import { startApp, type TestApp } from '../helpers/app.js';
import { captureSecurityLog, csrfOf, inviteUrl, PASSWORD } from './web-helpers.js';

/** A person with a password; answers their email. */
async function person(t: TestApp): Promise<{ id: string; email: string }> {
  const user = await t.createUser('viewer');
  const email = (await t.api().get('/api/users?limit=100')).body.items.find((u: { id: string }) => u.id === user.id).email as string;
  const agent = t.anonymous();
  const path = await inviteUrl(t, user.id);
  const form = await agent.get(path).expect(200);
  await agent.post(path).type('form').send({ _csrf: csrfOf(form.text), password: PASSWORD, confirm: PASSWORD }).expect(303);
  return { id: user.id, email };
}

/** One sign-in from a new browser, saying it comes through a proxy for `forwardedFor` when given. */
async function signIn(t: TestApp, email: string, password: string, forwardedFor?: string): Promise<number> {
  const agent = t.anonymous();
  const headers: Record<string, string> = forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {};
  const login = await agent.get('/login').set(headers).expect(200);
  return (await agent.post('/login').set(headers).type('form').send({ _csrf: csrfOf(login.text), email, password })).status;
}

describe('web desk: sign-in limits behind a named proxy (TRUST_PROXY=127.0.0.1)', () => {
  let t: TestApp;
  let log: Array<Record<string, unknown>>;

  beforeAll(async () => {
    t = await startApp({ TRUST_PROXY: '127.0.0.1' });
    log = captureSecurityLog(t);
  });
  afterAll(() => t.close());

  it('ten failures from other addresses do not refuse the right password from an address that has not failed', async () => {
    const { email } = await person(t);
    for (let i = 1; i <= 10; i++) expect(await signIn(t, email, 'wrong password', `198.51.100.${i}`)).toBe(401);
    expect(await signIn(t, email, 'wrong password', '198.51.100.1')).toBe(429);
    // The addresses that failed wait, even with the right password; the person's own does not.
    expect(await signIn(t, email, PASSWORD, '198.51.100.3')).toBe(429);
    expect(await signIn(t, email, PASSWORD, '203.0.113.5')).toBe(303);
    expect(await signIn(t, email, PASSWORD, '203.0.113.5')).toBe(303);

    const refused = log.filter((line) => line.event === 'login.refused');
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0]).toMatchObject({ tag: 'security', reason: 'account', account: email, address: '198.51.100.1' });
    expect(log).toContainEqual(expect.objectContaining({ tag: 'security', event: 'login.locked', scope: 'account', account: email }));
  });

  it('an address past ten failures waits, whichever account it tries, the right password too', async () => {
    const people = [await person(t), await person(t)];
    for (let i = 0; i < 10; i++) expect(await signIn(t, people[i % 2]!.email, 'wrong password', '192.0.2.77')).toBe(401);
    expect(await signIn(t, people[0]!.email, PASSWORD, '192.0.2.77')).toBe(429);
    expect(log).toContainEqual(expect.objectContaining({ tag: 'security', event: 'login.locked', scope: 'address', address: '192.0.2.77' }));
    expect(log).toContainEqual(expect.objectContaining({ tag: 'security', event: 'login.refused', reason: 'address', address: '192.0.2.77' }));
    expect(await signIn(t, people[0]!.email, PASSWORD, '192.0.2.78')).toBe(303);
  });

  it('signing into one’s own account buys no more guesses at another', async () => {
    const [mine, a, b, c] = [await person(t), await person(t), await person(t), await person(t)];
    for (let i = 0; i < 9; i++) expect(await signIn(t, (i % 2 ? a : b).email, 'wrong password', '192.0.2.99')).toBe(401);
    expect(await signIn(t, mine.email, PASSWORD, '192.0.2.99')).toBe(303);
    expect(await signIn(t, c.email, 'wrong password', '192.0.2.99')).toBe(401);
    expect(await signIn(t, c.email, PASSWORD, '192.0.2.99')).toBe(429);
  });

  it('keeps the address the proxy gave on the session', async () => {
    const { id, email } = await person(t);
    expect(await signIn(t, email, PASSWORD, '203.0.113.44')).toBe(303);
    const sessions = (await t.api().get(`/api/users/${id}/sessions`).expect(200)).body as Array<{ address: string }>;
    expect(sessions.map((session) => session.address)).toContain('203.0.113.44');
  });
});

describe('web desk: sign-in limits without TRUST_PROXY', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('a rotating X-Forwarded-For counts as one address', async () => {
    const people = await Promise.all(Array.from({ length: 11 }, () => person(t)));
    for (let i = 0; i < 10; i++) expect(await signIn(t, people[i]!.email, 'wrong password', `198.51.100.${i + 1}`)).toBe(401);
    expect(await signIn(t, people[10]!.email, PASSWORD, '198.51.100.200')).toBe(429);
  });

  it('keeps the peer’s address on the session, not the one a header claims', async () => {
    const other = await startApp();
    try {
      const { id, email } = await person(other);
      expect(await signIn(other, email, PASSWORD, '203.0.113.44')).toBe(303);
      const sessions = (await other.api().get(`/api/users/${id}/sessions`).expect(200)).body as Array<{ address: string }>;
      expect(sessions.map((session) => session.address)).not.toContain('203.0.113.44');
      expect(sessions.every((session) => /127\.0\.0\.1/.test(session.address))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('an https X-Forwarded-Proto from an unnamed proxy does not make the cookie Secure', async () => {
    const proxied = await t.anonymous().get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(proxied.headers['set-cookie']![0]).not.toMatch(/; Secure/i);
  });
});

describe('web desk: sign-in failures counted together by every API process (Redis)', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startApp();
    const db = first.config.database;
    second = await startApp({ DATABASE_URL: db.type === 'sqlite' ? `sqlite:${db.path}` : db.url, CALUMET_ADMIN_TOKEN: first.adminToken, REDIS_PREFIX: first.config.redisPrefix });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('five failures on each of two processes lock the address on both', async () => {
    const { email } = await person(first);
    for (let i = 0; i < 5; i++) {
      expect(await signIn(first, email, 'wrong password')).toBe(401);
      expect(await signIn(second, email, 'wrong password')).toBe(401);
    }
    expect(await signIn(first, email, PASSWORD)).toBe(429);
    expect(await signIn(second, email, PASSWORD)).toBe(429);
  });
});

describe('web desk: sign-in limits without Redis', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ REDIS_URL: 'redis://127.0.0.1:1/5' });
  });
  afterAll(() => t.close());

  it('counts in the process: past ten failures the address waits', async () => {
    const { email } = await person(t);
    for (let i = 0; i < 10; i++) expect(await signIn(t, email, 'wrong password')).toBe(401);
    expect(await signIn(t, email, PASSWORD)).toBe(429);
  });
});
