import { Redis } from 'ioredis';
import { REDIS_URL, startApp, type TestApp } from './helpers/app.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';
import { waitFor } from './helpers/wait-for.js';

describe('while Redis is away', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    const target = new URL(REDIS_URL);
    proxy = await startTcpProxy(Number(target.port || 6379), target.hostname);
    t = await startApp({ CALUMET_ROLES: 'api,worker', REDIS_URL: `redis://127.0.0.1:${proxy.port}${target.pathname}` });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await proxy.up();
    await t.close();
    await proxy.close();
    await redis.quit();
  });

  it('accepts the write, reports Redis down, and arms the reminder once Redis is back', async () => {
    const incidentId = (await t.api().post('/api/incidents').send({ title: 'During the outage', severity: 'medium' }).expect(201)).body.id;
    await proxy.down();
    await waitFor('the health check to see Redis down', async () => (await t.anonymous().get('/health')).body.redis === 'down');
    expect((await t.anonymous().get('/health').expect(200)).body).toEqual({ status: 'degraded', db: 'up', redis: 'down' });

    const dueAt = new Date(Date.now() + 1000).toISOString();
    const created = (await t.api().post('/api/reminders').send({ incidentId, dueAt, note: 'Written while Redis was down' }).expect(201)).body;
    expect(created.status).toBe('scheduled');
    expect(await redis.exists(`${t.config.redisPrefix}:reminders:reminder-${created.id}-v1`)).toBe(0);

    await proxy.up();
    const sent = await waitFor('the reminder to be delivered after Redis came back', async () => {
      const reminder = (await t.api().get(`/api/reminders/${created.id}`).expect(200)).body;
      return reminder.status === 'sent' ? reminder : null;
    });
    expect(sent.deliveries).toEqual([expect.objectContaining({ channel: 'in_app', status: 'sent' })]);
    expect((await t.anonymous().get('/health').expect(200)).body.status).toBe('ok');
  });
});

describe('stopping while Redis is away', () => {
  it('stops, though its workers wait to reconnect: BullMQ alone would wait for them for ever', async () => {
    const target = new URL(REDIS_URL);
    const proxy = await startTcpProxy(Number(target.port || 6379), target.hostname);
    const t = await startApp({ CALUMET_ROLES: 'api,worker', REDIS_URL: `redis://127.0.0.1:${proxy.port}${target.pathname}` });
    let stopped = false;
    try {
      await waitFor('the health check to see Redis', async () => (await t.anonymous().get('/health')).body.redis === 'up');
      await proxy.down();
      await waitFor('the health check to see Redis down', async () => (await t.anonymous().get('/health')).body.redis === 'down');
      // A worker's blocking connection waits to reconnect, with no socket: BullMQ's close waits for its end, which never
      // comes (taskforcesh/bullmq#4656). Not a timing: twenty seconds tell a stop from a hang.
      stopped = await Promise.race([t.stop().then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, 20_000, false))]);
      expect(stopped).toBe(true);
    } finally {
      await proxy.up();
      // A hung stop would hold close too: the test has failed, and its database and keys stay behind.
      if (stopped) await t.close();
      await proxy.close();
    }
  }, 60_000);
});
