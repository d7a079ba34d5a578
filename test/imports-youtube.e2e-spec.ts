import { readFileSync } from 'node:fs';
import { startApp, type TestApp } from './helpers/app.js';
import { createIncident } from './helpers/fixtures.js';
import { importedComments } from './helpers/source-thread.js';
import { startYouTubeApi, YOUTUBE_KEY, YOUTUBE_LONG_THREAD, YOUTUBE_VIDEO, type YouTubeApiSite } from './helpers/youtube-api.js';

const T1 = YOUTUBE_LONG_THREAD;
const R1a = `${T1}.A2b1Qm9xK0FA2b1Qm9xK0F`;
const R1b = `${T1}.A2b1Rn3yL4GA2b1Rn3yL4G`;
const R1c = `${T1}.A2b1So7zM8HA2b1So7zM8H`;
const R1d = `${T1}.A2b1Tp1aN2IA2b1Tp1aN2I`;
const R1e = `${T1}.A2b1Uq5bO6JA2b1Uq5bO6J`;
const T3 = 'UgyT5hW2dR9pN7cV3xBg4AaABAg';

describe('Importing a YouTube video', () => {
  let t: TestApp;
  let api: YouTubeApiSite;
  const url = `https://www.youtube.com/watch?v=${YOUTUBE_VIDEO}`;

  beforeAll(async () => {
    api = await startYouTubeApi();
    t = await startApp({ YOUTUBE_API_KEY: YOUTUBE_KEY, YOUTUBE_API_URL: api.base });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([t?.close(), api?.close()]);
  });

  it('imports the video’s comments three levels deep, authors as parties, a threat read; a re-import sees an edit and a deletion', async () => {
    const incident = await createIncident(t);
    const first = await t.api().post('/api/imports').send({ incidentId: incident.id, url }).expect(200);
    expect(first.body).toMatchObject({ added: 13, updated: 0, deleted: 0 });
    const post = (await t.api().get(`/api/posts/${first.body.postId}`).expect(200)).body;
    expect(post).toMatchObject({ platform: 'youtube', url, title: 'Les erreurs des débutants & comment les éviter' });

    const rows = await importedComments(t, incident.id);
    expect(rows.size).toBe(13);
    const row = (externalId: string) => rows.get(externalId)!;
    expect(row(T1).parentId).toBeNull();
    expect(row(R1a).parentId).toBe(row(T1).id);
    expect(row(R1b).parentId).toBe(row(R1a).id);
    expect(row(R1c).parentId).toBe(row(R1b).id);
    expect(row(R1d).parentId).toBe(row(R1b).id);
    expect(row(R1e).parentId).toBe(row(T1).id);
    expect(row(R1b).body).toBe('@calumet_blog et pour les remboursements, vous en parlez ? (corrigé : remboursements, pas retours)');
    expect(row(T1)).toMatchObject({ authorName: '@jeandupre', body: 'Vidéo très juste. L’erreur n° 3 m’a coûté 450 € !' });
    expect(row(T1).partyId).toEqual(expect.any(String));
    expect(row(R1d).partyId).toBe(row(T1).partyId);
    expect(row(R1b).partyId).not.toBe(row(T1).partyId);
    expect(row(T3).signals.map((signal) => signal.kind)).toContain('legal_threat');

    api.edit(R1d, '@zoe_m pareil pour moi, sept semaines en fait.', '2026-11-04T10:00:00Z');
    api.remove(R1e);
    const again = await t.api().post('/api/imports').send({ incidentId: incident.id, url }).expect(200);
    expect(again.body).toMatchObject({ postId: first.body.postId, added: 0, updated: 1, deleted: 1, unchanged: 11 });
    const later = await importedComments(t, incident.id);
    expect(later.size).toBe(13);
    expect(later.get(R1d)).toMatchObject({ body: '@zoe_m pareil pour moi, sept semaines en fait.', status: 'edited' });
    expect(later.get(R1d)!.revisions.map((revision) => revision.body)).toContain('@zoe_m pareil pour moi, six semaines d’attente.');
    expect(later.get(R1e)!.status).toBe('deleted');
  });

  it('answers 400 naming url when YouTube refuses, and writes nothing', async () => {
    const incident = await createIncident(t);
    const quota = JSON.parse(readFileSync(new URL('./fixtures/sources/youtube/error-quotaExceeded.json', import.meta.url), 'utf8'));
    api.refuseNext('commentThreads', 403, quota);
    const refused = await t.api().post('/api/imports').send({ incidentId: incident.id, url: `https://youtu.be/${YOUTUBE_VIDEO}` }).expect(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ field: 'url', code: 'youtube.quotaExceeded' })]);
    expect((await importedComments(t, incident.id)).size).toBe(0);
  });
});
