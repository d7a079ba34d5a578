import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, createPost, move, timelineOf } from './helpers/fixtures.js';

type Suggestion = {
  key: string;
  type: string;
  status: string;
  state?: string;
  commentId: string;
  phrase: string;
  passages: Array<{ commentId: string; phrase: string }>;
  draft?: Record<string, unknown>;
  warnings?: Array<{ code: string }>;
  fulfilledBy?: Record<string, unknown>;
};

describe('suggestions', () => {
  let t: TestApp;
  let founder: { id: string };
  let manager: { id: string; token: string };
  let legal: { id: string; token: string };
  let viewer: { token: string };
  beforeAll(async () => {
    t = await startApp();
    founder = await createParty(t, { name: 'Founder', organisation: 'Small Co' });
    manager = await t.createUser('community_manager');
    legal = await t.createUser('legal');
    viewer = await t.createUser('viewer');
  });
  afterAll(() => t.close());

  const suggestionsOf = async (incidentId: string) => (await t.api().get(`/api/incidents/${incidentId}`).expect(200)).body.suggestions as Suggestion[];
  const open = async (incidentId: string) => (await suggestionsOf(incidentId)).filter((suggestion) => suggestion.status === 'open');

  it('suggests the legal_threat state and one notice per type an inbound threat names, each quoting its passages; the move is accepted with the user’s reason', async () => {
    const post = await createPost(t, { publishedAt: '2026-10-01T08:00:00Z' });
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
    const threat = await addComment(t, incident.id, {
      direction: 'inbound',
      postId: post.id,
      postedAt: '2026-11-20T09:00:00Z',
      body: "J'exerce mon droit de réponse. Notre marque est déposée et un huissier a constaté vos deux articles.",
    });
    const suggestions = await suggestionsOf(incident.id);
    expect(suggestions.map((suggestion) => [suggestion.key, suggestion.status, suggestion.passages.map((passage) => passage.phrase)])).toEqual([
      [`state-legal_threat-${threat.id}`, 'open', ["J'exerce mon droit de réponse", 'marque est déposée', 'huissier a constaté']],
      [`notice-right_of_reply-${threat.id}`, 'open', ["J'exerce mon droit de réponse"]],
      [`notice-trademark_claim-${threat.id}`, 'open', ['marque est déposée']],
      [`notice-bailiff_report-${threat.id}`, 'open', ['huissier a constaté']],
    ]);
    const rightOfReply = suggestions[1]!;
    expect(rightOfReply.draft).toEqual(
      expect.objectContaining({ type: 'right_of_reply', jurisdiction: 'FR', senderPartyId: founder.id, receivedVia: 'comment', receivedAt: '2026-11-20T09:00:00.000Z', commentId: threat.id }),
    );
    expect(rightOfReply.warnings!.map((warning) => warning.code)).toEqual(['comments_open', 'receipt_not_proven', 'requested_reply_missing']);
    expect(suggestions[2]!.warnings).toEqual([]);

    await t.api(viewer.token).post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-${threat.id}/accept`).send({}).expect(403);
    const accepted = await t
      .api(manager.token)
      .post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-${threat.id}/accept`)
      .send({ edits: { reason: 'The founder invokes his right of reply' } })
      .expect(200);
    expect(accepted.body).toEqual({ key: `state-legal_threat-${threat.id}`, decision: 'accepted', result: { type: 'incident', id: incident.id } });
    expect((await t.api().get(`/api/incidents/${incident.id}`)).body.state).toBe('legal_threat');
    // Accepted, not done by hand: it leaves the list.
    expect((await suggestionsOf(incident.id)).map((suggestion) => suggestion.type)).toEqual(['legal_notice', 'legal_notice', 'legal_notice']);
    const events = await timelineOf(t, incident.id);
    expect(events.slice(-2).map((event) => [event.type, event.payload])).toEqual([
      ['state.changed', expect.objectContaining({ from: 'reported', to: 'legal_threat', reason: 'The founder invokes his right of reply' })],
      ['suggestion.accepted', { key: `state-legal_threat-${threat.id}`, type: 'state', commentId: threat.id, result: { type: 'incident', id: incident.id } }],
    ]);
  });

  it('records a suggested legal notice for legal and admin only, with the user’s edits validated like the notice route; the move the notice makes closes the state suggestion as done', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const threat = await addComment(t, incident.id, { direction: 'inbound', body: 'Mon avocat vous adressera une mise en demeure.' });
    const url = `/api/incidents/${incident.id}/suggestions/notice-formal_notice-${threat.id}/accept`;
    const refused = await t.api(manager.token).post(url).send({ edits: { jurisdiction: 'FR' } }).expect(403);
    expect(refused.body.message).toMatch(/legal/);
    const invalid = await t.api(legal.token).post(url).send({}).expect(400);
    expect(invalid.body.message).toEqual([expect.stringMatching(/^jurisdiction /)]);

    const accepted = await t.api(legal.token).post(url).send({ edits: { jurisdiction: 'FR', summary: 'Formal notice announced in a comment' } }).expect(200);
    const notice = (await t.api(legal.token).get(`/api/legal-notices/${accepted.body.result.id}`).expect(200)).body;
    expect(notice).toMatchObject({ type: 'formal_notice', senderPartyId: founder.id, receivedVia: 'comment', commentId: threat.id, jurisdiction: 'FR', summary: 'Formal notice announced in a comment' });
    // Recording the notice raised the incident: the legal_threat suggestion is done, by that move.
    const [done, ...rest] = await suggestionsOf(incident.id);
    expect(rest).toEqual([]);
    expect(done).toMatchObject({
      key: `state-legal_threat-${threat.id}`,
      status: 'done',
      state: 'legal_threat',
      fulfilledBy: { event: 'state.changed', type: 'incident', id: incident.id, what: 'legal_threat', actor: 'system' },
    });
    await t.api(legal.token).post(url).send({ edits: { jurisdiction: 'FR' } }).expect(404);
  });

  it('closes a suggestion done by hand as done, with a timeline event naming the move, notice or commitment that did it', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const threat = await addComment(t, incident.id, { direction: 'inbound', body: 'Un huissier a constaté vos articles. Nous prendrons les mesures nécessaires.' });
    const promise = await addComment(t, incident.id, { direction: 'outbound', parentId: threat.id, body: 'Je vais passer l’article en noindex.' });
    expect((await open(incident.id)).map((suggestion) => suggestion.key)).toEqual([`state-legal_threat-${threat.id}`, `notice-bailiff_report-${threat.id}`, `commitment-noindex-${promise.id}`]);

    await move(t, incident.id, 'legal_threat', {}, manager.token).expect(200);
    const moved = await timelineOf(t, incident.id);
    const change = moved.find((event) => event.type === 'state.changed')!;
    expect(moved.at(-1)).toMatchObject({
      type: 'suggestion.fulfilled',
      actor: 'system',
      payload: {
        key: `state-legal_threat-${threat.id}`,
        type: 'state',
        commentId: threat.id,
        proposal: 'legal_threat',
        fulfilledBy: { event: 'state.changed', seq: change.seq, type: 'incident', id: incident.id, what: 'legal_threat', actor: manager.id },
      },
    });

    const notice = await t.api(legal.token).post(`/api/incidents/${incident.id}/legal-notices`).send({ type: 'bailiff_report', receivedVia: 'comment', receivedAt: '2026-11-20T10:00:00Z', jurisdiction: 'FR' }).expect(201);
    const commitment = await t.api(manager.token).post(`/api/incidents/${incident.id}/commitments`).send({ kind: 'noindex', description: 'Noindex the article', targetUrl: 'https://blog.example.com/a' }).expect(201);

    const suggestions = await suggestionsOf(incident.id);
    expect(suggestions.map((suggestion) => [suggestion.key, suggestion.status, suggestion.fulfilledBy?.['type'], suggestion.fulfilledBy?.['id']])).toEqual([
      [`state-legal_threat-${threat.id}`, 'done', 'incident', incident.id],
      [`notice-bailiff_report-${threat.id}`, 'done', 'legal_notice', notice.body.id],
      [`commitment-noindex-${promise.id}`, 'done', 'commitment', commitment.body.id],
    ]);
    await t.api(manager.token).post(`/api/incidents/${incident.id}/suggestions/commitment-noindex-${promise.id}/accept`).send({}).expect(404);
    expect((await timelineOf(t, incident.id)).filter((event) => event.type === 'suggestion.fulfilled')).toHaveLength(3);
  });

  it('suggests the commitments our replies make, to whom they answer, on the post; two clicks make one, and a dismissal sticks', async () => {
    const post = await createPost(t);
    const incident = await createIncident(t, { counterpartId: founder.id, postIds: [post.id] });
    const apology = await addComment(t, incident.id, { direction: 'inbound', body: 'Je vous présente mes excuses, nous subissions des attaques.' });
    const reply = await addComment(t, incident.id, {
      direction: 'outbound',
      parentId: apology.id,
      postId: post.id,
      postedAt: '2026-11-22T10:00:00Z',
      body: 'La hache de guerre est enterrée. Cet article passera en noindex et je vous enverrai un email.',
    });
    // The apology would de-escalate, but a reported incident cannot move to de_escalating.
    const suggestions = await suggestionsOf(incident.id);
    expect(suggestions.map((suggestion) => [suggestion.key, suggestion.draft])).toEqual([
      [
        `commitment-noindex-${reply.id}`,
        { kind: 'noindex', description: 'Cet article passera en noindex', promisedAt: '2026-11-22T10:00:00.000Z', promisedToPartyId: founder.id, targetUrl: post.url },
      ],
      [`commitment-send_message-${reply.id}`, { kind: 'send_message', description: 'je vous enverrai un email', promisedAt: '2026-11-22T10:00:00.000Z', promisedToPartyId: founder.id }],
    ]);

    const clicks = await Promise.all(
      [1, 2].map(() => t.api(manager.token).post(`/api/incidents/${incident.id}/suggestions/commitment-noindex-${reply.id}/accept`).send({ edits: { description: 'Put the article in noindex' } })),
    );
    expect(clicks.map((click) => click.status).sort()).toEqual([200, 404]);
    const accepted = clicks.find((click) => click.status === 200)!;
    expect((await t.api().get(`/api/commitments?incidentId=${incident.id}`).expect(200)).body.items).toHaveLength(1);
    expect((await t.api().get(`/api/commitments/${accepted.body.result.id}`).expect(200)).body).toMatchObject({
      kind: 'noindex',
      description: 'Put the article in noindex',
      promisedToPartyId: founder.id,
      targetUrl: post.url,
      status: 'pending',
    });
    expect((await timelineOf(t, incident.id)).filter((event) => event.type === 'suggestion.fulfilled')).toEqual([]);

    const dismissed = await t.api(manager.token).post(`/api/incidents/${incident.id}/suggestions/commitment-send_message-${reply.id}/dismiss`).send({ reason: 'Already sent by hand' }).expect(200);
    expect(dismissed.body).toEqual({ key: `commitment-send_message-${reply.id}`, decision: 'dismissed' });
    expect(await suggestionsOf(incident.id)).toEqual([]);
    await t.api(manager.token).post(`/api/incidents/${incident.id}/suggestions/commitment-send_message-${reply.id}/dismiss`).send({}).expect(404);
    expect((await timelineOf(t, incident.id)).at(-1)).toMatchObject({
      type: 'suggestion.dismissed',
      payload: { key: `commitment-send_message-${reply.id}`, type: 'commitment', commentId: reply.id, reason: 'Already sent by hand' },
    });
  });

  it('suggests de-escalating from the apology that follows the threat once the threat was taken up, and nothing from a bystander', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const threat = await addComment(t, incident.id, { direction: 'inbound', postedAt: '2026-11-20T09:00:00Z', body: 'Mon avocat est prévenu.' });
    const apology = await addComment(t, incident.id, { direction: 'inbound', postedAt: '2026-11-21T09:00:00Z', body: "Désolé, c'était un malentendu." });
    await addComment(t, incident.id, { direction: 'inbound', authorName: 'A bystander', body: 'Je vais porter plainte moi aussi, et toutes mes excuses à tous.' });
    expect((await open(incident.id)).map((suggestion) => suggestion.key)).toEqual([`state-legal_threat-${threat.id}`]);

    await t.api().post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-${threat.id}/accept`).send({}).expect(200);
    expect((await open(incident.id)).map((suggestion) => [suggestion.key, suggestion.passages.map((passage) => passage.phrase)])).toEqual([
      [`state-de_escalating-${apology.id}`, ['Désolé', 'malentendu']],
    ]);
    await t.api().post(`/api/incidents/${incident.id}/suggestions/state-de_escalating-${apology.id}/accept`).send({}).expect(200);
    expect((await t.api().get(`/api/incidents/${incident.id}`)).body.state).toBe('de_escalating');
    expect(await suggestionsOf(incident.id)).toEqual([]);
    await t.api().post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-nope/dismiss`).send({}).expect(404);
  });

  it('suggests nothing again after a move of one’s own, until a new message points elsewhere', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    await move(t, incident.id, 'heated').expect(200);
    await addComment(t, incident.id, { direction: 'inbound', body: 'Je suis désolé.' });
    await move(t, incident.id, 'monitoring').expect(200);
    expect(await open(incident.id)).toEqual([]);
    const threat = await addComment(t, incident.id, { direction: 'inbound', body: 'Mon avocat est prévenu.' });
    expect((await open(incident.id)).map((suggestion) => suggestion.key)).toEqual([`state-legal_threat-${threat.id}`]);
  });
});
