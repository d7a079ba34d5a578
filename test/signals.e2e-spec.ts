import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty, move, timelineOf } from './helpers/fixtures.js';

describe('signals', () => {
  let t: TestApp;
  let viewer: { token: string };
  let founder: { id: string };
  beforeAll(async () => {
    t = await startApp();
    viewer = await t.createUser('viewer');
    founder = await createParty(t, { name: 'Founder', organisation: 'Small Co' });
  });
  afterAll(() => t.close());

  it('analyses ad-hoc text for any signed-in user and suggests the state the signals point to', async () => {
    const text = "Notre marque est une marque déposée. Un huissier a constaté les deux articles : nous prendrons les mesures nécessaires.";
    const response = await t.api(viewer.token).post('/api/signals/analyze').send({ text }).expect(200);
    expect(response.body.suggestedState).toBe('legal_threat');
    expect(response.body.signals.map((s: { phrase: string }) => s.phrase)).toEqual(['marque déposée', 'huissier a constaté', 'les mesures nécessaires']);
    for (const signal of response.body.signals) expect(text.slice(signal.start, signal.end)).toBe(signal.phrase);

    const apology = await t.api(viewer.token).post('/api/signals/analyze').send({ text: 'Toutes mes excuses, je vous propose un appel jeudi.' }).expect(200);
    expect(apology.body).toEqual({
      side: 'counterpart',
      signals: [
        { kind: 'apology', phrase: 'mes excuses', start: 7, end: 18, rule: 'fr/apology: mes|nos ~2 excuses' },
        { kind: 'contact_offer', phrase: 'je vous propose un appel', start: 20, end: 44, rule: expect.stringMatching(/^fr\/contact_offer: je vous propose ~4 appel\|/) },
      ],
      suggestedState: 'de_escalating',
    });

    const chatter = await t.api(viewer.token).post('/api/signals/analyze').send({ text: 'Super article !' }).expect(200);
    expect(chatter.body).toEqual({ side: 'counterpart', signals: [] });
  });

  it('reads the text as the side that writes it: our words never threaten us, a bystander suggests nothing, a mention is marked', async () => {
    const analyze = (body: Record<string, unknown>) => t.api(viewer.token).post('/api/signals/analyze').send(body).expect(200);
    const ours = await analyze({ text: 'Merci de passer par votre avocat. Cet article passera en noindex.', direction: 'outbound' });
    expect(ours.body).toEqual({ side: 'ours', signals: [expect.objectContaining({ kind: 'commitment', commitmentKind: 'noindex', phrase: 'Cet article passera en noindex' })] });

    const bystander = await analyze({ text: 'Je vais porter plainte contre ce blog.', side: 'bystander' });
    expect(bystander.body.signals.map((signal: { kind: string }) => signal.kind)).toEqual(['legal_threat']);
    expect(bystander.body.suggestedState).toBeUndefined();

    const asked = await analyze({ text: 'Une mise en demeure pour un tweet ? Sérieusement ?', direction: 'inbound' });
    expect(asked.body).toEqual({ side: 'counterpart', signals: [expect.objectContaining({ kind: 'legal_threat', noticeType: 'formal_notice', mention: 'question' })] });
  });

  it('refuses a side or direction it does not know, or the two contradicting, with a 400 naming them', async () => {
    const refused = async (body: Record<string, unknown>) => (await t.api(viewer.token).post('/api/signals/analyze').send({ text: 'x', ...body }).expect(400)).body.message;
    expect(await refused({ side: 'them' })).toEqual([expect.stringMatching(/^side must be one of/)]);
    expect(await refused({ direction: 'sideways' })).toEqual([expect.stringMatching(/^direction must be one of/)]);
    expect(await refused({ side: 'ours', direction: 'inbound' })).toEqual([expect.stringMatching(/^side ours contradicts direction inbound/)]);
    expect(await refused({ side: 'bystander', direction: 'outbound' })).toEqual([expect.stringMatching(/^side bystander contradicts direction outbound/)]);
  });

  it('refuses a missing, empty, non-string or over-long text with a 400 naming text', async () => {
    for (const body of [{}, { text: '' }, { text: 42 }, { text: 'x'.repeat(20_001) }]) {
      const response = await t.api(viewer.token).post('/api/signals/analyze').send(body).expect(400);
      expect(response.body.message).toEqual([expect.stringMatching(/^text /)]);
    }
    await t.api(viewer.token).post('/api/signals/analyze').send({ text: 'x'.repeat(20_000) }).expect(200);
    await t.anonymous().post('/api/signals/analyze').send({ text: 'x' }).expect(401);
  });

  it('stores the signals of every comment logged, and recomputes them when its body changes', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const comment = await addComment(t, incident.id, { direction: 'inbound', body: 'Mon avocat vous adressera une mise en demeure.' });
    const stored = await t.api().get(`/api/comments/${comment.id}`).expect(200);
    expect(stored.body.signals).toEqual([
      expect.objectContaining({ kind: 'legal_threat', phrase: 'Mon avocat', start: 0, end: 10 }),
      expect.objectContaining({ kind: 'legal_threat', noticeType: 'formal_notice', phrase: 'mise en demeure', start: 30, end: 45 }),
    ]);

    const edited = await t.api().patch(`/api/comments/${comment.id}`).send({ body: "Désolé, c'était un malentendu. Je vous rappellerai jeudi." }).expect(200);
    // Their promise to call is an offer to talk.
    expect(edited.body.signals).toEqual([
      expect.objectContaining({ kind: 'apology', phrase: 'Désolé', start: 0, end: 6 }),
      expect.objectContaining({ kind: 'de_escalation', phrase: 'malentendu', start: 19, end: 29 }),
      expect.objectContaining({ kind: 'contact_offer', phrase: 'Je vous rappellerai', start: 31, end: 50 }),
    ]);
    const listed = await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200);
    expect(listed.body.items[0].signals).toEqual(edited.body.signals);

  });
});

