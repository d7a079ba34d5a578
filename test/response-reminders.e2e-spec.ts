import { startApp, type TestApp } from './helpers/app.js';
import { waitFor } from './helpers/wait-for.js';

type ReminderRow = { id: string; kind: string; status: string; sequence: number; recipientUserId: string; subject: { id: string }; dueAt: string; cancelReason: string | null };

describe('response_due reminders', () => {
  let t: TestApp;
  let owner: { id: string; token: string };
  let backup: { id: string; token: string };
  let admin: { id: string; token: string };
  let counterpartId: string;

  beforeAll(async () => {
    t = await startApp({ CALUMET_ROLES: 'api,worker', RESPONSE_SLA_CRITICAL: 'PT1S' });
    owner = await t.createUser('community_manager', 'Olivia Owner');
    backup = await t.createUser('community_manager', 'Bruno Backup');
    admin = await t.createUser('admin', 'Ada Admin');
    counterpartId = (await t.api().post('/api/parties').send({ kind: 'person', name: 'Jean Dupont' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const incident = async (severity: string, fields: Record<string, unknown> = {}) =>
    (await t.api(owner.token).post('/api/incidents').send({ title: `A ${severity} spat`, severity, counterpartId, ...fields }).expect(201)).body.id as string;
  const inbound = async (incidentId: string, body = 'J’invoque mon droit de réponse', fields: Record<string, unknown> = {}) =>
    (await t.api(owner.token).post(`/api/incidents/${incidentId}/comments`).send({ direction: 'inbound', body, ...fields }).expect(201)).body as { id: string; postedAt: string };
  const remindersOf = async (commentId: string): Promise<ReminderRow[]> => {
    const items: ReminderRow[] = (await t.api().get('/api/reminders?limit=100').expect(200)).body.items;
    return items.filter((reminder) => reminder.subject.id === commentId);
  };
  const events = async (incidentId: string) =>
    (await t.api().get(`/api/incidents/${incidentId}/timeline?limit=100`).expect(200)).body.items as Array<{ type: string; payload: Record<string, unknown> }>;

  it('owes the owner a reply within the SLA of the severity', async () => {
    const incidentId = await incident('high', { backupOwnerId: backup.id });
    const postedAt = new Date(Date.now() - 3_600_000);
    const comment = await inbound(incidentId, 'Hello', { postedAt: postedAt.toISOString() });
    const owed = new Date(postedAt.getTime() + 4 * 3_600_000).toISOString();
    expect(await remindersOf(comment.id)).toEqual([
      expect.objectContaining({ kind: 'response_due', status: 'scheduled', sequence: 1, recipientUserId: owner.id, dueAt: owed, owedBy: owed }),
    ]);
  });

  it('repeats every SLA period up to 3 times, then sends an escalation notice to the backup owner', async () => {
    const incidentId = await incident('critical', { backupOwnerId: backup.id });
    const comment = await inbound(incidentId);
    const escalation = await waitFor('the escalation notice to be sent', async () =>
      (await remindersOf(comment.id)).find((reminder) => reminder.kind === 'escalation_notice' && reminder.status === 'sent'),
    );
    expect(escalation.recipientUserId).toBe(backup.id);
    const chain = (await remindersOf(comment.id)).map((r) => `${r.kind}#${r.sequence}:${r.status}:${r.recipientUserId === owner.id ? 'owner' : 'backup'}`);
    expect(chain).toEqual(['response_due#1:sent:owner', 'response_due#2:sent:owner', 'response_due#3:sent:owner', 'escalation_notice#1:sent:backup']);

    const ownerInbox = (await t.api(owner.token).get('/api/me/notifications?limit=100').expect(200)).body.items.filter((n: { incidentId: string }) => n.incidentId === incidentId);
    expect(ownerInbox.map((n: { body: string }) => n.body.match(/Reminder \d of 3/)?.[0])).toEqual(['Reminder 3 of 3', 'Reminder 2 of 3', 'Reminder 1 of 3']);
    expect(ownerInbox[0].body).toContain('Reply owed to Jean Dupont');
    const backupInbox = (await t.api(backup.token).get('/api/me/notifications').expect(200)).body.items;
    expect(backupInbox).toEqual([expect.objectContaining({ kind: 'escalation_notice', incidentId, body: expect.stringContaining('Olivia Owner was reminded 3 times') })]);
    expect((await events(incidentId)).filter((e) => e.type === 'reminder.sent')).toHaveLength(4);
  });

  it('escalates to every active admin but the owner when there is no backup owner', async () => {
    const incidentId = await incident('critical');
    const comment = await inbound(incidentId);
    const escalations = await waitFor('the escalation notices to be sent', async () => {
      const sent = (await remindersOf(comment.id)).filter((reminder) => reminder.kind === 'escalation_notice' && reminder.status === 'sent');
      return sent.length === 2 ? sent : null;
    });
    const bootstrapAdmin = (await t.api().get('/api/me').expect(200)).body.id;
    expect(escalations.map((r) => r.recipientUserId).sort()).toEqual([admin.id, bootstrapAdmin].sort());
  });

  it('is cancelled the moment an outbound comment answers it', async () => {
    const incidentId = await incident('high');
    const comment = await inbound(incidentId);
    const [scheduled] = await remindersOf(comment.id);
    await t.api(owner.token).post(`/api/incidents/${incidentId}/comments`).send({ direction: 'outbound', parentId: comment.id, body: 'Please write to us by registered mail.' }).expect(201);
    expect(await remindersOf(comment.id)).toEqual([expect.objectContaining({ id: scheduled!.id, status: 'cancelled', cancelReason: 'answered by an outbound comment' })]);
    const timeline = await events(incidentId);
    const reply = timeline.findIndex((e) => e.type === 'comment.added' && e.payload['answers'] === comment.id);
    expect(timeline[reply + 1]).toMatchObject({ type: 'reminder.cancelled', payload: { reminderId: scheduled!.id, reason: 'answered by an outbound comment' } });
  });

  it('stops the chain when the reply comes after the first reminder', async () => {
    const incidentId = await incident('critical', { backupOwnerId: backup.id });
    const comment = await inbound(incidentId);
    const second = await waitFor('the second reminder to be scheduled', async () => (await remindersOf(comment.id)).find((r) => r.sequence === 2 && r.status === 'scheduled'));
    await t.api(owner.token).post(`/api/reminders/${second.id}/snooze`).send({ until: new Date(Date.now() + 3_600_000).toISOString() }).expect(200);
    await t.api(owner.token).post(`/api/incidents/${incidentId}/comments`).send({ direction: 'outbound', parentId: comment.id, body: 'Noted.' }).expect(201);
    expect((await remindersOf(comment.id)).map((r) => `${r.kind}#${r.sequence}:${r.status}`)).toEqual(['response_due#1:sent', 'response_due#2:cancelled']);
  });

  it('is cancelled when someone clears needsResponse, and scheduled again when it is set back', async () => {
    const incidentId = await incident('high');
    const comment = await inbound(incidentId);
    await t.api(owner.token).patch(`/api/comments/${comment.id}`).send({ needsResponse: false }).expect(200);
    expect((await remindersOf(comment.id)).map((r) => `${r.status}:${r.cancelReason}`)).toEqual(['cancelled:needsResponse cleared']);
    await t.api(owner.token).patch(`/api/comments/${comment.id}`).send({ needsResponse: true }).expect(200);
    expect((await remindersOf(comment.id)).map((r) => r.status).sort()).toEqual(['cancelled', 'scheduled']);
  });

  it('is cancelled when the comment is deleted or the incident resolved', async () => {
    const incidentId = await incident('high');
    const deleted = await inbound(incidentId, 'first');
    const open = await inbound(incidentId, 'second');
    await t.api(owner.token).patch(`/api/comments/${deleted.id}`).send({ status: 'deleted' }).expect(200);
    await t.api(owner.token).post(`/api/incidents/${incidentId}/transitions`).send({ to: 'resolved', reason: 'apologies', resolution: 'the hatchet is buried' }).expect(200);
    expect((await remindersOf(deleted.id)).map((r) => r.cancelReason)).toEqual(['comment deleted']);
    expect((await remindersOf(open.id)).map((r) => r.cancelReason)).toEqual(['incident resolved']);
  });

  it('owes nothing for outbound comments or inbound ones that need no response', async () => {
    const incidentId = await incident('high');
    const quiet = await inbound(incidentId, 'a bystander', { needsResponse: false });
    const ours = (await t.api(owner.token).post(`/api/incidents/${incidentId}/comments`).send({ direction: 'outbound', body: 'Our post' }).expect(201)).body;
    expect(await remindersOf(quiet.id)).toEqual([]);
    expect(await remindersOf(ours.id)).toEqual([]);
  });

  it('reminds the backup owner when the owner is no longer active', async () => {
    const leaving = await t.createUser('community_manager');
    const incidentId = (await t.api(owner.token).post('/api/incidents').send({ title: 'x', severity: 'low', counterpartId, ownerId: leaving.id, backupOwnerId: backup.id }).expect(201)).body.id;
    await t.api().patch(`/api/users/${leaving.id}`).send({ active: false }).expect(200);
    const comment = await inbound(incidentId);
    expect((await remindersOf(comment.id)).map((r) => r.recipientUserId)).toEqual([backup.id]);
  });
});
