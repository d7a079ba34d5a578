import { QueueName } from '../src/queue/job-catalogue.js';
import { startApp, type TestApp } from './helpers/app.js';

describe('queue dashboard', () => {
  let t: TestApp;
  let manager: { id: string; token: string };

  const basic = (token: string) => `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`;

  beforeAll(async () => {
    t = await startApp();
    manager = await t.createUser('community_manager');
  });
  afterAll(() => t.close());

  it('answers 401 without a token, asking the browser for Basic credentials', async () => {
    const response = await t.anonymous().get('/admin/queues').expect(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="Calumet queues", charset="UTF-8"');
    expect(response.body.message).toContain('needs an admin token');
    await t.anonymous().get('/admin/queues').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('answers 403 to a signed-in user who is not an admin', async () => {
    await t.anonymous().get('/admin/queues').set('Authorization', `Bearer ${manager.token}`).expect(403);
    await t.anonymous().get('/admin/queues/api/queues').set('Authorization', basic(manager.token)).expect(403);
  });

  it('serves the dashboard and its API to an admin, by Bearer token or Basic password', async () => {
    const page = await t.anonymous().get('/admin/queues').set('Authorization', basic(t.adminToken)).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('/admin/queues');
    const api = await t.anonymous().get('/admin/queues/api/queues').set('Authorization', `Bearer ${t.adminToken}`).expect(200);
    expect(api.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(Object.values(QueueName).sort());
  });

  it.each(['https://evil.example.com', 'not a url'])('refuses a change to the queues sent from another origin (%s)', async (origin) => {
    await t.anonymous().put('/admin/queues/api/queues/reminders/pause').set('Authorization', basic(t.adminToken)).set('Origin', origin).expect(403);
  });
});
