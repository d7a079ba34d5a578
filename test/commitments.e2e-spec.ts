import { startApp, type TestApp } from './helpers/app.js';
import { createIncident, createParty, createPost, move, timelineOf } from './helpers/fixtures.js';

describe('commitments', () => {
  let t: TestApp;
  let founder: { id: string };
  beforeAll(async () => {
    t = await startApp();
    founder = await createParty(t);
  });
  afterAll(() => t.close());

  const create = (incidentId: string, body: Record<string, unknown>) => t.api().post(`/api/incidents/${incidentId}/commitments`).send(body);

  it('records a promise with the incident’s owner, counterpart and post as defaults', async () => {
    const post = await createPost(t);
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
    const response = await create(incident.id, { kind: 'noindex', description: 'Put the article in noindex', promisedAt: '2026-11-30T12:00:00Z', dueAt: '2026-12-01T12:00:00Z' }).expect(201);
    expect(response.body).toMatchObject({
      kind: 'noindex',
      status: 'pending',
      ownerId: incident.ownerId,
      promisedToPartyId: founder.id,
      targetUrl: post.url,
      postId: post.id,
      verifiable: true,
      dueAt: '2026-12-01T12:00:00.000Z',
      observations: [],
    });
    expect((await timelineOf(t, incident.id)).at(-1)).toMatchObject({
      type: 'commitment.created',
      payload: { commitmentId: response.body.id, kind: 'noindex', targetUrl: post.url },
    });
  });

  it.each([
    ['an unknown kind', { kind: 'apologise', description: 'x' }, 'kind must be one of the following values'],
    ['notBefore after dueAt', { kind: 'call_back', description: 'Call back', promisedAt: '2026-12-01T09:00:00Z', notBefore: '2026-12-03T09:00:00Z', dueAt: '2026-12-02T09:00:00Z' }, 'dueAt must not be before notBefore'],
    ['a due time past for a promise made now', { kind: 'call_back', description: 'Call back', dueAt: new Date(Date.now() - 86_400_000).toISOString() }, 'dueAt is in the past, before the promise recorded as made now'],
    ['dueAt before promisedAt', { kind: 'noindex', description: 'Noindex', targetUrl: 'https://blog.example.com/a', promisedAt: '2026-12-03T09:00:00Z', dueAt: '2026-12-01T09:00:00Z' }, 'dueAt must not be before promisedAt'],
    ['a non-http URL', { kind: 'remove_content', description: 'x', targetUrl: 'file:///etc/passwd' }, 'targetUrl must be an http:// or https:// URL'],
    ['a javascript: URL', { kind: 'remove_content', description: 'x', targetUrl: 'javascript:alert(1)' }, 'targetUrl must be an http:// or https:// URL'],
    ['a removal without a page', { kind: 'remove_content', description: 'x' }, 'targetUrl is required for a remove_content commitment'],
    ['a mention removal without the mention', { kind: 'remove_mention', description: 'x', targetUrl: 'https://blog.example.com/a' }, 'mentionText is required'],
    ['an unparseable date', { kind: 'call_back', description: 'x', dueAt: 'next Thursday' }, 'dueAt must be an ISO-8601 date-time'],
  ])('answers 400 naming the field for %s', async (_, body, message) => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const response = await create(incident.id, body).expect(400);
    expect(response.body.message).toEqual([expect.stringContaining(message)]);
    expect(await timelineOf(t, incident.id)).toHaveLength(1);
  });

  it('takes a due time past for a promise said to be made earlier, and one within the minute a typed time cannot say', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const yesterday = new Date(Date.now() - 86_400_000);
    const late = await create(incident.id, { kind: 'call_back', description: 'Rappeler avant midi', promisedAt: new Date(yesterday.getTime() - 3_600_000).toISOString(), dueAt: yesterday.toISOString() }).expect(201);
    expect(late.body.dueAt).toBe(yesterday.toISOString());
    const thisMinute = new Date(Date.now() - 30_000);
    await create(incident.id, { kind: 'call_back', description: 'Rappeler tout de suite', dueAt: thisMinute.toISOString() }).expect(201);
  });

  it('links a promise to the post at its address as typed: another case of scheme and host, a fragment, no trailing slash', async () => {
    const post = await createPost(t, { url: `https://blog.example.com/2026/12/le-billet-${Date.now()}/` });
    const incident = await createIncident(t, { postIds: [post.id] });
    const typed = post.url.replace('https://blog.example.com', 'HTTPS://Blog.Example.com').replace(/\/$/, '#commentaires');
    const response = await create(incident.id, { kind: 'noindex', description: 'Mettre le billet en noindex', targetUrl: typed }).expect(201);
    expect(response.body).toMatchObject({ targetUrl: typed, postId: post.id });
    const elsewhere = await create(incident.id, { kind: 'noindex', description: 'Un autre billet', targetUrl: 'https://blog.example.com/2026/12/un-autre/' }).expect(201);
    expect(elsewhere.body.postId).toBeNull();
  });

  it('refuses to close the incident while a commitment is open, and allows it once kept or cancelled', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const call = (await create(incident.id, { kind: 'call_back', description: 'Call back, not before Thursday', notBefore: '2026-11-26T08:00:00Z' }).expect(201)).body;
    const mention = (await create(incident.id, { kind: 'remove_mention', description: 'Remove the brand', targetUrl: 'https://blog.example.com/x', mentionText: 'Small Co' }).expect(201)).body;
    await move(t, incident.id, 'resolved', { resolution: 'Hatchet buried' }).expect(200);
    const refused = await move(t, incident.id, 'closed').expect(409);
    expect(refused.body.message).toBe('cannot close while 2 commitments are still open (pending, failed, or done but not verified)');
    expect((await t.api().get(`/api/incidents/${incident.id}`)).body.openCounts.openCommitments).toBe(2);

    const called = await t.api().post(`/api/commitments/${call.id}/done`).expect(200);
    expect(called.body).toMatchObject({ status: 'done', verifiable: false, doneAt: expect.any(String) });
    await t.api().post(`/api/commitments/${mention.id}/cancel`).send({ reason: 'No longer asked for' }).expect(200);
    await move(t, incident.id, 'closed').expect(200);

    const events = (await timelineOf(t, incident.id)).filter((event) => event.type === 'commitment.status_changed');
    expect(events.map((event) => [event.payload.from, event.payload.to])).toEqual([
      ['pending', 'done'],
      ['pending', 'cancelled'],
    ]);
  });

  it('refuses to mark a call done before its "not before", naming it', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const notBefore = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const call = (await create(incident.id, { kind: 'call_back', description: 'Call back, not before Thursday', notBefore }).expect(201)).body;
    const refused = await t.api().post(`/api/commitments/${call.id}/done`).expect(409);
    expect(refused.body.message).toBe(`it was promised not before ${notBefore} (notBefore): it cannot be done yet`);
    expect((await t.api().get(`/api/commitments/${call.id}`).expect(200)).body.status).toBe('pending');
  });

  it('reopens a commitment marked done by mistake, in the timeline, and reminds of it again', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const email = (await create(incident.id, { kind: 'send_message', description: 'Send the email', dueAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(201)).body;
    await t.api().post(`/api/commitments/${email.id}/done`).expect(200);
    const reminders = async () => (await t.api().get(`/api/reminders?incidentId=${incident.id}&limit=100`).expect(200)).body.items as Array<{ kind: string; status: string }>;
    expect((await reminders()).map((r) => [r.kind, r.status])).toEqual([['commitment_due', 'cancelled']]);
    await t.api().post(`/api/commitments/${email.id}/reopen`).send({ reason: '' }).expect(400);
    const reopened = await t.api().post(`/api/commitments/${email.id}/reopen`).send({ reason: 'Marked done by mistake: the email is still a draft' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'pending', doneAt: null });
    expect((await reminders()).filter((r) => r.status === 'scheduled').map((r) => r.kind)).toEqual(['commitment_due']);
    const events = (await timelineOf(t, incident.id)).filter((event) => event.type === 'commitment.status_changed');
    expect(events.map((event) => [event.payload.from, event.payload.to, event.payload.reason ?? null])).toEqual([
      ['pending', 'done', null],
      ['done', 'pending', 'Marked done by mistake: the email is still a draft'],
    ]);
    await t.api().post(`/api/commitments/${email.id}/reopen`).send({ reason: 'again' }).expect(409);
  });

  it('refuses moves the workflow does not allow', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const call = (await create(incident.id, { kind: 'call_back', description: 'Call back' }).expect(201)).body;
    await t.api().post(`/api/commitments/${call.id}/cancel`).send({ reason: 'Not needed' }).expect(200);
    const response = await t.api().post(`/api/commitments/${call.id}/done`).expect(409);
    expect(response.body.message).toBe('commitment cannot move from cancelled to done; allowed from cancelled: none');
    await t.api().post(`/api/commitments/${call.id}/cancel`).send({ reason: ' ' }).expect(400);
  });

  it('lists by status, incident and owner', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const a = (await create(incident.id, { kind: 'send_message', description: 'Send the email' }).expect(201)).body;
    const b = (await create(incident.id, { kind: 'call_back', description: 'Call' }).expect(201)).body;
    await t.api().post(`/api/commitments/${a.id}/done`).expect(200);
    const pending = await t.api().get(`/api/commitments?incidentId=${incident.id}&status=pending`).expect(200);
    expect(pending.body.items.map((c: { id: string }) => c.id)).toEqual([b.id]);
    const all = await t.api().get(`/api/commitments?incidentId=${incident.id}&ownerId=${incident.ownerId}`).expect(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([b.id, a.id]);
    await t.api().get('/api/commitments?status=kept').expect(400);
  });
});
