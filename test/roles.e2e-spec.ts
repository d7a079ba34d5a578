import { randomBytes } from 'node:crypto';
import { freshDatabase, REDIS_URL } from './helpers/app.js';
import { childApi, startChildService, type ChildService } from './helpers/child-service.js';
import { deleteRedisPrefix } from './helpers/redis-prefix.js';
import { waitFor } from './helpers/wait-for.js';

describe('roles apart: one API process and two worker processes on one database and one Redis', () => {
  let database: { url: string; drop: () => Promise<void> };
  let processes: ChildService[] = [];
  const adminToken = `roles-admin-${randomBytes(16).toString('hex')}`;
  const prefix = `calumet-roles-${randomBytes(4).toString('hex')}`;

  const api = childApi(() => processes[0]!.url, adminToken);

  beforeAll(async () => {
    database = await freshDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, CALUMET_ADMIN_TOKEN: adminToken, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' };
    processes = [await startChildService({ ...env, CALUMET_ROLES: 'api' })];
    processes.push(await startChildService({ ...env, CALUMET_ROLES: 'worker' }), await startChildService({ ...env, CALUMET_ROLES: 'worker' }));
  }, 60_000);
  afterAll(async () => {
    for (const service of processes) service.process.kill('SIGTERM');
    await Promise.all(processes.map((service) => service.exited));
    await database.drop();
    await deleteRedisPrefix(REDIS_URL, prefix);
  });

  it('delivers what the API schedules, each reminder once, and the API process runs no job', async () => {
    const incident = await api('POST', '/api/incidents', { title: 'Scaled apart', severity: 'low' });
    // Far enough ahead for twenty requests on a busy machine.
    const dueAt = new Date(Date.now() + 5000).toISOString();
    for (let i = 1; i <= 20; i++) await api('POST', '/api/reminders', { incidentId: incident.id, dueAt, note: `Follow-up ${i}` });
    const sent = await waitFor('the 20 reminders to be sent', async () => {
      const items: Array<{ status: string; deliveries: unknown[] }> = (await api('GET', '/api/reminders?limit=100')).items;
      return items.length === 20 && items.every((reminder) => reminder.status === 'sent') ? items : null;
    });
    expect(sent.map((reminder) => reminder.deliveries.length)).toEqual(Array(20).fill(1));
    expect((await api('GET', '/api/me/notifications?limit=100')).items).toHaveLength(20);
    expect(processes[0]!.lines.some((line) => line.includes('worker started'))).toBe(false);
  }, 60_000);
});
