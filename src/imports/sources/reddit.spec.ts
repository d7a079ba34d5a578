import { startPlaceServer, type PlaceServer } from '../../../test/helpers/place-server.js';
import { levelOf, messagesById, sourceContext, sourceRefusal } from '../../../test/helpers/source-thread.js';
import { startRedditSite, type RedditSite } from '../../../test/helpers/reddit-site.js';
import { RedditSource, redditAddress } from './reddit.js';
import type { SourceContext } from './source.js';

describe(RedditSource.name, () => {
  let site: RedditSite;
  let waits: number[];
  let context: SourceContext;
  let sut: RedditSource;

  beforeEach(async () => {
    site = await startRedditSite();
    const made = sourceContext();
    ({ context, waits } = made);
    sut = new RedditSource(made.wait);
  });
  afterEach(() => site.close());

  const paths = () => site.requests.map((request) => decodeURIComponent(request.url));

  describe('recognises', () => {
    it.each([
      'https://www.reddit.com/r/Lyon/comments/1h2x9qz/boulangerie_berthe_rue_merciere_mon_avis_apres/',
      'https://old.reddit.com/r/Lyon/comments/1h2x9qz/boulangerie_berthe_rue_merciere_mon_avis_apres/',
      'https://reddit.com/r/Lyon/comments/1h2x9qz/boulangerie_berthe_rue_merciere_mon_avis_apres/mkv0j10/',
      'https://www.reddit.com/r/Lyon/comments/1h2x9qz',
      'https://www.reddit.com/comments/1h2x9qz',
      'https://www.reddit.com/r/Lyon/comments/1h2x9qz/boulangerie/.json',
    ])('a post address by its path: %s', (url) => {
      expect(sut.recognises(new URL(url))).toBe(true);
    });

    it.each([
      'https://www.reddit.com/r/Lyon/',
      'https://www.reddit.com/r/Lyon/s/AbCdEf1234',
      'https://www.reddit.com/user/gones_du_69/',
      'https://forum.example.org/t/livraison/4821',
      'https://blog.example.com/2026/11/les-commentaires/',
    ])('nothing else: %s', (url) => {
      expect(sut.recognises(new URL(url))).toBe(false);
    });

    it('reads the subreddit and the post id, from the short form too', () => {
      expect(redditAddress(new URL('https://old.reddit.com/r/Lyon/comments/1h2x9qz/slug/mkv0j10/'))).toEqual({ origin: 'https://old.reddit.com', subreddit: '/r/Lyon', linkId: '1h2x9qz' });
      expect(redditAddress(new URL('https://www.reddit.com/comments/1h2x9qz/'))).toEqual({ origin: 'https://www.reddit.com', subreddit: '', linkId: '1h2x9qz' });
    });
  });

  describe('read', () => {
    it('reads the link as the post and every comment, asking morechildren for the ids a `more` holds and a permalink for "continue this thread"', async () => {
      const thread = await sut.read(site.postUrl, context);

      expect(thread.post).toEqual({
        id: '1h2x9qz',
        slug: 'boulangerie_berthe_rue_merciere_mon_avis_apres',
        title: 'Boulangerie Berthe rue Mercière : mon avis après trois commandes ratées',
        url: site.postUrl,
        publishedAt: new Date(1794814920 * 1000),
        authorId: 't2_8k2lq9',
        authorName: 'gones_du_69',
        commentsOpen: true,
      });
      expect(paths()).toEqual([
        '/r/Lyon/comments/1h2x9qz.json?raw_json=1&limit=500',
        '/api/morechildren.json?api_type=json&link_id=t3_1h2x9qz&children=mkv0k11,mkv0n14,mkv0l12,mkv0m13,mkv0o15&raw_json=1',
        '/r/Lyon/comments/1h2x9qz/boulangerie_berthe_rue_merciere_mon_avis_apres/mkv0j10.json?raw_json=1&limit=500',
        '/api/morechildren.json?api_type=json&link_id=t3_1h2x9qz&children=mkv0p16,mkv0q17&raw_json=1',
      ]);
      expect(thread.comments.map((comment) => comment.id).sort()).toEqual(
        ['mkv0a01', 'mkv0b02', 'mkv0c03', 'mkv0d04', 'mkv0f06', 'mkv0h08', 'mkv0i09', 'mkv0j10', 'mkv0r18', 'mkv0k11', 'mkv0l12', 'mkv0m13', 'mkv0n14', 'mkv0o15', 'mkv0p16', 'mkv0q17'].sort(),
      );
    });

    it('threads each comment under its parent_id (t3_ is the top), a reply to a deleted comment keeping its parent', async () => {
      const { comments } = await sut.read(site.postUrl, context);
      const parents = Object.fromEntries(comments.map((comment) => [comment.id, comment.parentId]));

      expect(parents).toMatchObject({ mkv0a01: null, mkv0b02: 'mkv0a01', mkv0c03: 'mkv0b02', mkv0d04: 'mkv0c03', mkv0f06: 'mkv0e05', mkv0r18: 'mkv0j10', mkv0q17: 'mkv0p16' });
      expect(levelOf(comments, 'mkv0d04')).toBe(4);
      expect(levelOf(comments, 'mkv0m13')).toBe(3);
    });

    it('gives each comment its author (t2_ id and name), created_utc, plain text with its accents and paragraphs, and its permalink', async () => {
      const { comments } = await sut.read(site.postUrl, context);

      expect(messagesById(comments).get('mkv0h08')).toEqual({
        id: 'mkv0h08',
        parentId: null,
        authorId: 't2_4hj7wk',
        authorName: 'lucie_croix_rousse',
        authorEmail: null,
        authorUrl: `${site.base}/user/lucie_croix_rousse`,
        postedAt: new Date((1794814920 + 25 * 60) * 1000),
        body: 'Moi j’y vais depuis dix ans, jamais eu de souci.\n\nLeur pain au levain est génial, franchement.',
        url: `${site.postUrl}mkv0h08/`,
      });
      expect(messagesById(comments).get('mkv0k11')?.body).toBe('Quelqu’un sait s’ils livrent à Villeurbanne ?');
    });

    it('leaves out a comment deleted by its author and one removed by moderators', async () => {
      const ids = (await sut.read(site.postUrl, context)).comments.map((comment) => comment.id);

      expect(ids).not.toContain('mkv0e05');
      expect(ids).not.toContain('mkv0g07');
    });

    it('reads an edit as the new text, and no longer finds a comment its author deleted', async () => {
      site.edit('mkv0l12', 'Oui, Villeurbanne et Caluire sont livrées du mardi au samedi.');
      site.remove('mkv0c03');

      const { comments } = await sut.read(site.postUrl, context);

      expect(messagesById(comments).get('mkv0l12')?.body).toBe('Oui, Villeurbanne et Caluire sont livrées du mardi au samedi.');
      expect(messagesById(comments).has('mkv0c03')).toBe(false);
      expect(messagesById(comments).get('mkv0d04')?.parentId).toBe('mkv0c03');
    });

    it('sends the guarded fetcher’s User-Agent with every request', async () => {
      await sut.read(site.postUrl, context);

      expect(new Set(site.requests.map((request) => request.userAgent))).toEqual(new Set(['Calumet/0.1 (+evidence capture)']));
    });

    it('waits before the next request when Reddit says none remain in its window, for the x-ratelimit-reset it announces', async () => {
      site.limits.remaining = 0;
      site.limits.reset = 7;

      await sut.read(site.postUrl, context);

      expect(waits).toEqual([7000, 7000, 7000]);
    });

    it('stops with import.rateLimited when the window resets later than an import waits', async () => {
      site.limits.remaining = 0;
      site.limits.reset = 412;

      const error = await sourceRefusal(sut.read(site.postUrl, context));

      expect(error).toMatchObject({ code: 'import.rateLimited', values: { place: 'Reddit', seconds: 412 } });
      expect(site.requests).toHaveLength(1);
    });

    it('waits out a 429 for its Retry-After, then reads on', async () => {
      site.queue({ status: 429, headers: { 'retry-after': '3' }, body: { message: 'Too Many Requests', error: 429 } });

      const { comments } = await sut.read(site.postUrl, context);

      expect(waits).toEqual([3000]);
      expect(comments).toHaveLength(16);
    });

    it('refuses a post Reddit does not show (404) and one it keeps private (403), naming the post', async () => {
      site.queue({ status: 404, body: { message: 'Not Found', error: 404 } });
      expect(await sourceRefusal(sut.read(site.postUrl, context))).toMatchObject({ code: 'reddit.noPost', values: { post: '1h2x9qz' }, field: 'url' });

      site.queue({ status: 403, body: { reason: 'private', message: 'Forbidden', error: 403 } });
      const refused = await sourceRefusal(sut.read(site.postUrl, context));
      expect(refused).toMatchObject({ code: 'reddit.refused', values: { post: '1h2x9qz', status: 403 } });
      expect(refused.message).toBe('url: Reddit refuses to show post 1h2x9qz (HTTP 403); the subreddit may be private or quarantined');
    });

    it('refuses an answer that is not a thread', async () => {
      site.queue({ status: 200, body: { kind: 'Listing', data: { children: [] } } });
      expect(await sourceRefusal(sut.read(site.postUrl, context))).toMatchObject({ code: 'reddit.unreadable' });
    });
  });

  describe('morechildren', () => {
    let place: PlaceServer;
    const asked: string[][] = [];
    const comment = (id: string, parent: string) => ({
      kind: 't1',
      data: { id, name: `t1_${id}`, body: `réponse ${id}`, author: 'someone', author_fullname: 't2_abc', created_utc: 1794814920, edited: false, parent_id: parent, link_id: 't3_big', permalink: `/r/Lyon/comments/big/s/${id}/`, replies: '' },
    });
    const ids = Array.from({ length: 150 }, (_, i) => `c${i.toString(36).padStart(3, '0')}`);

    beforeAll(async () => {
      place = await startPlaceServer((url) => {
        if (url.pathname === '/api/morechildren.json') {
          const children = url.searchParams.get('children')!.split(',');
          asked.push(children);
          return { status: 200, body: { json: { errors: [], data: { things: children.map((id) => comment(id, 't3_big')) } } } };
        }
        const link = { kind: 't3', data: { id: 'big', name: 't3_big', title: 'Gros fil', author: 'op', author_fullname: 't2_op', created_utc: 1794814920, permalink: '/r/Lyon/comments/big/s/' } };
        const more = { kind: 'more', data: { id: ids[0], name: `t1_${ids[0]}`, parent_id: 't3_big', count: ids.length, depth: 0, children: ids } };
        return { status: 200, body: [{ kind: 'Listing', data: { children: [link] } }, { kind: 'Listing', data: { children: [more] } }] };
      });
    });
    afterAll(() => place.close());

    it('asks for the ids of a `more` at most 100 at a time', async () => {
      const { comments } = await sut.read(`${place.base}/r/Lyon/comments/big/s/`, context);

      expect(asked.map((chunk) => chunk.length)).toEqual([100, 50]);
      expect(comments).toHaveLength(150);
    });
  });

  describe('stillShown', () => {
    const message = (externalId: string) => ({ externalId, url: `${site.postUrl}${externalId}/`, threadUrl: site.postUrl });

    it('asks the comment’s permalink .json: shown, deleted, removed, or absent', async () => {
      expect(await sut.stillShown(message('mkv0j10'), context)).toBe(true);
      expect(paths().at(-1)).toBe('/r/Lyon/comments/1h2x9qz/boulangerie_berthe_rue_merciere_mon_avis_apres/mkv0j10.json?raw_json=1');
      expect(await sut.stillShown(message('mkv0e05'), context)).toBe(false);
      expect(await sut.stillShown(message('mkv0g07'), context)).toBe(false);
      expect(await sut.stillShown(message('mkv0zzz'), context)).toBe(false);
      site.remove('mkv0j10');
      expect(await sut.stillShown(message('mkv0j10'), context)).toBe(false);
    });

    it('builds the permalink from the thread when the message has none', async () => {
      expect(await sut.stillShown({ externalId: 'mkv0b02', url: null, threadUrl: site.postUrl }, context)).toBe(true);
      expect(paths().at(-1)).toBe('/r/Lyon/comments/1h2x9qz/_/mkv0b02.json?raw_json=1');
    });

    it('answers false for a 404 and cannot tell for a refusal', async () => {
      site.queue({ status: 404, body: { message: 'Not Found', error: 404 } }, { status: 403, body: { reason: 'private', message: 'Forbidden', error: 403 } });
      expect(await sut.stillShown(message('mkv0j10'), context)).toBe(false);
      expect(await sut.stillShown(message('mkv0j10'), context)).toBeNull();
    });
  });
});
