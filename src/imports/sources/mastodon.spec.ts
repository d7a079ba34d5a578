import { LOGGED_OUT, mastodonThread, startMastodon, type MastodonServer, type Status } from '../../../test/helpers/mastodon.js';
import { sourceRefusal } from '../../../test/helpers/source-refusal.js';
import { PageFetcher } from '../../fetcher/page-fetcher.js';
import { MastodonSource } from './mastodon.js';
import { SourceFetch } from './source-fetch.js';
import type { SourceContext } from './source.js';

const ROOT = '113500000000000100';
const id = (n: number) => `1135000000000001${String(n).padStart(2, '0')}`;

describe(MastodonSource.name, () => {
  const sut = new MastodonSource();
  let server: MastodonServer;
  let waits: number[];
  let context: SourceContext;

  beforeEach(async () => {
    server = await startMastodon(mastodonThread().statuses);
    waits = [];
    const wait = async (ms: number) => void waits.push(ms);
    context = { fetch: new SourceFetch(new PageFetcher({ allowPrivate: true }), 5000, wait), youtubeApiKey: null, youtubeApiUrl: 'https://www.googleapis.com/youtube/v3' };
  });

  afterEach(() => server.close());


  describe('recognises', () => {
    it('a status by the shape of its path on any server, web or ActivityPub', () => {
      for (const url of ['https://mastodon.social/@Gargron/113500000000000100', 'https://toot.example/@zoe@autre.example/42/', 'https://piaille.fr/users/helene/statuses/7', `http://127.0.0.1:8080/@cafe_calumet/${ROOT}`]) {
        expect([url, sut.recognises(new URL(url))]).toEqual([url, true]);
      }
    });

    it('nothing else: a profile, a boost list, a forum topic, a blog post', () => {
      for (const url of ['https://mastodon.social/@Gargron', 'https://mastodon.social/@Gargron/12/reblogs', 'https://forum.example/t/le-sujet/12', 'https://blog.example/2026/11/12/', 'https://medium.com/@auteur/un-titre-3f2a9c']) {
        expect([url, sut.recognises(new URL(url))]).toEqual([url, false]);
      }
    });
  });

  describe('read', () => {
    it('reads the root status and every reply of its context, depth first, with parents, authors, times and text', async () => {
      const { root, context: served } = mastodonThread();
      // The server answers the root's context exactly as the fixture, written from the documentation, does.
      expect(server.contextOf(ROOT)).toEqual(served);

      const thread = await sut.read(`${server.base}/@cafe_calumet/${ROOT}`, context);

      expect(thread.post).toEqual({
        id: ROOT,
        slug: ROOT,
        title: 'Notre nouvelle carte d’automne est arrivée : crème brûlée à la châtaigne, café noisette et tarte…',
        url: `${server.base}/@cafe_calumet/${ROOT}`,
        publishedAt: new Date(root.created_at as string),
        authorId: '109000000000000001',
        authorName: 'Café Calumet',
        commentsOpen: null,
      });
      expect(thread.comments.map((c) => [c.id, c.parentId, c.authorId, c.authorName])).toEqual([
        [id(1), null, '109000000000000002', 'Hélène Dubois'],
        [id(2), id(1), '109000000000000001', 'Café Calumet'],
        [id(3), id(2), '109000000000000002', 'Hélène Dubois'],
        [id(4), null, '109000000000000003', 'bruno'],
        [id(11), id(4), '109000000000000003', 'bruno'],
        [id(5), null, '109000000000000004', 'Zoé ☕'],
        [id(6), id(5), '109000000000000001', 'Café Calumet'],
        [id(7), id(6), '109000000000000004', 'Zoé ☕'],
        [id(8), null, '109000000000000005', 'Marc-Antoine Lefèvre'],
        [id(9), id(8), '109000000000000002', 'Hélène Dubois'],
        [id(10), id(9), '109000000000000005', 'Marc-Antoine Lefèvre'],
        [id(12), id(8), '109000000000000001', 'Café Calumet'],
        [id(13), id(12), '109000000000000002', 'Hélène Dubois'],
      ]);
      const byId = new Map(thread.comments.map((comment) => [comment.id, comment]));
      expect(byId.get(id(1))).toEqual({
        id: id(1),
        parentId: null,
        authorId: '109000000000000002',
        authorName: 'Hélène Dubois',
        authorEmail: null,
        authorUrl: 'https://toot.example/@helene',
        postedAt: new Date('2026-10-12T09:02:11.000Z'),
        body: 'La crème brûlée était froide au centre, très déçue. Et vingt-cinq minutes d’attente pour un café.',
        url: `https://toot.example/@helene/${id(1)}`,
      });
      expect(byId.get(id(5))).toMatchObject({ body: 'Ça a l’air délicieux !\nVous êtes ouverts le dimanche ?', url: 'https://autre.example/@zoe/112233445566770005', authorUrl: 'https://autre.example/@zoe' });
      expect(byId.get(id(6))!.body).toBe('@zoe Oui, de 9 h à 18 h.');
      expect(byId.get(id(10))!.body).toBe('coup de gueule\n\n@helene Si ça continue, mon avocat leur enverra une mise en demeure.');
      expect(byId.get(id(11))!.body).toBe('Et les croissants sont toujours aussi bons.\n\nMention spéciale au pain au chocolat.');
      expect(byId.get(id(12))!.body).toBe('@marc_antoine Bonjour Marc-Antoine, nos fournisseurs ont augmenté leurs prix ; nous l’expliquons ici : https://cafe.example/prix');
      // Status 14, deleted by its author, is in no context: it is simply absent (its count stays in the root's replies_count).
      expect(byId.has(id(14))).toBe(false);
      expect(server.site.hits(`/api/v1/statuses/${ROOT}/context`)).toBe(1);
    });

    it('reads the whole conversation from the address of a reply three levels down, from its root', async () => {
      const thread = await sut.read(`${server.base}/users/helene/statuses/${id(3)}`, context);
      expect(thread.post).toMatchObject({ id: ROOT, url: `${server.base}/@cafe_calumet/${ROOT}`, authorId: '109000000000000001' });
      expect(thread.comments.map((comment) => comment.id).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(id).sort());
      expect([`/api/v1/statuses/${id(3)}/context`, `/api/v1/statuses/${ROOT}/context`].map((path) => server.site.hits(path))).toEqual([1, 1]);
    });

    it('climbs past the 40 ancestors a visitor is shown, and reads past the 60 descendants and 20 levels, through the contexts of statuses with replies unshown', async () => {
      const author = mastodonThread().root.account;
      const status = (n: number, parent: string | null): Status => ({
        id: String(200000000000000000n + BigInt(n)),
        created_at: new Date(Date.UTC(2026, 9, 12, 8, n)).toISOString(),
        in_reply_to_id: parent,
        content: `<p>Réponse nº ${n}</p>`,
        replies_count: 0,
        edited_at: null,
        uri: `https://toot.example/users/cafe_calumet/statuses/${n}`,
        url: `https://toot.example/@cafe_calumet/${n}`,
        account: author,
      });
      // Under the root, a chain 50 long (past 20 levels and 40 ancestors), then a reply answered 45 times (past 60 descendants with the chain).
      const statuses = [status(0, null)];
      for (let n = 1; n <= 50; n++) statuses.push(status(n, statuses.at(-1)!.id));
      statuses.push(status(51, statuses[0]!.id));
      for (let n = 52; n <= 96; n++) statuses.push(status(n, statuses[51]!.id));
      for (const one of statuses) one.replies_count = statuses.filter((other) => other.in_reply_to_id === one.id).length;
      await server.close();
      server = await startMastodon(statuses);
      expect(server.contextOf(statuses[0]!.id).descendants).toHaveLength(LOGGED_OUT.descendants);

      const thread = await sut.read(`${server.base}/@cafe_calumet/${statuses[50]!.id}`, context);

      expect(thread.post.id).toBe(statuses[0]!.id);
      expect(thread.comments).toHaveLength(96);
      const parents = new Map(statuses.map((one) => [one.id, one.in_reply_to_id === statuses[0]!.id ? null : one.in_reply_to_id]));
      expect(thread.comments.filter((comment) => comment.parentId !== parents.get(comment.id))).toEqual([]);
      // The root's context, the 10th of the chain's (climbing from the 50th), and those of the 20th and 40th of the chain and of the reply answered 45 times.
      expect(statuses.filter((one) => server.site.hits(`/api/v1/statuses/${one.id}/context`) > 0).map((one) => one.id)).toEqual([0, 10, 20, 40, 50, 51].map((n) => statuses[n]!.id));
      expect(new Set(thread.comments.map((comment) => comment.body)).size).toBe(96);
    });

    it('refuses a status the server does not show (404) as mastodon.noStatus, for the url field', async () => {
      server.remove(id(3));
      await expect(sourceRefusal(sut.read(`${server.base}/@helene/${id(3)}`, context))).resolves.toEqual({
        code: 'mastodon.noStatus',
        field: 'url',
        values: { origin: server.base, id: id(3) },
        message: `url: ${server.base} shows no status ${id(3)} (deleted, private, or never there)`,
      });
    });

    it('refuses a server that asks to log in (401) as mastodon.refused, naming the status', async () => {
      server.site.route(`/api/v1/statuses/${ROOT}`, (_, response) => response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"This API requires an authenticated user"}'));
      await expect(sourceRefusal(sut.read(`${server.base}/@cafe_calumet/${ROOT}`, context))).resolves.toMatchObject({ code: 'mastodon.refused', values: { origin: server.base, id: ROOT, status: 401 } });
    });

    it('refuses a site whose path looks like a status but that answers no status', async () => {
      server.site.route(`/api/v1/statuses/${ROOT}`, (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"Un billet"}'));
      await expect(sourceRefusal(sut.read(`${server.base}/@cafe_calumet/${ROOT}`, context))).resolves.toMatchObject({ code: 'mastodon.notMastodon', values: { origin: server.base } });
    });

    it('refuses an address that names no status', async () => {
      await expect(sourceRefusal(sut.read(`${server.base}/@cafe_calumet`, context))).resolves.toMatchObject({ code: 'mastodon.notStatusAddress', field: 'url' });
    });

    it('waits out a 429 until the X-RateLimit-Reset Mastodon sends (it sends no Retry-After), then reads on', async () => {
      const reset = new Date(Date.now() + 5000).toISOString().replace('Z', '000Z');
      server.throttle(1, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
      const thread = await sut.read(`${server.base}/@cafe_calumet/${ROOT}`, context);
      expect(thread.comments).toHaveLength(13);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      expect(waits[0]).toBeLessThanOrEqual(5000);
    });

    it('waits out a Retry-After, and stops with import.rateLimited when the window resets minutes away', async () => {
      server.throttle(1, { 'retry-after': '3' });
      await sut.read(`${server.base}/@cafe_calumet/${ROOT}`, context);
      expect(waits).toEqual([3000]);

      server.throttle(1, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(Date.now() + 240_000).toISOString() });
      await expect(sourceRefusal(sut.read(`${server.base}/@cafe_calumet/${ROOT}`, context))).resolves.toMatchObject({ code: 'import.rateLimited', values: { place: 'Mastodon', status: 429 } });
      expect(waits).toEqual([3000]);
    });
  });

  describe('stillShown', () => {
    it('asks the server of the thread for the status: shown (200), or gone (404)', async () => {
      const threadUrl = `${server.base}/@cafe_calumet/${ROOT}`;
      await expect(sut.stillShown({ externalId: id(9), threadUrl }, context)).resolves.toBe(true);
      server.remove(id(9));
      await expect(sut.stillShown({ externalId: id(9), threadUrl }, context)).resolves.toBe(false);
    });

    it('cannot tell for a server that refuses to say', async () => {
      server.site.route(`/api/v1/statuses/${id(9)}`, (_, response) => response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"This API requires an authenticated user"}'));
      await expect(sut.stillShown({ externalId: id(9), threadUrl: `${server.base}/@cafe_calumet/${ROOT}` }, context)).resolves.toBeNull();
    });
  });
});
