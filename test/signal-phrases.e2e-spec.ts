import { sql, startApp, type TestApp } from './helpers/app.js';
import { addComment, createIncident, timelineOf } from './helpers/fixtures.js';

type SignalRow = { kind: string; phrase: string; rule?: string; noticeType?: string };
const signalsOf = async (t: TestApp, commentId: string) => (await t.api().get(`/api/comments/${commentId}`).expect(200)).body.signals as SignalRow[];

describe('signal phrases: the admins’ own words', () => {
  let t: TestApp;
  let manager: { token: string };
  beforeAll(async () => {
    t = await startApp();
    manager = await t.createUser('community_manager');
  });
  afterAll(() => t.close());

  it('adds a phrase per language and kind for admins only, checked like a lexicon pattern, and versions it in the settings’ timeline', async () => {
    await t.api(manager.token).post('/api/signals/phrases').send({ language: 'fr', kind: 'legal_threat', phrase: 'saisir la dgccrf' }).expect(403);
    const refused = async (body: Record<string, unknown>) => (await t.api().post('/api/signals/phrases').send(body).expect(400)).body.message as string[];
    expect(await refused({ language: 'de', kind: 'legal_threat', phrase: 'anwalt' })).toEqual([expect.stringMatching(/^language must be one of/)]);
    expect(await refused({ language: 'fr', kind: 'commitment', phrase: 'je vous rembourse' })).toEqual(['commitmentKind is required for a commitment']);
    expect(await refused({ language: 'fr', kind: 'apology', noticeType: 'trademark_claim', phrase: 'navré' })).toEqual(['noticeType applies to a legal threat only']);
    expect(await refused({ language: 'en', kind: 'hostility', phrase: '~2 bottom feeder' })).toEqual([expect.stringMatching(/^phrase is not a pattern the lexicons read: pattern "~2 bottom feeder" must start and end with a word/)]);

    const before = (await t.api().get('/api/signals/phrases').expect(200)).body.version as number;
    const added = await t.api().post('/api/signals/phrases').send({ language: 'fr', kind: 'legal_threat', phrase: ' saisir|saisirai la dgccrf ' }).expect(201);
    expect(added.body).toMatchObject({ language: 'fr', kind: 'legal_threat', commitmentKind: null, noticeType: null, phrase: 'saisir|saisirai la dgccrf' });
    await t.api().post('/api/signals/phrases').send({ language: 'fr', kind: 'legal_threat', phrase: 'saisir|saisirai la dgccrf' }).expect(409);

    const listed = await t.api(manager.token).get('/api/signals/phrases').expect(200);
    expect(listed.body.version).toBe(before + 1);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(added.body.id);
    const events = (await t.api().get('/api/settings/timeline?type=signal_phrase.added').expect(200)).body.items;
    expect(events.at(-1)).toMatchObject({ seq: before + 1, type: 'signal_phrase.added', payload: { phraseId: added.body.id, language: 'fr', kind: 'legal_threat', phrase: 'saisir|saisirai la dgccrf' } });
    expect((await t.api().get('/api/settings/timeline/verify').expect(200)).body).toMatchObject({ valid: true, events: before + 1 });
  });

  it('reads messages analysed after the change with the phrase, and a thread read again on request; a removed phrase stops applying', async () => {
    const incident = await createIncident(t);
    const older = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: 'Je vais signaler votre blog aux autorités de la concurrence.' });
    const phrase = await t.api().post('/api/signals/phrases').send({ language: 'fr', kind: 'legal_threat', phrase: 'signaler ~4 autorités' }).expect(201);

    const newer = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: 'Je vais signaler votre blog aux autorités, croyez-moi.' });
    expect(await signalsOf(t, newer.id)).toEqual([expect.objectContaining({ kind: 'legal_threat', phrase: 'signaler votre blog aux autorités', rule: `fr/phrase ${phrase.body.id}: signaler ~4 autorités` })]);
    expect(await signalsOf(t, older.id)).toEqual([]);
    const analyzed = await t.api().post('/api/signals/analyze').send({ text: 'Nous allons signaler ça aux autorités.' }).expect(200);
    expect(analyzed.body.suggestedState).toBe('legal_threat');

    const version = (await t.api().get('/api/signals/phrases').expect(200)).body.version as number;
    await t.api('nobody').post(`/api/incidents/${incident.id}/signals/reread`).expect(401);
    const reread = await t.api(manager.token).post(`/api/incidents/${incident.id}/signals/reread`).expect(200);
    expect(reread.body).toEqual({ comments: 2, changed: 1, settingsVersion: version });
    expect((await signalsOf(t, older.id)).map((signal) => signal.kind)).toEqual(['legal_threat']);
    expect((await timelineOf(t, incident.id)).at(-1)).toMatchObject({ type: 'signals.reread', payload: { comments: 2, changed: 1, settingsVersion: version } });

    await t.api(manager.token).delete(`/api/signals/phrases/${phrase.body.id}`).expect(403);
    await t.api().delete(`/api/signals/phrases/${phrase.body.id}`).expect(200);
    await t.api().delete(`/api/signals/phrases/${phrase.body.id}`).expect(404);
    const removed = (await t.api().get('/api/settings/timeline?type=signal_phrase.removed').expect(200)).body.items;
    expect(removed.at(-1)).toMatchObject({ seq: version + 1, payload: { phraseId: phrase.body.id, phrase: 'signaler ~4 autorités' } });
    const after = await addComment(t, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: 'Je vais signaler votre blog aux autorités.' });
    expect(await signalsOf(t, after.id)).toEqual([]);
    const again = await t.api().post(`/api/incidents/${incident.id}/signals/reread`).expect(200);
    expect(again.body).toEqual({ comments: 3, changed: 2, settingsVersion: version + 1 });
  });

  it('applies a phrase added through one process to messages another process analyses next', async () => {
    const second = await startApp({
      DATABASE_URL: t.config.database.type === 'sqlite' ? `sqlite:${t.config.database.path}` : t.config.database.url,
      CALUMET_ADMIN_TOKEN: t.adminToken,
    });
    // The second process shares the first one's admin token (another would rotate it).
    const other: TestApp = { ...second, api: (token = t.adminToken) => second.api(token) };
    try {
      const incident = await createIncident(other);
      const text = 'You bottom feeder, learn your trade.';
      expect(await signalsOf(other, (await addComment(other, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: text })).id)).toEqual([]);
      await t.api().post('/api/signals/phrases').send({ language: 'en', kind: 'hostility', phrase: 'bottom feeder|feeders' }).expect(201);
      const comment = await addComment(other, incident.id, { direction: 'inbound', authorName: 'Le fondateur', body: text });
      expect((await signalsOf(other, comment.id)).map((signal) => signal.phrase)).toEqual(['bottom feeder']);
    } finally {
      await second.close();
    }
  });

  it('keeps the settings’ timeline append-only: the database refuses to change or delete an event', async () => {
    await expect(sql(t.dataSource, "UPDATE settings_events SET type = 'x'")).rejects.toThrow(/append-only/);
    await expect(sql(t.dataSource, 'DELETE FROM settings_events')).rejects.toThrow(/append-only/);
  });
});
