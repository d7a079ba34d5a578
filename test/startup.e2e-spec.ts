import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, REDIS_URL, testDb } from './helpers/app.js';
import { childApi, spawnService, startChildService } from './helpers/child-service.js';
import { startSite } from './helpers/site.js';
import { waitFor } from './helpers/wait-for.js';
import { deleteRedisPrefix } from './helpers/redis-prefix.js';

describe('the built service (npm start)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'calumet-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on a new database, serves /health, and stops cleanly on SIGTERM', async () => {
    const database = testDb() === 'sqlite' ? { url: `sqlite:${join(dir, 'nested', 'calumet.sqlite')}`, drop: async () => undefined } : await freshDatabase();
    const prefix = `calumet-start-${Date.now()}`;
    const service = await startChildService({ DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, CALUMET_ROLES: 'api,worker' });
    try {
      const health = await fetch(`${service.url}/health`);
      expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok', db: 'up', redis: 'up' } });
      if (testDb() === 'sqlite') expect(existsSync(join(dir, 'nested', 'calumet.sqlite'))).toBe(true);
      const logLine = service.lines.find((line) => line.includes('listening on port'));
      expect(JSON.parse(logLine!)).toMatchObject({ level: 30, msg: expect.stringContaining(`Calumet api+worker listening on port ${new URL(service.url).port}`) });
      service.process.kill('SIGTERM');
      // Nest closes the application, then lets the signal end the process.
      expect(await service.exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(service.lines.join('\n')).not.toMatch(/"level":50|Error/);
    } finally {
      service.process.kill('SIGKILL');
      await database.drop();
      await deleteRedisPrefix(REDIS_URL, prefix);
    }
  });

  it('stops within SHUTDOWN_TIMEOUT when a running job holds the stop: it names the job and what is open, and exits with 1', async () => {
    const database = testDb() === 'sqlite' ? { url: `sqlite:${join(dir, 'held-stop.sqlite')}`, drop: async () => undefined } : await freshDatabase();
    const prefix = `calumet-held-${Date.now()}`;
    // A page whose image never comes: its capture runs until CAPTURE_MAX_MS (here a minute), and the worker waits for its running jobs.
    const site = await startSite();
    site.page('/stuck', '<!doctype html><html><body><h1>Stuck</h1><img src="/never.png"></body></html>');
    site.route('/never.png', () => undefined);
    const token = `held-stop-admin-token-${Date.now()}`;
    const service = await startChildService({
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      CALUMET_ROLES: 'api,worker',
      CALUMET_ADMIN_TOKEN: token,
      FETCH_ALLOW_PRIVATE: 'true',
      EVIDENCE_DIR: join(dir, 'held-stop-evidence'),
      CAPTURE_TIMEOUT: 'PT1M',
      SHUTDOWN_TIMEOUT: 'PT2S',
    });
    try {
      const api = childApi(() => service.url, token);
      const incident = await api('POST', '/api/incidents', { title: 'A capture that never ends', severity: 'low' });
      await api('POST', `/api/incidents/${incident.id}/evidence`, { kind: 'page_capture', url: `${site.base}/stuck` });
      await waitFor('the capture to ask for the image that never comes', () => site.hits('/never.png') > 0);
      service.process.kill('SIGTERM');
      // Without the deadline the stop would wait for the capture, a minute: past this test's time.
      expect(await service.exited).toEqual({ code: 1, signal: null });
      const held = service.lines.map((line) => JSON.parse(line) as { level: number; msg: string; context?: string }).find((line) => line.context === 'Shutdown');
      expect(held).toMatchObject({ level: 50, msg: expect.stringMatching(/^still stopping after 2000 ms, exiting: waiting for queue captures: jobs running \(CapturePage capture-\S+\)/) });
      expect(held!.msg).toMatch(/; open: \{.*"TCPSocketWrap":\d+/);
    } finally {
      service.process.kill('SIGKILL');
      await site.close();
      await database.drop();
      await deleteRedisPrefix(REDIS_URL, prefix);
    }
  });

  it('prints a sign-in token on a first start with no admin, once; a changed CALUMET_ADMIN_TOKEN rotates that admin', async () => {
    const database = testDb() === 'sqlite' ? { url: `sqlite:${join(dir, 'first-start.sqlite')}`, drop: async () => undefined } : await freshDatabase();
    const prefix = `calumet-first-${Date.now()}`;
    const env = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, CALUMET_ROLES: 'api' };
    const start = async (extra: Record<string, string> = {}) => {
      const service = await startChildService({ ...env, ...extra });
      service.process.kill('SIGTERM');
      await service.exited;
      return service;
    };
    const me = async (url: string, token: string) => {
      const response = await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      return { status: response.status, body: (response.ok ? await response.json() : null) as { id: string } | null };
    };
    try {
      const first = await startChildService(env);
      const line = first.lines.find((text) => text.includes('Sign in with this API token'));
      expect(line).toBeDefined();
      const token = /token, shown only now: (clm_[A-Za-z0-9_-]+)/.exec(JSON.parse(line!).msg)![1]!;
      const signedIn = await me(first.url, token);
      expect(signedIn).toMatchObject({ status: 200, body: { role: 'admin', email: 'admin@calumet.local', active: true } });
      first.process.kill('SIGTERM');
      await first.exited;

      const second = await start();
      expect(second.lines.join('\n')).not.toContain('Sign in with this API token');

      const chosen = `chosen-admin-token-${Date.now()}-abcdef`;
      await start({ CALUMET_ADMIN_TOKEN: chosen });
      const other = `other-admin-token-${Date.now()}-abcdef`;
      const last = await startChildService({ ...env, CALUMET_ADMIN_TOKEN: other });
      try {
        expect((await me(last.url, token)).status).toBe(401);
        expect((await me(last.url, chosen)).status).toBe(401);
        const now = await me(last.url, other);
        expect(now).toMatchObject({ status: 200, body: { id: signedIn.body!.id, role: 'admin' } });
        const users = (await fetch(`${last.url}/api/users?limit=100`, { headers: { Authorization: `Bearer ${other}` } }).then((r) => r.json())) as { items: Array<{ role: string }> };
        expect(users.items.filter((user: { role: string }) => user.role === 'admin')).toHaveLength(1);

        // An invited person chooses a password: zxcvbn, which the bundle leaves in node_modules until a password is
        // set (scripts/bundle.mjs), is loaded and judges it, a guessable one refused, a passphrase taken.
        const api = childApi(() => last.url, other);
        const invited = (await api('POST', '/api/users', { name: 'Inès Invitée', email: `ines-${Date.now()}@example.com`, role: 'viewer' })) as { user: { id: string } };
        const invite = `${last.url}${new URL(((await api('POST', `/api/users/${invited.user.id}/invite`, {})) as { url: string }).url).pathname}`;
        const form = await fetch(invite);
        const cookie = form.headers.getSetCookie().map((set) => set.split(';')[0]).join('; ');
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
        const choose = async (password: string) => {
          const answer = await fetch(invite, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en', cookie },
            body: new URLSearchParams({ _csrf: csrf, password, confirm: password }),
          });
          return { status: answer.status, text: await answer.text() };
        };
        const guessable = await choose('aaaaaaaaaaaa');
        expect(guessable.status).toBe(400);
        expect(guessable.text).toContain('repeated characters like “aaa” are easy to guess');
        expect((await choose('une plume verte sur le toit du moulin')).status).toBe(303);
      } finally {
        last.process.kill('SIGTERM');
        await last.exited;
      }
    } finally {
      await database.drop();
      await deleteRedisPrefix(REDIS_URL, prefix);
    }
    // Four starts of the service, one after another.
  }, 120_000);

  it.each([
    ['PORT', 'eighty', 'PORT must be an integer number'],
    ['CALUMET_TZ', 'Europe/Atlantis', 'CALUMET_TZ must be an IANA time zone'],
    ['DATABASE_URL', 'mysql://localhost/calumet', 'DATABASE_URL must be sqlite:<path> or postgres://'],
    ['CALUMET_ROLES', 'api,cron', 'CALUMET_ROLES must be a comma-separated list of api, worker'],
  ])('refuses to start with a bad %s and names it', async (name, value, message) => {
    const service = spawnService({ DATABASE_URL: `sqlite:${join(dir, 'never.sqlite')}`, [name]: value });
    expect((await service.exited).code).toBe(78);
    expect(service.lines.join('\n')).toContain(message);
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});
