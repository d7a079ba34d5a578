import { readFileSync } from 'node:fs';
import { PageFetcher } from '../../fetcher/page-fetcher.js';
import { startYouTubeApi, YOUTUBE_CHANNEL, YOUTUBE_KEY, YOUTUBE_LONG_THREAD, YOUTUBE_VIDEO, type YouTubeApiSite } from '../../../test/helpers/youtube-api.js';
import { SourceError, type SourceContext, type SourceThread } from './source.js';
import { SourceFetch } from './source-fetch.js';
import { placeReplies, videoOf, YouTubeSource } from './youtube.js';

const T1 = YOUTUBE_LONG_THREAD;
const T2 = 'UgwE3nP8bY6fK1sZ0qLm4AaABAg';
const T3 = 'UgyT5hW2dR9pN7cV3xBg4AaABAg';
const T4 = 'Ugx9aK4mS1tQ6wE8rYjn4AaABAg';
const T5 = 'UgzB6cD3fG7hJ2kL5mNp4AaABAg';
const R1a = `${T1}.A2b1Qm9xK0FA2b1Qm9xK0F`;
const R1b = `${T1}.A2b1Rn3yL4GA2b1Rn3yL4G`;
const R1c = `${T1}.A2b1So7zM8HA2b1So7zM8H`;
const R1d = `${T1}.A2b1Tp1aN2IA2b1Tp1aN2I`;
const R1e = `${T1}.A2b1Uq5bO6JA2b1Uq5bO6J`;
const R2a = `${T2}.A2c4Vr9cP0KA2c4Vr9cP0K`;
const R2b = `${T2}.A2c4Ws3dQ4LA2c4Ws3dQ4L`;
const R3a = `${T3}.A2d7Xt7eR8MA2d7Xt7eR8M`;

