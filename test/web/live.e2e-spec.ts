import type { AddressInfo } from 'node:net';
import { REDIS_URL, startApp, type TestApp } from '../helpers/app.js';
import { nextEvent, openEvents } from '../helpers/event-stream.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait-for.js';
import { addComment, createIncident } from '../helpers/fixtures.js';
import { signedIn } from './web-helpers.js';

describe.each([
  ['through Redis', false],
  // The embedded default: SQLite and no Redis (a proxy to it, down), the bus in this process.
  ['in this process, on SQLite without Redis', true],
])('web desk: live updates %s', (_, withoutRedis: boolean) => {
  let t: TestApp;
  let port: number;
  let proxy: TcpProxy | undefined;

  beforeAll(async () => {
    const redis = new URL(REDIS_URL);
    if (withoutRedis) {
      proxy = await startTcpProxy(Number(redis.port || 6379), redis.hostname);
      await proxy.down();
    }
    t = await startApp(proxy ? { REDIS_URL: `redis://127.0.0.1:${proxy.port}${redis.pathname}` } : {});
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    if (proxy) {
      // An API closes cleanly once its queues reach Redis again (see test/without-redis.e2e-spec.ts).
      await proxy.up();
      await waitFor('Redis again before closing', async () => (await t.anonymous().get('/health')).body.redis === 'up');
    }
    await t.close();
    await proxy?.close();
  }, 60_000);

  const open = (cookie: string) => openEvents(`http://127.0.0.1:${port}`, cookie);

  it('tells a signed-in page of a new message once it is committed', async () => {
    const { agent } = await signedIn(t, 'viewer');
    const cookie = ((await agent.get('/').expect(200)).request as unknown as { cookies: string }).cookies;
    const stream = await open(cookie);
    expect(stream.headers['content-type']).toMatch(/text\/event-stream/);
    const incident = await createIncident(t);
    const event = nextEvent(stream, 'incident');
    await addComment(t, incident.id, { direction: 'inbound', body: 'A new message', authorName: 'Someone' });
    await expect(event).resolves.toEqual({ incidentId: incident.id, type: 'comment.added' });
    stream.destroy();
  });

  it('refuses the stream to someone not signed in', async () => {
    const stream = await open('');
    expect(stream.statusCode).toBe(303);
    stream.destroy();
  });
});
