import { startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, createParty } from './helpers/fixtures.js';

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