describe(YouTubeSource.name, () => {
  const sut = new YouTubeSource();
  let api: YouTubeApiSite;
  let waits: number[];
  let context: SourceContext;
  const watch = `https://www.youtube.com/watch?v=${YOUTUBE_VIDEO}`;
  const tree = (thread: SourceThread) => Object.fromEntries(thread.comments.map((comment) => [comment.id, comment.parentId]));

  async function refusal(promise: Promise<unknown>): Promise<SourceError> {
    const error: unknown = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }

  beforeEach(async () => {
    api = await startYouTubeApi();
    waits = [];
    const fetch = new SourceFetch(new PageFetcher({ allowPrivate: true }), 5000, async (ms) => waits.push(ms));
    context = { fetch, youtubeApiKey: YOUTUBE_KEY, youtubeApiUrl: api.base };
  });

  afterEach(() => api.close());

  describe('recognises', () => {
    it('a video by the shape of its address: /watch?v=, youtu.be/, /shorts/, /live/, on any host', () => {
      for (const address of [
        watch,
        `https://m.youtube.com/watch?v=${YOUTUBE_VIDEO}&t=42s`,
        `http://127.0.0.1:8080/watch?v=${YOUTUBE_VIDEO}`,
        `https://youtu.be/${YOUTUBE_VIDEO}?si=abc`,
        `https://www.youtube.com/shorts/${YOUTUBE_VIDEO}`,
        `https://www.youtube.com/live/${YOUTUBE_VIDEO}?feature=share`,
      ]) {
        expect([address, sut.recognises(new URL(address))]).toEqual([address, true]);
        expect(videoOf(new URL(address))).toBe(YOUTUBE_VIDEO);
      }
    });

    it('nothing else: a channel, a watch page without a video, an id of the wrong length, a blog post', () => {
      for (const address of [
        'https://www.youtube.com/@calumet_blog',
        'https://www.youtube.com/watch',
        'https://www.youtube.com/watch?v=short',
        `https://www.youtube.com/shorts/${YOUTUBE_VIDEO}/extra`,
        'https://blog.example.com/2026/11/les-erreurs/',
        `https://blog.example.com/live/?p=${YOUTUBE_VIDEO}`,
      ]) {
        expect([address, sut.recognises(new URL(address))]).toEqual([address, false]);
      }
    });
  });

  it('reads the video and its 13 comments: every page of threads, every page of a long thread’s replies', async () => {
    const thread = await sut.read(watch, context);
    expect(thread.post).toEqual({
      id: YOUTUBE_VIDEO,
      slug: YOUTUBE_VIDEO,
      title: 'Les erreurs des débutants & comment les éviter',
      url: watch,
      publishedAt: new Date('2026-11-02T08:00:00Z'),
      authorId: YOUTUBE_CHANNEL,
      commentsOpen: null,
    });
    expect(thread.comments).toHaveLength(13);
    const asked = api.requests.map((url) => `${url.pathname.replace('/youtube/v3/', '')}?${[...url.searchParams].filter(([name]) => name !== 'key').map(([name, value]) => `${name}=${value}`).join('&')}`);
    expect(asked).toEqual([
      `videos?part=snippet&id=${YOUTUBE_VIDEO}`,
      `commentThreads?part=snippet,replies&videoId=${YOUTUBE_VIDEO}&maxResults=100&textFormat=plainText`,
      `commentThreads?part=snippet,replies&videoId=${YOUTUBE_VIDEO}&maxResults=100&textFormat=plainText&pageToken=QURTSl9pMnpKN21RMXZYMmNMOWtSNHRIZDRBYUFCQWc`,
      `comments?part=snippet&parentId=${T1}&maxResults=100&textFormat=plainText`,
      `comments?part=snippet&parentId=${T1}&maxResults=100&textFormat=plainText&pageToken=Z2V0X25ld2VzdF9maXJzdC0tQ2dnSWdBUVZGN2ZST1JJ`,
    ]);
    expect(api.requests.every((url) => url.searchParams.get('key') === YOUTUBE_KEY)).toBe(true);
    const top = thread.comments.find((comment) => comment.id === T1)!;
    expect(top).toEqual({
      id: T1,
      parentId: null,
      authorId: expect.stringMatching(/^UC[\w-]{22}$/),
      authorName: '@jeandupre',
      authorEmail: null,
      authorUrl: 'http://www.youtube.com/@jeandupre',
      postedAt: new Date('2026-11-02T09:00:00Z'),
      body: 'Vidéo très juste. L’erreur n° 3 m’a coûté 450 € !',
      url: `${watch}&lc=${T1}`,
    });
  });

  it('keeps YouTube’s two levels, and puts a reply starting with @name under the latest earlier reply of that author in the thread', async () => {
    const thread = await sut.read(watch, context);
    expect(tree(thread)).toEqual({
      [T5]: null,
      [T4]: null,
      [T3]: null,
      [R3a]: T3, // names the thread's author: stays under the top
      [T2]: null,
      [R2a]: T2,
      [R2b]: R2a, // “@François Lemaître …”: a display name of before handles, with a space and accents
      [T1]: null,
      [R1a]: T1,
      [R1b]: R1a, // “@calumet_blog …”
      [R1c]: R1b, // “@zoe_m …”: four levels
      [R1d]: R1b,
      [R1e]: T1,
    });
    const owner = thread.comments.filter((comment) => comment.authorId === YOUTUBE_CHANNEL).map((comment) => comment.id);
    expect(owner.sort()).toEqual([R1a, R1c, R2b, R3a].sort());
  });

  it('reads the edited text of an edited comment, and the text across lines', async () => {
    const thread = await sut.read(watch, context);
    expect(thread.comments.find((comment) => comment.id === R1b)!.body).toBe('@calumet_blog et pour les remboursements, vous en parlez ? (corrigé : remboursements, pas retours)');
    expect(thread.comments.find((comment) => comment.id === R2a)!.body).toBe('Exactement, et les CGV changent souvent !\nIl faut les relire à chaque commande.');
  });

  it('sees a later edit, and a deleted comment is left out (the API no longer lists it)', async () => {
    api.edit(R1d, '@zoe_m pareil pour moi, sept semaines en fait.', '2026-11-04T10:00:00Z');
    api.remove(R1e);
    api.remove(T4);
    const thread = await sut.read(watch, context);
    expect(thread.comments).toHaveLength(11);
    expect(thread.comments.find((comment) => comment.id === R1d)!.body).toBe('@zoe_m pareil pour moi, sept semaines en fait.');
    expect(thread.comments.some((comment) => comment.id === R1e || comment.id === T4)).toBe(false);
  });

  it('reads the thread’s replies from the thread itself when it gives them all', async () => {
    await sut.read(watch, context);
    expect(api.requests.filter((url) => url.searchParams.get('parentId') === T2 || url.searchParams.get('parentId') === T3)).toEqual([]);
  });

  it('refuses without YOUTUBE_API_KEY, asking nothing of YouTube', async () => {
    const error = await refusal(sut.read(watch, { ...context, youtubeApiKey: null }));
    expect(error).toMatchObject({ field: 'url', code: 'youtube.noKey' });
    expect(error.message).toContain('YOUTUBE_API_KEY');
    expect(api.requests).toEqual([]);
  });

  it('refuses a video YouTube does not have', async () => {
    const error = await refusal(sut.read('https://youtu.be/AAAAAAAAAAA', context));
    expect(error).toMatchObject({ field: 'url', code: 'youtube.videoNotFound', values: { video: 'AAAAAAAAAAA' } });
  });

  it('says the API’s refusals clearly: comments turned off, the quota spent, a video not found (403, 404)', async () => {
    const body = (name: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/sources/youtube/${name}.json`, import.meta.url), 'utf8'));
    api.refuseNext('commentThreads', 403, body('error-commentsDisabled'));
    expect(await refusal(sut.read(watch, context))).toMatchObject({ code: 'youtube.commentsDisabled', values: { video: YOUTUBE_VIDEO }, message: `url: comments are turned off on the YouTube video ${YOUTUBE_VIDEO}` });
    api.refuseNext('videos', 403, body('error-quotaExceeded'));
    expect(await refusal(sut.read(watch, context))).toMatchObject({ code: 'youtube.quotaExceeded' });
    api.refuseNext('commentThreads', 404, body('error-videoNotFound'));
    expect(await refusal(sut.read(watch, context))).toMatchObject({ code: 'youtube.videoNotFound' });
    const invalid = await refusal(sut.read(watch, { ...context, youtubeApiKey: 'not-the-key' }));
    expect(invalid).toMatchObject({ code: 'youtube.refused', values: { status: 400, reason: 'badRequest' } });
  });

  it('never says the key in a message', async () => {
    api.refuseNext('videos', 200, 'not json');
    const error = await refusal(sut.read(watch, context));
    expect(error.code).toBe('import.notJson');
    expect(JSON.stringify([error.message, error.values])).not.toContain(YOUTUBE_KEY);
  });

  it('waits out a 429 with a Retry-After, then reads on', async () => {
    api.refuseNext('commentThreads', 429, { error: { code: 429, message: 'Too many requests' } }, { 'retry-after': '2' });
    const thread = await sut.read(watch, context);
    expect(waits).toEqual([2000]);
    expect(thread.comments).toHaveLength(13);
  });

  it('tells whether a comment is still shown: listed by comments.list?id=, or not', async () => {
    const message = (externalId: string) => ({ externalId, url: `${watch}&lc=${externalId}`, threadUrl: watch });
    expect(await sut.stillShown(message(R1c), context)).toBe(true);
    expect(await sut.stillShown(message(T5), context)).toBe(true);
    api.remove(R1c);
    expect(await sut.stillShown(message(R1c), context)).toBe(false);
    expect(api.requests.at(-1)!.searchParams.get('id')).toBe(R1c);
    expect(await sut.stillShown(message(R1c), { ...context, youtubeApiKey: null })).toBeNull();
  });
});

describe(placeReplies.name, () => {
  const reply = (id: string, author: string, text: string, minute: number) => ({
    kind: 'youtube#comment' as const,
    id,
    snippet: { authorDisplayName: author, textOriginal: text, publishedAt: `2026-11-02T10:${String(minute).padStart(2, '0')}:00Z` },
  });

  it('takes a name only when whole (@zoe is not @zoe_m), and only from an earlier reply', () => {
    const placed = placeReplies('top', [
      reply('d', '@max', '@zoe_m later', 4),
      reply('a', '@zoe', 'first', 1),
      reply('b', '@zoe_m', 'second', 2),
      reply('c', '@leo', '@zoe_mm and @zoe', 3),
      reply('e', '@max', '@ZOE, majuscules', 5),
      reply('f', '@max', '@nobody here', 6),
    ]);
    expect(placed.map(([comment, parent]) => [comment.id, parent])).toEqual([
      ['a', 'top'],
      ['b', 'top'],
      ['c', 'top'],
      ['d', 'b'],
      ['e', 'a'],
      ['f', 'top'],
    ]);
  });
});
