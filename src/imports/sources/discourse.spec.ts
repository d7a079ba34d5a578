import { startDiscourseForum, type DiscourseForum } from '../../../test/helpers/discourse-forum.js';
import { levelOf, messagesById, sourceContext, sourceRefusal } from '../../../test/helpers/source-thread.js';
import { DiscourseSource, topicAddress } from './discourse.js';
import type { SourceContext } from './source.js';

const sut = new DiscourseSource();

describe(DiscourseSource.name, () => {
  let forum: DiscourseForum;
  let waits: number[];
  let context: SourceContext;

  beforeEach(async () => {
    forum = await startDiscourseForum();
    ({ context, waits } = sourceContext());
  });
  afterEach(() => forum.close());

  describe('recognises', () => {
    it.each([
      'https://forum.example.org/t/livraison-en-retard-que-se-passe-t-il/4821',
      'https://forum.example.org/t/livraison-en-retard-que-se-passe-t-il/4821/7',
      'https://forum.example.org/t/livraison-en-retard-que-se-passe-t-il/4821/',
      'https://forum.example.org/t/4821',
      'https://forum.example.org/t/4821/7',
      'https://example.org/communaute/t/livraison/4821?u=helene_d',
    ])('a topic address by its path: %s', (url) => {
      expect(sut.recognises(new URL(url))).toBe(true);
    });

    it.each([
      'https://forum.example.org/t/livraison-en-retard',
      'https://forum.example.org/t/livraison/quatre',
      'https://forum.example.org/c/commandes/6',
      'https://forum.example.org/u/helene_d',
      'https://www.reddit.com/r/Lyon/comments/1h2x9qz/boulangerie/',
      'https://mastodon.social/@berthe/113456789012345678',
    ])('nothing else: %s', (url) => {
      expect(sut.recognises(new URL(url))).toBe(false);
    });

    it('reads the topic id, after a slug or alone with a post number, under a subfolder too', () => {
      expect(topicAddress(new URL('https://f.example.org/t/slug/4821/7'))).toEqual({ root: 'https://f.example.org', topicId: '4821' });
      expect(topicAddress(new URL('https://f.example.org/t/4821/7'))).toEqual({ root: 'https://f.example.org', topicId: '4821' });
      expect(topicAddress(new URL('https://example.org/forum/t/slug/4821'))).toEqual({ root: 'https://example.org/forum', topicId: '4821' });
    });
  });

  describe('read', () => {
    it('reads the topic as the post, posts 2… as its messages, the first 20 from the topic and the rest by post_ids', async () => {
      const thread = await sut.read(`${forum.topicUrl}/3`, context);

      expect(thread.post).toEqual({
        id: '4821',
        slug: 'livraison-en-retard-que-se-passe-t-il',
        title: 'Livraison en retard : que se passe-t-il ?',
        url: forum.topicUrl,
        publishedAt: new Date('2026-11-14T08:12:38.402Z'),
        authorId: '311',
        authorName: 'helene_d',
        commentsOpen: true,
      });
      expect(forum.requests.map((request) => request.url)).toEqual(['/t/4821.json', '/t/4821/posts.json?post_ids[]=62019&post_ids[]=62026&post_ids[]=62033&post_ids[]=62040']);
      expect(thread.comments).toHaveLength(20);
      expect(thread.comments.map((comment) => comment.id)).toEqual(expect.arrayContaining(['62019', '62026', '62033', '62040']));
    });

    it('threads each message under the post its reply_to_post_number names; a reply to post 1 or to none is at the top', async () => {
      const { comments } = await sut.read(forum.topicUrl, context);
      const parents = Object.fromEntries(comments.map((comment) => [comment.id, comment.parentId]));

      expect(parents).toMatchObject({ '61874': null, '61881': '61874', '61889': '61881', '61955': '61889', '61940': null, '62040': '61920' });
      expect(levelOf(comments, '61889')).toBe(3);
      expect(levelOf(comments, '62019')).toBe(4);
      expect(Math.max(...comments.map((comment) => levelOf(comments, comment.id)))).toBe(4);
    });

    it('gives each message its author, time, plain text with its accents and its own address', async () => {
      const { comments } = await sut.read(forum.topicUrl, context);

      expect(messagesById(comments).get('61889')).toEqual({
        id: '61889',
        parentId: '61881',
        authorId: '17',
        authorName: 'equipe_berthe',
        authorEmail: null,
        authorUrl: `${forum.base}/u/equipe_berthe`,
        postedAt: new Date('2026-11-14T09:23:59.402Z'),
        body: 'François, pouvez-vous nous écrire à service@maison-berthe.fr avec votre numéro de commande\u00a0? Nous vous appelons demain.',
        url: `${forum.topicUrl}/4`,
      });
      expect(messagesById(comments).get('61915')?.body).toBe('Zoé, n’exagérons rien\u00a0: ils ont répondu en moins d’une heure.');
    });

    it('leaves out what is not a message or not shown: a small action, a post deleted by its author, a hidden one', async () => {
      const { comments } = await sut.read(forum.topicUrl, context);
      const ids = comments.map((comment) => comment.id);

      expect(ids).not.toContain('61870');
      expect(ids).not.toContain('61890');
      expect(ids).not.toContain('61926');
      expect(ids).not.toContain('61931');
    });

    it('reads an edit as the new text, and no longer finds a post staff deleted', async () => {
      forum.edit(22, '<p>Reçu aussi. La communication a manqué, mais tout est rentré dans l’ordre.</p>');
      forum.remove(13);

      const { comments } = await sut.read(forum.topicUrl, context);

      expect(messagesById(comments).get('62026')?.body).toBe('Reçu aussi. La communication a manqué, mais tout est rentré dans l’ordre.');
      expect(messagesById(comments).has('61955')).toBe(false);
      expect(comments).toHaveLength(19);
    });

    it('waits out a 429 for the Retry-After Discourse sends, then reads on', async () => {
      forum.queue({ status: 429, headers: { 'retry-after': '4' }, body: { errors: ['You’ve performed this action too many times.'], error_type: 'rate_limit', extras: { wait_seconds: 4 } } });

      const { comments } = await sut.read(forum.topicUrl, context);

      expect(waits).toEqual([4000]);
      expect(comments).toHaveLength(20);
    });

    it('refuses a topic the forum does not show (404) and one it keeps private (403), naming the topic', async () => {
      forum.queue({ status: 404, body: { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' } });
      const missing = await sourceRefusal(sut.read(forum.topicUrl, context));
      expect(missing).toMatchObject({ code: 'discourse.noTopic', values: { topic: '4821', status: 404 }, field: 'url' });

      forum.queue({ status: 403, body: { errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' } });
      const hidden = await sourceRefusal(sut.read(forum.topicUrl, context));
      expect(hidden).toMatchObject({ code: 'discourse.refused', values: { topic: '4821', status: 403 } });
      expect(hidden.message).toBe('url: the forum refuses to show topic 4821 (HTTP 403); it may be private or need a login');
    });

    it('refuses an answer that is not a topic, and a topic larger than an import reads', async () => {
      forum.queue({ status: 200, body: { id: 4821, title: 'pas un sujet' } });
      expect(await sourceRefusal(sut.read(forum.topicUrl, context))).toMatchObject({ code: 'discourse.unreadable' });

      const stream = Array.from({ length: 10_001 }, (_, i) => i + 1);
      forum.queue({ status: 200, body: { id: 4821, slug: 's', title: 't', created_at: '2026-11-14T08:12:31Z', post_stream: { posts: [], stream } } });
      expect(await sourceRefusal(sut.read(forum.topicUrl, context))).toMatchObject({ code: 'discourse.tooLarge', values: { posts: 10_001, max: 10_000 } });
    });
  });

  describe('stillShown', () => {
    const message = (externalId: string, postNumber: number) => ({ externalId, url: `${forum.topicUrl}/${postNumber}`, threadUrl: forum.topicUrl });

    it('asks /posts/{id}.json: shown, hidden, deleted by its author, or gone (404)', async () => {
      expect(await sut.stillShown!(message('62026', 22), context)).toBe(true);
      expect(await sut.stillShown!(message('61931', 10), context)).toBe(false);
      expect(await sut.stillShown!(message('61926', 9), context)).toBe(false);
      forum.remove(22);
      expect(await sut.stillShown!(message('62026', 22), context)).toBe(false);
      expect(forum.requests.at(-1)?.url).toBe('/posts/62026.json');
    });

    it('cannot tell when the forum refuses to say', async () => {
      forum.queue({ status: 403, body: { errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' } });
      expect(await sut.stillShown!(message('62026', 22), context)).toBeNull();
    });
  });
});
