import { startApp, type TestApp } from './helpers/app.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { waitFor } from './helpers/wait-for.js';
import { startWebhookReceiver, type TestWebhook } from './helpers/webhook-receiver.js';

describe('reminder delivery', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let webhook: TestWebhook;
  let owner: { id: string; token: string };
  let incident: { id: string; ref: string; title: string };

  beforeAll(async () => {
    smtp = await startSmtp();
    webhook = await startWebhookReceiver();
    t = await startApp({
      CALUMET_ROLES: 'api,worker',
      SMTP_URL: smtp.url,
      WEBHOOK_URL: webhook.url,
      WEBHOOK_SECRET: webhook.secret,
      PUBLIC_URL: 'https://calumet.example.com',
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF: 'PT0.2S',
    });
    owner = await t.createUser('community_manager', 'Camille Owner');
    const created = await t.api(owner.token).post('/api/incidents').send({ title: 'Founder threatens action', severity: 'high' }).expect(201);
    incident = created.body;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await webhook.close();
  });

  const followUp = async (note: string, inMs = 1000) =>
    (await t.api(owner.token).post('/api/reminders').send({ incidentId: incident.id, dueAt: new Date(Date.now() + inMs).toISOString(), note }).expect(201)).body as {
      id: string;
      dueAt: string;
    };
  const reminder = async (id: string) => (await t.api().get(`/api/reminders/${id}`).expect(200)).body;

  it('delivers at the due time by email, signed webhook and in-app, and records it in the timeline', async () => {
    const scheduled = await followUp('Call the founder back, not before Thursday');
    const sent = await waitFor('the reminder to be sent', async () => {
      const current = await reminder(scheduled.id);
      return current.status === 'sent' ? current : null;
    });
    expect(new Date(sent.sentAt).getTime()).toBeGreaterThanOrEqual(new Date(scheduled.dueAt).getTime());
    expect(sent.deliveries.map((d: { channel: string; status: string }) => `${d.channel}:${d.status}`).sort()).toEqual(['email:sent', 'in_app:sent', 'webhook:sent']);

    const mails = smtp.mails.filter((mail) => mail.text.includes('Call the founder back'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([expect.stringMatching(/^community_manager\.\d+\..+@example\.com$/)]);
    expect(mails[0]!.subject).toBe(`[${incident.ref}] Follow-up: Founder threatens action`);
    expect(mails[0]!.text).toContain(`https://calumet.example.com/incidents/${incident.id}`);
    expect(mails[0]!.text).toMatch(/Owed by \w{3} \d+ \w{3} \d{4}, \d\d:\d\d \(Europe\/Paris\)/);

    const hooks = webhook.hooks.filter((hook) => (hook.body['reminder'] as { id: string }).id === scheduled.id);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.signed).toBe(true);
    expect(hooks[0]!.body).toEqual({
      text: expect.stringContaining(`*[${incident.ref}] Follow-up*`),
      reminder: { id: scheduled.id, kind: 'follow_up', dueAt: scheduled.dueAt, sequence: 1 },
      incident: { id: incident.id, ref: incident.ref, title: incident.title, state: 'reported' },
      subject: { type: 'incident', id: incident.id },
    });

    const notifications = (await t.api(owner.token).get('/api/me/notifications').expect(200)).body.items;
    expect(notifications.filter((n: { reminderId: string }) => n.reminderId === scheduled.id)).toEqual([
      expect.objectContaining({ kind: 'follow_up', title: `[${incident.ref}] Follow-up: Founder threatens action`, readAt: null }),
    ]);

    const timeline = (await t.api().get(`/api/incidents/${incident.id}/timeline?limit=100`).expect(200)).body.items;
    expect(timeline.filter((e: { type: string; payload: { reminderId: string } }) => e.payload.reminderId === scheduled.id).map((e: { type: string }) => e.type)).toEqual([
      'reminder.scheduled',
      'reminder.sent',
    ]);
    expect((await t.api().get(`/api/incidents/${incident.id}/timeline/verify`).expect(200)).body.valid).toBe(true);
  });
});
