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
      signals: [
        { kind: 'apology', phrase: 'mes excuses', start: 7, end: 18 },
        { kind: 'contact_offer', phrase: 'je vous propose un appel', start: 20, end: 44 },
      ],
      suggestedState: 'de_escalating',
    });

    const chatter = await t.api(viewer.token).post('/api/signals/analyze').send({ text: 'Super article !' }).expect(200);
    expect(chatter.body).toEqual({ signals: [] });
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
      { kind: 'legal_threat', phrase: 'Mon avocat', start: 0, end: 10 },
      { kind: 'legal_threat', phrase: 'mise en demeure', start: 30, end: 45 },
    ]);

    const edited = await t.api().patch(`/api/comments/${comment.id}`).send({ body: "Désolé, c'était un malentendu. Je vous rappellerai jeudi." }).expect(200);
    expect(edited.body.signals).toEqual([
      { kind: 'apology', phrase: 'Désolé', start: 0, end: 6 },
      { kind: 'de_escalation', phrase: 'malentendu', start: 19, end: 29 },
      { kind: 'commitment', commitmentKind: 'call_back', phrase: 'Je vous rappellerai', start: 31, end: 50 },
    ]);
    const listed = await t.api().get(`/api/incidents/${incident.id}/comments`).expect(200);
    expect(listed.body.items[0].signals).toEqual(edited.body.signals);
  });
});
