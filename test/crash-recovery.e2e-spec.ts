import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { freshDatabase, REDIS_URL, sql, testDb } from './helpers/app.js';
import { childApi, startChildService, type ChildService } from './helpers/child-service.js';
import { deleteRedisPrefix } from './helpers/redis-prefix.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { waitFor } from './helpers/wait-for.js';
import { startWebhookReceiver, type TestWebhook } from './helpers/webhook-receiver.js';

/**
 * The service as its own process, killed for real. "Redis lost" is every key
 * of this run's own prefix deleted: the Redis is shared with other work, so
 * nothing else of it is touched.
 */
const PREFIX = `calumet-crash-${randomBytes(4).toString('hex')}`;

describe('crash recovery', () => {
  let smtp: TestSmtp;
  let webhook: TestWebhook;
  let database: { url: string; drop: () => Promise<void> };
  let redis: Redis;
  let service: ChildService | undefined;
  let env: Record<string, string>;
  const adminToken = `crash-admin-${randomBytes(16).toString('hex')}`;

  const api = childApi(() => service!.url, adminToken);
  const reminders = async (): Promise<Array<{ id: string; kind: string; status: string; sentAt: string | null }>> => (await api('GET', '/api/reminders?limit=100')).items;
  // The daily seal also goes out by mail when the worker starts: these are the reminders'.
  const reminderMails = () => smtp.mails.filter((mail) => !mail.headers['x-calumet-idempotency-key']?.startsWith('seal:'));
  const deliveredOnce = (ids: string[]) => {
    const mails = ids.map((id) => smtp.mails.filter((mail) => mail.headers['x-calumet-idempotency-key']?.startsWith(id)).length);
    const hooks = ids.map((id) => webhook.hooks.filter((hook) => (hook.body['reminder'] as { id: string } | undefined)?.id === id).length);
    return { mails, hooks };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    webhook = await startWebhookReceiver();
    database = await freshDatabase();
    redis = new Redis(REDIS_URL);
    env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      CALUMET_ROLES: 'api,worker',
      CALUMET_ADMIN_TOKEN: adminToken,
      SMTP_URL: smtp.url,
      WEBHOOK_URL: webhook.url,
      WEBHOOK_SECRET: webhook.secret,
      RESPONSE_SLA_CRITICAL: 'PT6S',
      RESPONSE_REMINDERS: '1',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'info',
    };
  });
  afterAll(async () => {
    service?.process.kill('SIGKILL');
    await redis.quit();
    await deleteRedisPrefix(REDIS_URL, PREFIX);
    await database.drop();
    await smtp.close();
    await webhook.close();
  });

  it('loses nothing and delivers everything exactly once when killed with SIGKILL and its Redis keys are lost before the restart', async () => {
    service = await startChildService(env);
    const { id: ownerId } = (await api('POST', '/api/users', { name: 'Olga Owner', email: 'olga@example.com', role: 'community_manager' })).user;
    const counterpartId = (await api('POST', '/api/parties', { kind: 'person', name: 'Jean Dupont' })).id;
    const incident = await api('POST', '/api/incidents', { title: 'Crash course', severity: 'critical', ownerId, counterpartId });
    const dueAt = new Date(Date.now() + 6000).toISOString();
    for (let i = 1; i <= 10; i++) await api('POST', '/api/reminders', { incidentId: incident.id, dueAt, note: `Follow-up ${i}`, recipientUserId: ownerId });
    await api('POST', `/api/incidents/${incident.id}/comments`, { direction: 'inbound', body: 'Retirez ces mentions.' });
    const scheduled = await reminders();
    expect(scheduled.map((r) => `${r.kind}:${r.status}`).sort()).toEqual([...Array(10).fill('follow_up:scheduled'), 'response_due:scheduled']);
    await waitFor('every reminder to be armed in Redis', async () =>
      (await Promise.all(scheduled.map((r) => redis.exists(`${PREFIX}:reminders:reminder-${r.id}-v1`)))).every(Boolean),
    );

    service.process.kill('SIGKILL');
    expect(await service.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(reminderMails()).toHaveLength(0);
    await deleteRedisPrefix(REDIS_URL, PREFIX);
    const restartedAt = Date.now();
    service = await startChildService(env);

    const all = await waitFor('every reminder, and the escalation its reply chain ends with, to be sent', async () => {
      const current = await reminders();
      return current.length === 12 && current.every((r) => r.status === 'sent') ? current : null;
    });
    expect(all.filter((r) => r.kind === 'escalation_notice')).toHaveLength(1);
    for (const reminder of all) expect(new Date(reminder.sentAt!).getTime()).toBeGreaterThanOrEqual(restartedAt);
    const ids = all.map((r) => r.id);
    expect(deliveredOnce(ids)).toEqual({ mails: ids.map(() => 1), hooks: ids.map(() => 1) });
    expect(reminderMails()).toHaveLength(12);
    expect(webhook.hooks.filter((hook) => hook.body['reminder'])).toHaveLength(12);
  }, 60_000);

  it('finishes the running delivery before stopping on SIGTERM', async () => {
    const incident = (await api('GET', '/api/incidents')).items[0];
    webhook.delayMs = 1500;
    const requests = webhook.requests;
    const { id } = await api('POST', '/api/reminders', { incidentId: incident.id, dueAt: new Date(Date.now() + 500).toISOString(), note: 'In flight at shutdown' });
    await waitFor('the webhook delivery to be under way', () => webhook.requests > requests);
    service!.process.kill('SIGTERM');
    const exit = await service!.exited;
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(service!.lines.some((line) => line.includes('worker stopping on SIGTERM'))).toBe(true);

    const db = await new DataSource(testDb() === 'postgres' ? { type: 'postgres', url: database.url } : { type: 'sqlite', database: database.url.slice('sqlite:'.length) }).initialize();
    try {
      expect(await sql(db, 'SELECT status FROM reminders WHERE id = ?', [id])).toEqual([{ status: 'sent' }]);
    } finally {
      await db.destroy();
    }
    expect(webhook.hooks.filter((hook) => (hook.body['reminder'] as { id: string } | undefined)?.id === id)).toHaveLength(1);
    service = undefined;
  }, 30_000);
});