describe('suggestions', () => {
  let t: TestApp;
  let founder: { id: string };
  let manager: { token: string };
  let legal: { token: string };
  let viewer: { token: string };
  beforeAll(async () => {
    t = await startApp();
    founder = await createParty(t, { name: 'Founder', organisation: 'Small Co' });
    manager = await t.createUser('community_manager');
    legal = await t.createUser('legal');
    viewer = await t.createUser('viewer');
  });
  afterAll(() => t.close());

  const suggestionsOf = async (incidentId: string) =>
    (await t.api().get(`/api/incidents/${incidentId}`).expect(200)).body.suggestions as Array<{ key: string; type: string; state?: string; commentId: string; draft?: Record<string, unknown> }>;

  it('suggests the legal_threat state and a draft notice for an inbound threat; the move is accepted with the user’s reason', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const threat = await addComment(t, incident.id, {
      direction: 'inbound',
      postedAt: '2026-11-20T09:00:00Z',
      body: "J'exerce mon droit de réponse. Notre marque est déposée et un huissier a constaté vos deux articles.",
    });
    expect(await suggestionsOf(incident.id)).toEqual([
      { key: `state-legal_threat-${threat.id}`, type: 'state', state: 'legal_threat', commentId: threat.id, phrase: "J'exerce mon droit de réponse" },
      {
        key: `notice-${threat.id}`,
        type: 'legal_notice',
        commentId: threat.id,
        phrase: "J'exerce mon droit de réponse",
        draft: expect.objectContaining({ type: 'right_of_reply', direction: 'received', senderPartyId: founder.id, receivedVia: 'comment', commentId: threat.id, receivedAt: '2026-11-20T09:00:00.000Z' }),
      },
    ]);

    await t.api(viewer.token).post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-${threat.id}/accept`).send({}).expect(403);
    const accepted = await t
      .api(manager.token)
      .post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-${threat.id}/accept`)
      .send({ edits: { reason: 'The founder invokes his right of reply' } })
      .expect(200);
    expect(accepted.body).toEqual({ key: `state-legal_threat-${threat.id}`, decision: 'accepted', result: { type: 'incident', id: incident.id } });
    expect((await t.api().get(`/api/incidents/${incident.id}`)).body.state).toBe('legal_threat');
    expect((await suggestionsOf(incident.id)).map((s) => s.type)).toEqual(['legal_notice']);

    const events = await timelineOf(t, incident.id);
    expect(events.slice(-2).map((event) => [event.type, event.payload])).toEqual([
      ['state.changed', expect.objectContaining({ from: 'reported', to: 'legal_threat', reason: 'The founder invokes his right of reply' })],
      ['suggestion.accepted', { key: `state-legal_threat-${threat.id}`, type: 'state', commentId: threat.id, result: { type: 'incident', id: incident.id } }],
    ]);
  });

  it('records a suggested legal notice for legal and admin only, with the user’s edits validated like the notice route', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const threat = await addComment(t, incident.id, { direction: 'inbound', body: 'Mon avocat vous adressera une mise en demeure.' });
    const url = `/api/incidents/${incident.id}/suggestions/notice-${threat.id}/accept`;
    const refused = await t.api(manager.token).post(url).send({ edits: { jurisdiction: 'FR' } }).expect(403);
    expect(refused.body.message).toMatch(/legal/);
    const invalid = await t.api(legal.token).post(url).send({}).expect(400);
    expect(invalid.body.message).toEqual([expect.stringMatching(/^jurisdiction /)]);

    const accepted = await t.api(legal.token).post(url).send({ edits: { jurisdiction: 'FR', summary: 'Formal notice announced in a comment' } }).expect(200);
    const notice = (await t.api(legal.token).get(`/api/legal-notices/${accepted.body.result.id}`).expect(200)).body;
    expect(notice).toMatchObject({ type: 'formal_notice', senderPartyId: founder.id, receivedVia: 'comment', commentId: threat.id, jurisdiction: 'FR', summary: 'Formal notice announced in a comment' });
    // The notice raised the incident itself, so nothing is left to suggest.
    expect(await suggestionsOf(incident.id)).toEqual([]);
    await t.api(legal.token).post(url).send({ edits: { jurisdiction: 'FR' } }).expect(404);
  });

  it('suggests the commitments our replies make, and a dismissal sticks', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    const apology = await addComment(t, incident.id, { direction: 'inbound', body: 'Je vous présente mes excuses, nous subissions des attaques.' });
    const reply = await addComment(t, incident.id, {
      direction: 'outbound',
      parentId: apology.id,
      postedAt: '2026-11-22T10:00:00Z',
      body: "La hache de guerre est enterrée. Je vais passer l'article en noindex et je vous enverrai un email.",
    });
    // The apology would de-escalate, but a reported incident cannot move to de_escalating.
    expect(await suggestionsOf(incident.id)).toEqual([
      {
        key: `commitment-noindex-${reply.id}`,
        type: 'commitment',
        commentId: reply.id,
        phrase: "Je vais passer l'article en noindex",
        draft: { kind: 'noindex', description: "Je vais passer l'article en noindex", promisedAt: '2026-11-22T10:00:00.000Z', promisedToPartyId: founder.id },
      },
      {
        key: `commitment-send_message-${reply.id}`,
        type: 'commitment',
        commentId: reply.id,
        phrase: 'je vous enverrai un email',
        draft: { kind: 'send_message', description: 'je vous enverrai un email', promisedAt: '2026-11-22T10:00:00.000Z', promisedToPartyId: founder.id },
      },
    ]);

    // Two clicks at once: one commitment, one acceptance in the timeline, the other click told it is decided.
    const clicks = await Promise.all(
      [1, 2].map(() =>
        t
          .api(manager.token)
          .post(`/api/incidents/${incident.id}/suggestions/commitment-noindex-${reply.id}/accept`)
          .send({ edits: { description: 'Put the article in noindex', targetUrl: 'https://blog.example.com/2026/11/beginners' } }),
      ),
    );
    expect(clicks.map((click) => click.status).sort()).toEqual([200, 404]);
    const accepted = clicks.find((click) => click.status === 200)!;
    expect((await t.api().get(`/api/commitments?incidentId=${incident.id}`).expect(200)).body.items).toHaveLength(1);
    const commitment = (await t.api().get(`/api/commitments/${accepted.body.result.id}`).expect(200)).body;
    expect(commitment).toMatchObject({ kind: 'noindex', description: 'Put the article in noindex', promisedToPartyId: founder.id, status: 'pending' });

    const dismissed = await t
      .api(manager.token)
      .post(`/api/incidents/${incident.id}/suggestions/commitment-send_message-${reply.id}/dismiss`)
      .send({ reason: 'Already sent by hand' })
      .expect(200);
    expect(dismissed.body).toEqual({ key: `commitment-send_message-${reply.id}`, decision: 'dismissed' });
    expect(await suggestionsOf(incident.id)).toEqual([]);
    await t.api(manager.token).post(`/api/incidents/${incident.id}/suggestions/commitment-send_message-${reply.id}/dismiss`).send({}).expect(404);
    const last = (await timelineOf(t, incident.id)).at(-1)!;
    expect(last).toMatchObject({ type: 'suggestion.dismissed', payload: { key: `commitment-send_message-${reply.id}`, type: 'commitment', commentId: reply.id, reason: 'Already sent by hand' } });
  });

  it('suggests de-escalating from an apology logged after the incident turned legal, and nothing from a bystander discussing the law', async () => {
    const incident = await createIncident(t, { counterpartId: founder.id });
    await move(t, incident.id, 'legal_threat').expect(200);
    await addComment(t, incident.id, { direction: 'inbound', authorName: 'A bystander', body: 'La diffamation est un délit en France, pour info.' });
    expect(await suggestionsOf(incident.id)).toEqual([]);
    const apology = await addComment(t, incident.id, { direction: 'inbound', body: "Désolé, c'était un malentendu." });
    expect(await suggestionsOf(incident.id)).toEqual([
      { key: `state-de_escalating-${apology.id}`, type: 'state', state: 'de_escalating', commentId: apology.id, phrase: 'Désolé' },
    ]);
    await t.api().post(`/api/incidents/${incident.id}/suggestions/state-de_escalating-${apology.id}/accept`).send({}).expect(200);
    expect((await t.api().get(`/api/incidents/${incident.id}`)).body.state).toBe('de_escalating');
    expect(await suggestionsOf(incident.id)).toEqual([]);
    await t.api().post(`/api/incidents/${incident.id}/suggestions/state-legal_threat-nope/dismiss`).send({}).expect(404);
  });
});
