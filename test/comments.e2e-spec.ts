import { randomUUID } from 'node:crypto';
import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, createPost, move, timelineOf } from './helpers/fixtures.js';

describe('comments', () => {
  let t: TestApp;
  let founder: { id: string };
  beforeAll(async () => {
    t = await startApp();
    founder = await createParty(t, { name: 'Founder', organisation: 'Small Co' });
  });
  afterAll(() => t.close());

  it('threads the exchange: inbound from the counterpart, the reply answers it', async () => {
    const post = await createPost(t);
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
    const threat = await addComment(t, incident.id, {
      direction: 'inbound',
      postId: post.id,
      body: 'I invoke my droit de réponse. The brand is a registered trademark.',
      postedAt: '2026-11-20T09:00:00Z',
    });
    expect(threat).toMatchObject({ partyId: founder.id, direction: 'inbound', needsResponse: true, respondedById: null, channel: 'comment' });

    const awaiting = await t.api().get(`/api/incidents/${incident.id}/comments?awaitingResponse=true`).expect(200);
    expect(awaiting.body.items.map((c: { id: string }) => c.id)).toEqual([threat.id]);
    expect((await t.api().get(`/api/incidents/${incident.id}/comments?awaitingResponse=false`)).body.items).toEqual([]);
    expect((await t.api().get(`/api/incidents/${incident.id}`)).body.openCounts.commentsAwaitingResponse).toBe(1);

    const reply = await addComment(t, incident.id, {
      direction: 'outbound',
      parentId: threat.id,
      postId: post.id,
      body: 'Please send any legal demand as a reasoned letter from counsel, by registered mail.',
      postedAt: '2026-11-20T10:00:00Z',
    });
    expect(reply).toMatchObject({ parentId: threat.id, authorUserId: expect.any(String), needsResponse: false });

    const answered = await t.api().get(`/api/comments/${threat.id}`).expect(200);
    expect(answered.body.respondedById).toBe(reply.id);
    expect((await t.api().get(`/api/incidents/${incident.id}/comments?awaitingResponse=true`)).body.items).toEqual([]);
    const settled = await t.api().get(`/api/incidents/${incident.id}/comments?awaitingResponse=false`).expect(200);
    expect(settled.body.items.map((c: { id: string }) => c.id)).toEqual([threat.id, reply.id]);
    expect((await t.api().get(`/api/incidents/${incident.id}`)).body.openCounts.commentsAwaitingResponse).toBe(0);

    const events = (await timelineOf(t, incident.id)).filter((event) => event.type === 'comment.added');
    expect(events.map((event) => event.payload)).toEqual([
      expect.objectContaining({ commentId: threat.id, direction: 'inbound', needsResponse: true, answers: null }),
      expect.objectContaining({ commentId: reply.id, direction: 'outbound', parentId: threat.id, answers: threat.id }),
    ]);

    const thread = await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200);
    expect(thread.body.items.map((c: { id: string }) => c.id)).toEqual([threat.id, reply.id]);
  });

  it('refuses a message whose text is empty once trimmed, written or edited, naming body, and writes nothing', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    for (const body of ['   ', '\n\t ']) {
      const refused = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', body }).expect(400);
      expect(refused.body.problems).toEqual([{ field: 'body', code: 'validation.notBlank', message: 'body must not be empty' }]);
    }
    expect((await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200)).body.items).toEqual([]);
    const kept = await addComment(t, incident.id, { direction: 'inbound', body: '  Spaces around are kept as written.  ' });
    expect(kept).toMatchObject({ body: '  Spaces around are kept as written.  ' });
    const edit = await t.api().patch(`/api/comments/${kept.id}`).send({ body: ' ' }).expect(400);
    expect(edit.body.message).toEqual(['body must not be empty']);
  });

  it('refuses a message dated more than a day ahead, and takes one a few hours ahead (written in another time zone)', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const refused = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', body: 'Dated 2031', postedAt: '2031-05-01T10:00:00Z' }).expect(400);
    expect(refused.body.problems).toEqual([{ field: 'postedAt', code: 'validation.notMoreThanADayAhead', message: 'postedAt must not be more than a day in the future' }]);
    const later = new Date(Date.now() + 25 * 3600_000).toISOString();
    await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', body: 'Tomorrow and then some', postedAt: later }).expect(400);
    const soon = new Date(Date.now() + 9 * 3600_000).toISOString();
    expect(await addComment(t, incident.id, { direction: 'inbound', body: 'From Tokyo', postedAt: soon })).toMatchObject({ postedAt: soon });
  });

  it('refuses a parent from another incident and a post not linked to the incident', async () => {
    const a = await createIncident(t, { counterpartId: founder.id });
    const b = await createIncident(t, { counterpartId: founder.id });
    const inA = await addComment(t, a.id, { direction: 'inbound', body: 'hello' });
    const stray = await createPost(t);
    const wrongParent = await t.api().post(`/api/incidents/${b.id}/comments`).send({ direction: 'outbound', parentId: inA.id, body: 'reply' }).expect(400);
    expect(wrongParent.body.message).toEqual([expect.stringContaining('parentId refers to no comment of incident')]);
    const wrongPost = await t.api().post(`/api/incidents/${b.id}/comments`).send({ direction: 'inbound', postId: stray.id, body: 'x' }).expect(400);
    expect(wrongPost.body.message).toEqual([expect.stringContaining('postId refers to no post of incident')]);
    expect(await timelineOf(t, b.id)).toHaveLength(1);
  });

  it('asks who wrote an inbound comment when the incident has no counterpart, and keeps authors to their direction', async () => {
    const incident = await createIncident(t);
    const anonymous = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', body: 'x' }).expect(400);
    expect(anonymous.body.message).toEqual([expect.stringContaining('partyId or authorName is required')]);
    const mixed = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'outbound', partyId: founder.id, needsResponse: true, body: 'x' }).expect(400);
    expect(mixed.body.message).toHaveLength(2);
    const bystander = await addComment(t, incident.id, { direction: 'inbound', authorName: 'A bystander', body: 'Popcorn time' });
    expect(bystander).toMatchObject({ partyId: null, authorName: 'A bystander' });
    // A name typed that is the counterpart's (folded: case, accents, spaces) is the counterpart; any other, someone else.
    const helene = await createParty(t, { name: 'Hélène Dupont' });
    const withCounterpart = await createIncident(t, { counterpartId: helene.id });
    const hers = await addComment(t, withCounterpart.id, { direction: 'inbound', authorName: ' helene  DUPONT', body: 'Vous mentez.' });
    expect(hers).toMatchObject({ partyId: helene.id, authorName: 'helene  DUPONT' });
    const someoneElse = await addComment(t, withCounterpart.id, { direction: 'inbound', authorName: 'Hélène Durand', body: 'Moi aussi.' });
    expect(someoneElse).toMatchObject({ partyId: null, authorName: 'Hélène Durand' });
    await t.api().post(`/api/incidents/${randomUUID()}/comments`).send({ direction: 'inbound', authorName: 'x', body: 'x' }).expect(404);
  });

  it('does not expect a reply on a resolved incident, nor from outbound messages', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    await move(t, incident.id, 'resolved', { resolution: 'Settled' }).expect(200);
    expect(await addComment(t, incident.id, { direction: 'inbound', body: 'Thanks again' })).toMatchObject({ needsResponse: false });
    expect(await addComment(t, incident.id, { direction: 'outbound', channel: 'email', body: 'Email sent' })).toMatchObject({ needsResponse: false });
  });

  it('keeps an edited body as a revision and records the edit', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const comment = await addComment(t, incident.id, { direction: 'inbound', body: 'Original words' });
    const edited = await t.api().patch(`/api/comments/${comment.id}`).send({ body: 'Softened words' }).expect(200);
    expect(edited.body).toMatchObject({ body: 'Softened words', status: 'edited', revisions: [{ body: 'Original words', seenAt: expect.any(String) }] });
    expect((await timelineOf(t, incident.id)).at(-1)).toMatchObject({
      type: 'comment.edited',
      payload: { commentId: comment.id, previousBody: 'Original words', body: 'Softened words' },
    });
  });

  it('clears needsResponse and records who did', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const comment = await addComment(t, incident.id, { direction: 'inbound', body: 'A question' });
    await t.api().patch(`/api/comments/${comment.id}`).send({ needsResponse: false, status: 'hidden' }).expect(200);
    expect((await timelineOf(t, incident.id)).find((event) => event.type === 'comment.updated')).toMatchObject({
      type: 'comment.updated',
      payload: { commentId: comment.id, changes: { needsResponse: { from: true, to: false }, status: { from: 'visible', to: 'hidden' } } },
    });
  });

  it('refuses the same externalId twice in one incident', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    await addComment(t, incident.id, { direction: 'inbound', body: 'x', externalId: 'wp-1042' });
    const again = await t.api().post(`/api/incidents/${incident.id}/comments`).send({ direction: 'inbound', body: 'x', externalId: 'wp-1042' }).expect(409);
    expect(again.body.message).toContain('wp-1042');
  });
});
