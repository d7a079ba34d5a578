import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionService, type Tx } from '../../src/database/transaction.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { Post } from '../../src/posts/post.entity.js';
import { NO_WATCH } from '../../src/posts/post.types.js';
import { PostsService } from '../../src/posts/posts.service.js';
import { TimelineEvent } from '../../src/timeline/timeline-event.entity.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

/** The posts feature writes its table itself: what imports and commitments ask of it. */
describe(PostsService.name, () => {
  let t: Medium;
  let sut: PostsService;
  let ownerId: string;
  beforeAll(async () => {
    t = await startMedium();
    sut = t.get(PostsService);
    ownerId = (await t.get(UsersService).create({ name: 'Marie-Aude', email: 'cm@example.org', role: 'community_manager' })).user.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const incident = async (title: string) => t.get(IncidentsService).create(t.actor, { title, severity: 'medium', ownerId });
  const inUnit = <T>(work: (tx: Tx) => Promise<T>) => t.get(TransactionService).run(work);
  const stored = (id: string) => t.dataSource.manager.findOneByOrFail(Post, { id });
  const found = (urls: string[]) => ({ urls, title: 'Un article', publishedAt: new Date('2026-03-01T10:00:00Z'), externalId: '42' });

  it('idByAddress finds a post by its address as a person types it, and no other', async () => {
    const { id: incidentId } = await incident('Typed address');
    const { post } = await inUnit((tx) => sut.linkOrCreateIn(tx, { id: incidentId, ownerId }, found(['https://blog.example/2026/12/le-billet/'])));
    const idOf = (url: string) => sut.idByAddress(t.dataSource.manager, url);
    for (const typed of ['https://blog.example/2026/12/le-billet/', 'https://blog.example/2026/12/le-billet', 'HTTPS://Blog.Example:443/2026/12/le-billet#commentaires', ' https://blog.example/2026/12/le-billet/ ']) {
      expect({ typed, id: await idOf(typed) }).toEqual({ typed, id: post.id });
    }
    for (const other of ['https://blog.example/2026/12/le-billet-2/', 'http://blog.example/2026/12/le-billet/', 'https://blog.example/2026/12/le-billet/?p=2', 'pas une adresse']) {
      expect({ other, id: await idOf(other) }).toEqual({ other, id: null });
    }
    // Two posts whose addresses differ by the trailing slash alone: each finds its own, the address as typed first.
    const { post: bare } = await inUnit((tx) => sut.linkOrCreateIn(tx, { id: incidentId, ownerId }, found(['https://blog.example/2026/12/le-billet'])));
    expect(bare.id).not.toBe(post.id);
    expect(await idOf('https://blog.example/2026/12/le-billet')).toBe(bare.id);
    expect(await idOf('https://blog.example/2026/12/le-billet#commentaires')).toBe(bare.id);
    expect(await idOf('https://blog.example/2026/12/le-billet/')).toBe(post.id);
  });

  it('linkOrCreate records a new post with the defaults of every new post, owned by the incident’s owner, and links it once', async () => {
    const { id: incidentId } = await incident('Imported thread');
    const first = await inUnit((tx) => sut.linkOrCreateIn(tx, { id: incidentId, ownerId }, found(['https://blog.example/article'])));
    expect(first.linked).toBe(true);
    expect(await stored(first.post.id)).toMatchObject({
      platform: 'blog',
      ownership: 'own',
      url: 'https://blog.example/article',
      title: 'Un article',
      ownerId,
      externalId: '42',
      indexing: { desired: 'index', observed: 'unknown', observedAt: null, nextCheckAt: null },
      watch: NO_WATCH,
    });

    const again = await inUnit((tx) => sut.linkOrCreateIn(tx, { id: incidentId, ownerId }, found(['https://blog.example/?p=42', 'https://blog.example/article'])));
    expect(again).toMatchObject({ post: { id: first.post.id }, linked: false });
    expect(await t.dataSource.manager.countBy(Post, { url: 'https://blog.example/?p=42' })).toBe(0);

    const { id: otherId } = await incident('Same post, other incident');
    const other = await inUnit((tx) => sut.linkOrCreateIn(tx, { id: otherId, ownerId: null }, found(['https://blog.example/article'])));
    expect(other).toMatchObject({ post: { id: first.post.id }, linked: true });
    expect((await t.get(IncidentsService).incidentIdsOfPost(t.dataSource.manager, first.post.id)).sort()).toEqual([incidentId, otherId].sort());
  });

  it('setWatch sets the watch and NO_WATCH ends it, touching nothing else of the post', async () => {
    const { id: incidentId } = await incident('Watched');
    const { post } = await inUnit((tx) => sut.linkOrCreateIn(tx, { id: incidentId, ownerId }, found(['https://blog.example/watched'])));
    const watch = { incidentId, nextSyncAt: new Date('2026-04-01T08:00:00Z'), lastSyncAt: new Date('2026-03-31T08:00:00Z'), lastResult: 'added 2' };
    await inUnit((tx) => sut.setWatchIn(tx, post.id, watch));
    expect((await sut.findWatched(t.dataSource.manager, post.id))!.watch).toEqual(watch);
    expect((await sut.dueSyncs(new Date('2026-04-01T08:00:00Z'), 10)).map((due) => due.id)).toContain(post.id);
    await inUnit((tx) => sut.setWatchIn(tx, post.id, { ...NO_WATCH }));
    expect(await stored(post.id)).toMatchObject({ url: 'https://blog.example/watched', title: 'Un article', watch: NO_WATCH });
  });

  it('desireNoindex makes the post desired noindex and says so in the timeline of each incident it figures in, once', async () => {
    const { id: firstId } = await incident('Noindex promised');
    const { id: secondId } = await incident('Noindex, other incident');
    const { post } = await inUnit((tx) => sut.linkOrCreateIn(tx, { id: firstId, ownerId }, found(['https://blog.example/noindex'])));
    await inUnit((tx) => sut.linkOrCreateIn(tx, { id: secondId, ownerId }, found(['https://blog.example/noindex'])));
    const updates = () => t.dataSource.manager.find(TimelineEvent, { where: { type: 'post.updated' } });
    const before = (await updates()).length;

    await inUnit((tx) => sut.desireNoindexIn(tx, t.actor, post.id));
    expect((await stored(post.id)).indexing.desired).toBe('noindex');
    const appended = (await updates()).slice(before);
    expect(appended.map((event) => event.incidentId).sort()).toEqual([firstId, secondId].sort());
    expect(appended[0]!.payload).toEqual({ postId: post.id, changes: { 'indexing.desired': { from: 'index', to: 'noindex' } } });

    await inUnit((tx) => sut.desireNoindexIn(tx, t.actor, post.id));
    expect((await updates()).length).toBe(before + 2);
  });
});
