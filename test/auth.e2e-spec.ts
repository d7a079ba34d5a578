import { createHash, randomUUID } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import { MIN_ROLE_KEY, PUBLIC_KEY } from '../src/auth/auth.decorators.js';
import { ROLES, type Role } from '../src/common/roles.js';
import { startApp, sql, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, createPost } from './helpers/fixtures.js';
import { routesOf } from './helpers/routes.js';

describe('authentication and roles', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await startApp();
    for (const role of ROLES) tokens[role] = role === 'admin' ? t.adminToken : (await t.createUser(role)).token;
  });
  afterAll(() => t.close());

  it('refuses /api without a token, with a malformed header or an unknown token', async () => {
    await t.anonymous().get('/api/me').expect(401);
    await t.anonymous().get('/api/me').set('Authorization', 'Basic abc').expect(401);
    const response = await t.api('clm_not-a-real-token').get('/api/me').expect(401);
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'the token is unknown or its user is inactive',
      problems: [{ code: 'auth.tokenUnknown', message: 'the token is unknown or its user is inactive' }],
    });
  });

  it('bootstraps an admin from CALUMET_ADMIN_TOKEN', async () => {
    const response = await t.api().get('/api/me').expect(200);
    expect(response.body).toMatchObject({ role: 'admin', active: true });
  });

  it('refuses to demote or deactivate the last active admin with 409 naming the field, and lets one go while another stays', async () => {
    const me = (await t.api().get('/api/me').expect(200)).body as { id: string };
    const demoted = await t.api().patch(`/api/users/${me.id}`).send({ role: 'legal' }).expect(409);
    expect(demoted.body.problems).toEqual([expect.objectContaining({ code: 'user.lastAdmin', field: 'role' })]);
    expect(demoted.body.problems[0].message).toContain('is the last active admin');
    const deactivated = await t.api().patch(`/api/users/${me.id}`).send({ active: false }).expect(409);
    expect(deactivated.body.problems).toEqual([expect.objectContaining({ code: 'user.lastAdmin', field: 'active' })]);
    // Nothing written: still the admin, still signed in.
    expect((await t.api().get('/api/me').expect(200)).body).toMatchObject({ role: 'admin', active: true });
    // A change that keeps the role is no demotion.
    await t.api().patch(`/api/users/${me.id}`).send({ role: 'admin' }).expect(200);
    const other = await t.createUser('admin');
    await t.api().patch(`/api/users/${other.id}`).send({ role: 'legal' }).expect(200);
    await t.api().patch(`/api/users/${me.id}`).send({ active: false }).expect(409);
  });

  it('shows a new token once and stores only its SHA-256', async () => {
    const created = await t.api().post('/api/users').send({ name: 'Blogger', email: 'Blogger@Example.com', role: 'community_manager' }).expect(201);
    expect(created.body.user).toMatchObject({ name: 'Blogger', email: 'blogger@example.com', role: 'community_manager' });
    expect(created.body.token).toMatch(/^clm_[A-Za-z0-9_-]{43}$/);
    const rows = (await sql(t.dataSource, 'SELECT token_hash FROM users WHERE id = ?', [created.body.user.id])) as Array<{ token_hash: string }>;
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(created.body.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.body.token);
    const me = await t.api(created.body.token).get('/api/me').expect(200);
    expect(me.body).not.toHaveProperty('token');
    expect(me.body).not.toHaveProperty('tokenHash');
  });

  it('refuses a second user with the same email', async () => {
    await t.api().post('/api/users').send({ name: 'Twin', email: 'twin@example.com', role: 'viewer' }).expect(201);
    await t.api().post('/api/users').send({ name: 'Twin', email: 'TWIN@example.com', role: 'viewer' }).expect(409);
  });

  it('stops an old token when a new one is issued, and a deactivated user at once', async () => {
    const user = await t.createUser('viewer');
    const rotated = await t.api().post(`/api/users/${user.id}/token`).expect(200);
    await t.api(user.token).get('/api/me').expect(401);
    await t.api(rotated.body.token).get('/api/me').expect(200);
    await t.api().patch(`/api/users/${user.id}`).send({ active: false }).expect(200);
    await t.api(rotated.body.token).get('/api/me').expect(401);
  });

  describe('the role matrix', () => {
    let ids: Record<string, string>;
    beforeAll(async () => {
      const incident = await createIncident(t);
      const comment = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Someone', body: 'Hello' });
      ids = {
        incident: incident.id,
        comment: comment.id,
        party: (await createParty(t)).id,
        post: (await createPost(t)).id,
        user: (await t.createUser('viewer')).id,
      };
    });

    const routes: Array<[method: 'get' | 'post' | 'patch' | 'delete', path: string, minimum: Role]> = [
      ['get', '/api/me', 'viewer'],
      ['get', '/api/users', 'viewer'],
      ['post', '/api/users', 'admin'],
      ['patch', '/api/users/:user', 'admin'],
      ['post', '/api/users/:user/token', 'admin'],
      ['get', '/api/parties', 'viewer'],
      ['get', '/api/parties/:party', 'viewer'],
      ['post', '/api/parties', 'community_manager'],
      ['patch', '/api/parties/:party', 'community_manager'],
      ['get', '/api/posts', 'viewer'],
      ['get', '/api/posts/:post', 'viewer'],
      ['post', '/api/posts', 'community_manager'],
      ['patch', '/api/posts/:post', 'community_manager'],
      ['get', '/api/incidents', 'viewer'],
      ['get', '/api/incidents/:incident', 'viewer'],
      ['get', '/api/incidents/:incident/timeline', 'viewer'],
      ['get', '/api/incidents/:incident/timeline/verify', 'viewer'],
      ['get', '/api/incidents/:incident/comments', 'viewer'],
      ['get', '/api/comments/:comment', 'viewer'],
      ['post', '/api/incidents', 'community_manager'],
      ['patch', '/api/incidents/:incident', 'community_manager'],
      ['post', '/api/incidents/:incident/transitions', 'community_manager'],
      ['post', '/api/incidents/:incident/comments', 'community_manager'],
      ['patch', '/api/comments/:comment', 'community_manager'],
      ['post', '/api/incidents/:incident/legal-hold', 'legal'],
      ['delete', '/api/incidents/:missing', 'admin'],
    ];

    const cases = routes.flatMap(([method, path, minimum]) => ROLES.map((role) => [method, path, minimum, role] as const));

    it.each(cases)('%s %s (least role %s) as %s', async (method, path, minimum, role) => {
      const url = path.replace(/:(\w+)/g, (_, name: string) => (name === 'missing' ? randomUUID() : ids[name]!));
      const request = t.api(tokens[role])[method](url);
      // An empty body: a permitted role gets past the guards and meets validation (400), a refused one never does.
      const response = method === 'get' || method === 'delete' ? await request : await request.send({});
      const allowed = ROLES.indexOf(role) >= ROLES.indexOf(minimum);
      if (allowed) {
        expect([401, 403]).not.toContain(response.status);
      } else {
        expect(response.status).toBe(403);
        expect(response.body.message).toBe(`this action needs the ${minimum} role or above`);
      }
    });
  });

  /** Routes open to anyone on purpose, each with what guards it instead of a token. */
  const PUBLIC_ON_PURPOSE: Record<string, string> = {
    '/api/public/notices/form': 'the public notice form (DSA art. 16: no account); hands out a signed form token',
    '/api/public/notices': 'the public notice form (DSA art. 16: no account); behind PublicNoticeGate (per-address limit, signed token, trap field)',
  };

  it('declares a least role on every route that writes, and a token on every /api route', () => {
    const reflector = new Reflector();
    const open: string[] = [];
    const unguarded = routesOf(t).flatMap(({ method, path, handler, controller }) => {
      if (!path.startsWith('/api/')) return [];
      if (PUBLIC_ON_PURPOSE[path]) {
        if (reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, controller])) open.push(`${method} ${path}`);
        return [];
      }
      const problems: string[] = [];
      if (reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, controller])) problems.push(`${method} ${path} is public`);
      if (method !== 'GET' && !reflector.getAllAndOverride(MIN_ROLE_KEY, [handler, controller])) problems.push(`${method} ${path} writes without @MinRole`);
      return problems;
    });
    expect(unguarded).toEqual([]);
    expect(open.sort()).toEqual(['GET /api/public/notices/form', 'POST /api/public/notices']);
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 past RATE_LIMIT_PER_MINUTE requests per token, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await t.api().get('/api/me').expect(200);
    const refused = await t.api().get('/api/me').expect(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body.statusCode).toBe(429);
  });

  it('counts each token on its own and leaves /health alone', async () => {
    // The admin token is spent by the test above; another token still gets through to authentication.
    await t.api().get('/api/me').expect(429);
    await t.api('clm_someone-else').get('/api/me').expect(401);
    for (let i = 0; i < 5; i++) await t.anonymous().get('/health').expect(200);
  });
});

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('sends helmet headers on API answers', async () => {
    const response = await t.api().get('/api/me').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
