import { sql, startApp, testDb, type TestApp } from './helpers/app.js';
import { fixtures } from './helpers/incident-fixtures.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { waitFor } from './helpers/wait-for.js';
import { startWebhookReceiver, type TestWebhook } from './helpers/webhook-receiver.js';

describe('seals', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let webhook: TestWebhook;
  let legal: { id: string; token: string };
  let cm: { id: string; token: string };
  let kept: { id: string; ref: string };
  let tampered: { id: string; ref: string };

  beforeAll(async () => {
    smtp = await startSmtp();
    webhook = await startWebhookReceiver();
    t = await startApp({ SMTP_URL: smtp.url, WEBHOOK_URL: webhook.url, WEBHOOK_SECRET: webhook.secret });
    legal = await t.createUser('legal');
    cm = await t.createUser('community_manager');
    const f = fixtures(t);
    kept = await f.incident({ title: 'Kept as it was' });
    tampered = await f.incident({ title: 'Rewritten later' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await webhook.close();
  });

  it('seals the head of every timeline into one root, and sends it to legal and admin users and the webhook', async () => {
    const { body: seal } = await t.api(legal.token).post('/api/seals').expect(201);
    expect(seal.incidents).toBe(2);
    expect(seal.heads.map((head: { incidentId: string }) => head.incidentId).sort()).toEqual([kept.id, tampered.id].sort());
    expect(seal.root).toMatch(/^[0-9a-f]{64}$/);
    const timeline = (await t.api(legal.token).get(`/api/incidents/${kept.id}/timeline/verify`).expect(200)).body;
    expect(seal.heads).toContainEqual({ incidentId: kept.id, ...timeline.head });
    await waitFor('the seal by mail and webhook', () => smtp.mails.some((mail) => mail.subject.includes(seal.root)) && webhook.hooks.length === 1);
    expect(smtp.mails.filter((mail) => mail.subject.includes(seal.root)).flatMap((mail) => mail.to)).toHaveLength(seal.sentTo.filter((to: string) => to.startsWith('email:')).length);
    expect(webhook.hooks[0]!.body).toMatchObject({ seal: { id: seal.id, root: seal.root } });
    expect((await t.api(legal.token).post('/api/seals/verify').send({ root: seal.root }).expect(200)).body).toEqual({ valid: true, root: seal.root, incidents: 2, findings: [], removed: [] });
  });

  it('is made by legal and admin only', async () => {
    await t.api(cm.token).post('/api/seals').expect(403);
  });

  it('names the incident whose event was rewritten behind the API’s back, from the root or from the copy sent', async () => {
    const { body: seal } = await t.api(legal.token).post('/api/seals').expect(201);
    const postgres = testDb() === 'postgres';
    await sql(t.dataSource, postgres ? 'DROP TRIGGER timeline_events_append_only ON timeline_events' : 'DROP TRIGGER timeline_events_no_update');
    await sql(t.dataSource, `UPDATE timeline_events SET payload = ? WHERE incident_id = ? AND seq = 1`, [JSON.stringify({ title: 'Nothing happened' }), tampered.id]);

    const fromRoot = (await t.api(legal.token).post('/api/seals/verify').send({ root: seal.root }).expect(200)).body;
    expect(fromRoot).toMatchObject({ valid: false, incidents: 2, findings: [{ incidentId: tampered.id, ref: tampered.ref, problem: 'rewritten' }] });
    expect(fromRoot.findings[0].detail).toContain('the chain breaks at event 1');
    const fromCopy = (await t.api(legal.token).post('/api/seals/verify').send({ root: seal.root, heads: seal.heads, madeAt: seal.madeAt }).expect(200)).body;
    expect(fromCopy.findings).toEqual(fromRoot.findings);
  });

  it('refuses heads that do not make the root they come with', async () => {
    const { body: seal } = await t.api(legal.token).get('/api/seals?limit=1').expect(200);
    const heads = seal.items[0].heads.map((head: { seq: number }) => ({ ...head, seq: head.seq + 1 }));
    const response = await t.api(legal.token).post('/api/seals/verify').send({ root: seal.items[0].root, heads }).expect(400);
    expect(response.body.message).toEqual(['heads do not hash to root: this is not the seal that was sent']);
  });

  it('names the root field when it is not a hash', async () => {
    const response = await t.api(legal.token).post('/api/seals/verify').send({ root: 'abc' }).expect(400);
    expect(response.body.message).toEqual(['root must be 64 lower-case hex digits']);
  });
});
