import { Redis } from 'ioredis';
import { REDIS_URL, sql, startApp, type TestApp } from './helpers/app.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';
import { waitFor } from './helpers/wait-for.js';

/** A newcomer on a laptop without Redis still gets reminded on time; when Redis comes, BullMQ's alarms take over. */
describe('without Redis', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let redis: Redis;
  let incidentId: string;

  beforeAll(async () => {
    const target = new URL(REDIS_URL);
    proxy = await startTcpProxy(Number(target.port || 6379), target.hostname);
    await proxy.down();
    t = await startApp({ CALUMET_ROLES: 'api,worker', FALLBACK_POLL_INTERVAL: 'PT1S', REDIS_URL: `redis://127.0.0.1:${proxy.port}${target.pathname}` });
    redis = new Redis(REDIS_URL);
    incidentId = (await t.api().post('/api/incidents').send({ title: 'On a laptop', severity: 'medium' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await proxy.up();
    // Close once its connections are back: BullMQ's workers close cleanly only then.
    await waitFor('Redis again before closing', async () => (await t.anonymous().get('/health')).body.redis === 'up');
    await t.close();
    await proxy.close();
    await redis.quit();
  }, 60_000);

  const inApp = async (reminderId: string) =>
    ((await t.api().get('/api/me/notifications?limit=100').expect(200)).body.items as Array<{ reminderId: string }>).filter((n) => n.reminderId === reminderId);
  const sent = (reminderId: string) =>
    waitFor(`reminder ${reminderId} to be sent`, async () => {
      const reminder = (await t.api().get(`/api/reminders/${reminderId}`).expect(200)).body;
      return reminder.status === 'sent' ? reminder : null;
    });

  it('delivers a reminder due in 2 s from the database, once, while no Redis was ever reachable', async () => {
    expect((await t.anonymous().get('/health').expect(200)).body).toMatchObject({ status: 'degraded', redis: 'down' });
    const created = (await t.api().post('/api/reminders').send({ incidentId, dueAt: new Date(Date.now() + 2000).toISOString(), note: 'Call the founder back' }).expect(201)).body;
    const reminder = await sent(created.id);
    expect(Date.parse(reminder.sentAt)).toBeGreaterThanOrEqual(Date.parse(created.dueAt));
    expect(await inApp(created.id)).toHaveLength(1);
    // Polls after it find nothing more to do.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await inApp(created.id)).toHaveLength(1);
  });

  it('hands back to BullMQ once Redis is reachable: the next reminder is armed as a job and delivered once', async () => {
    await proxy.up();
    await waitFor('the health check to see Redis', async () => (await t.anonymous().get('/health')).body.redis === 'up');
    const created = (await t.api().post('/api/reminders').send({ incidentId, dueAt: new Date(Date.now() + 3000).toISOString(), note: 'Send the email' }).expect(201)).body;
    expect(await redis.exists(`${t.config.redisPrefix}:reminders:reminder-${created.id}-v1`)).toBe(1);
    await sent(created.id);
    expect(await inApp(created.id)).toHaveLength(1);
  });

  it('lets two workers on one database deliver each due reminder once: a lease claims every run', async () => {
    await proxy.down();
    await waitFor('the health check to see Redis gone', async () => (await t.anonymous().get('/health')).body.redis === 'down');
    const target = new URL(REDIS_URL);
    const other = await startApp({
      CALUMET_ROLES: 'api,worker',
      FALLBACK_POLL_INTERVAL: 'PT1S',
      REDIS_URL: `redis://127.0.0.1:${proxy.port}${target.pathname}`,
      CALUMET_ADMIN_TOKEN: t.adminToken,
      DATABASE_URL: t.config.database.type === 'sqlite' ? `sqlite:${t.config.database.path}` : t.config.database.url,
    });
    try {
      const dueAt = new Date(Date.now() + 1500).toISOString();
      const ids = await Promise.all(
        Array.from({ length: 8 }, async (_, n) => (await t.api().post('/api/reminders').send({ incidentId, dueAt, note: `Promise ${n}` }).expect(201)).body.id as string),
      );
      for (const id of ids) await sent(id);
      for (const id of ids) expect(await inApp(id)).toHaveLength(1);
      const events = (await t.api().get(`/api/incidents/${incidentId}/timeline?limit=100`).expect(200)).body.items as Array<{ type: string; payload: { reminderId?: string } }>;
      for (const id of ids) expect(events.filter((e) => e.type === 'reminder.sent' && e.payload.reminderId === id)).toHaveLength(1);
      // Each run was claimed by one lease, held by one of the two workers (the ledger alone would also keep deliveries single).
      const leases = (await sql(t.dataSource, 'SELECT job_key, holder FROM job_leases')) as Array<{ job_key: string; holder: string }>;
      for (const id of ids) expect(leases.filter((lease) => lease.job_key === `reminder-${id}-v1`)).toEqual([{ job_key: `reminder-${id}-v1`, holder: expect.any(String) }]);
    } finally {
      // A worker closes its BullMQ connections only once Redis answers.
      await proxy.up();
      await waitFor('the second worker to see Redis', async () => (await other.anonymous().get('/health')).body.redis === 'up');
      await other.close();
    }
  });
});
