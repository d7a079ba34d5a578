import { newId } from '../src/database/columns.js';
import { Delivery } from '../src/notifications/delivery.entity.js';
import { JobName } from '../src/queue/job-catalogue.js';
import { QueueService } from '../src/queue/queue.service.js';
import { ReminderJobs } from '../src/reminders/reminder-jobs.js';
import { startApp, type TestApp } from './helpers/app.js';
import { startSmtp, type TestSmtp } from './helpers/smtp.js';
import { waitFor } from './helpers/wait-for.js';
import { startWebhookReceiver, type TestWebhook } from './helpers/webhook-receiver.js';
import { signedIn, submit } from './web/web-helpers.js';

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
      DELIVERY_STALE_AFTER: 'PT3S',
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

    const hooks = webhook.hooks.filter((hook) => (hook.body['reminder'] as { id: string } | undefined)?.id === scheduled.id);
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
    expect(await t.app.get(QueueService).all()[0]!.getCompletedCount()).toBe(0);
  });

  const deliveredTo = (reminderId: string) => ({
    mails: smtp.mails.filter((mail) => mail.headers['x-calumet-idempotency-key']?.startsWith(reminderId)).length,
    hooks: webhook.hooks.filter((hook) => (hook.body['reminder'] as { id: string } | undefined)?.id === reminderId).length,
  });
  const inApp = async (reminderId: string) =>
    (await t.api(owner.token).get('/api/me/notifications?limit=100').expect(200)).body.items.filter((n: { reminderId: string }) => n.reminderId === reminderId).length;
  const settled = (id: string, status: string) =>
    waitFor(`reminder ${id} to be ${status}`, async () => {
      const current = await reminder(id);
      return current.status === status ? current : null;
    });
  const drained = () =>
    waitFor('the queue to hold no delivery job', async () => {
      const queue = t.app.get(QueueService).all()[0]!;
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      return jobs.every((job) => job.name !== JobName.DeliverReminder);
    });

  it('delivers once per channel when its job runs twice', async () => {
    const scheduled = await followUp('Duplicated alarm');
    const data = { reminderId: scheduled.id, version: 1 };
    await t.app.get(QueueService).add({ name: JobName.DeliverReminder, data }, { jobId: `duplicate-${scheduled.id}`, delayMs: new Date(scheduled.dueAt).getTime() - Date.now() });
    await settled(scheduled.id, 'sent');
    await drained();
    const run = { jobId: 'by-hand', attempt: 1, lastAttempt: true };
    expect(await t.app.get(ReminderJobs).handleDeliverReminder(data, run)).toBe('skipped');
    expect(deliveredTo(scheduled.id)).toEqual({ mails: 1, hooks: 1 });
    expect(await inApp(scheduled.id)).toBe(1);
  });

  it('delivers once per channel when two runs of the same job overlap', async () => {
    const scheduled = await followUp('Overlapping runs', 3_600_000);
    const data = { reminderId: scheduled.id, version: 1 };
    const jobs = t.app.get(ReminderJobs);
    webhook.delayMs = 300;
    const results = await Promise.allSettled([0, 1, 2].map((i) => jobs.handleDeliverReminder(data, { jobId: `run-${i}`, attempt: 1, lastAttempt: false })));
    webhook.delayMs = 0;
    expect(results.filter((result) => result.status === 'fulfilled').map((result) => (result as PromiseFulfilledResult<unknown>).value)).toContain('sent');
    expect(deliveredTo(scheduled.id)).toEqual({ mails: 1, hooks: 1 });
    expect(await inApp(scheduled.id)).toBe(1);
    expect((await reminder(scheduled.id)).status).toBe('sent');
  });

  it('delivers a reminder whose last run died mid-send once that run’s claim goes stale: the channel it held unknown, not sent again', async () => {
    const scheduled = await followUp('Died while sending', 1500);
    // A run that claimed the mail when the alarm rang and died before it settled: its ledger row says sending.
    await t.write((manager) =>
      manager.insert(Delivery, {
        id: newId(),
        reminderId: scheduled.id,
        sequence: 1,
        channel: 'email',
        idempotencyKey: `${scheduled.id}:1:email`,
        status: 'sending',
        attempts: 1,
        lastError: null,
        startedAt: new Date(scheduled.dueAt),
        sentAt: null,
        updatedAt: new Date(),
      }),
    );
    // The alarm finds it in flight and rings again once the claim goes stale (DELIVERY_STALE_AFTER, 3 s here), where
    // it once was done with, leaving the reminder scheduled with nothing to ring it.
    const sent = await settled(scheduled.id, 'sent');
    expect(Object.fromEntries((sent.deliveries as Array<{ channel: string; status: string }>).map((delivery) => [delivery.channel, delivery.status]))).toEqual({
      in_app: 'sent',
      email: 'unknown',
      webhook: 'sent',
    });
    expect(deliveredTo(scheduled.id)).toEqual({ mails: 0, hooks: 1 });
    expect(await inApp(scheduled.id)).toBe(1);
  });

  it('retries a failing channel with backoff without holding back the others, and delivers the rest once', async () => {
    webhook.failNext = 1;
    const scheduled = await followUp('The webhook stumbles once');
    const sent = await settled(scheduled.id, 'sent');
    expect(sent.attempts).toBe(2);
    expect(sent.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'webhook', status: 'sent', attempts: 2 }),
        expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1 }),
        expect.objectContaining({ channel: 'in_app', status: 'sent', attempts: 1 }),
      ]),
    );
    expect(deliveredTo(scheduled.id)).toEqual({ mails: 1, hooks: 1 });
  });

  it('marks the reminder failed after the last attempt, keeping the error, the delivered channels and a timeline event', async () => {
    webhook.failNext = Infinity;
    const requestsBefore = webhook.requests;
    const scheduled = await followUp('The webhook is down');
    const failed = await settled(scheduled.id, 'failed');
    webhook.failNext = 0;
    expect(failed).toMatchObject({ attempts: 3, lastError: 'webhook: webhook answered 500', sentAt: null });
    expect(webhook.requests - requestsBefore).toBe(3);
    expect(deliveredTo(scheduled.id)).toEqual({ mails: 1, hooks: 0 });
    expect(await inApp(scheduled.id)).toBe(1);
    const timeline = (await t.api().get(`/api/incidents/${incident.id}/timeline?limit=100`).expect(200)).body.items;
    expect(timeline.find((e: { type: string; payload: { reminderId: string } }) => e.type === 'reminder.failed' && e.payload.reminderId === scheduled.id).payload).toMatchObject({
      error: 'webhook: webhook answered 500',
      deliveries: { in_app: 'sent', email: 'sent', webhook: 'failed' },
    });
  });

  it('lets a user mark an in-app notification read, and no one else', async () => {
    const [first] = (await t.api(owner.token).get('/api/me/notifications?unread=true').expect(200)).body.items;
    const read = (await t.api(owner.token).post(`/api/me/notifications/${first.id}/read`).expect(200)).body;
    expect(read.readAt).toEqual(expect.any(String));
    expect((await t.api(owner.token).get('/api/me/notifications?unread=true&limit=100').expect(200)).body.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    await t.api().post(`/api/me/notifications/${first.id}/read`).expect(404);
  });

  it('writes to each person in the language they chose at the desk: subject, body, webhook and in-app, kept on them', async () => {
    const lea = await signedIn(t, 'community_manager', 'Léa Lefèvre');
    await submit(lea.agent, '/', '/language', { locale: 'fr', back: '/' }).then((response) => expect(response.status).toBe(303));
    const mine = (await t.api(lea.token).post('/api/incidents').send({ title: 'Le fondateur menace', severity: 'high' }).expect(201)).body as { id: string; ref: string };
    const scheduled = (await t.api(lea.token).post('/api/reminders').send({ incidentId: mine.id, dueAt: new Date(Date.now() + 500).toISOString(), note: 'Rappeler le fondateur' }).expect(201)).body as { id: string };
    await waitFor('the French reminder to be sent', async () => (await reminder(scheduled.id)).status === 'sent');

    const [mail] = smtp.mails.filter((item) => item.text.includes('Rappeler le fondateur'));
    expect(mail!.subject).toBe(`[${mine.ref}] Relance\u202f: Le fondateur menace`);
    expect(mail!.text).toContain(`Relance sur ${mine.ref} «\u202fLe fondateur menace\u202f».`);
    expect(mail!.text).toMatch(/À faire au plus tard le \S+ \d+ \S+ \d{4}, \d\d:\d\d \(Europe\/Paris\)\./);
    expect(mail!.text).toContain(`Ouvrir l’incident\u202f: https://calumet.example.com/incidents/${mine.id}`);
    expect(mail!.text).not.toMatch(/\b(Follow-up|Owed|Open the incident)\b/);
    const [hook] = webhook.hooks.filter((item) => (item.body['reminder'] as { id: string } | undefined)?.id === scheduled.id);
    expect(hook!.body['text']).toContain(`*[${mine.ref}] Relance*`);
    const notifications = (await t.api(lea.token).get('/api/me/notifications?limit=100').expect(200)).body.items as Array<{ reminderId: string; title: string }>;
    expect(notifications.find((n) => n.reminderId === scheduled.id)?.title).toBe(`[${mine.ref}] Relance\u202f: Le fondateur menace`);
    // Someone who chose no language reads the desk's (English by default).
    expect(smtp.mails.find((item) => item.text.includes('Call the founder back'))!.subject).toContain('Follow-up');
  });
});
