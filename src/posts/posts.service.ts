import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThanOrEqual, type EntityManager, type Repository } from 'typeorm';
import { SYSTEM, type Actor } from '../common/roles.js';
import { applyChanges } from '../common/changes.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { newId } from '../database/columns.js';
import { whereTextMatches } from '../database/text-search.js';
import { assertReferences } from '../database/references.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { CheckAlarms } from '../page-checks/check-alarms.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people } from '../users/people.js';
import { PostView, type CreatePostDto, type ListPostsQuery, type UpdatePostDto } from './post.dto.js';
import { Post } from './post.entity.js';
import { postUrlVariants } from './post-url.js';
import { NO_WATCH, type FoundPost, type PostComments, type IndexingObserved, type PostPublication, type WatchedPost, type WatchState } from './post.types.js';
import './post-events.js';
import { notFound, refusal } from '../common/problem.js';

@Injectable()
export class PostsService {
  constructor(
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly alarms: CheckAlarms,
    private readonly incidents: IncidentsService,
  ) {}

  async create(dto: CreatePostDto): Promise<PostView> {
    return this.transactions.run(async (tx) => {
      if (await tx.manager.existsBy(Post, { url: dto.url })) throw urlTaken(dto.url);
      return this.createIn(tx, dto);
    });
  }

  /** The post at that address, as it is, or a new one recorded inside the caller's transaction (a case opened with its post). */
  async findOrCreateIn(tx: Tx, dto: CreatePostDto): Promise<PostView> {
    const existing = await tx.manager.findOneBy(Post, { url: dto.url });
    return existing ? PostView.of(existing) : this.createIn(tx, dto);
  }

  /** The posts a desk form picks from, the latest first: the first `limit`. */
  async picker(limit: number): Promise<PostView[]> {
    return (await this.posts.find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit })).map(PostView.of);
  }

  private async createIn(tx: Tx, dto: CreatePostDto): Promise<PostView> {
    await assertReferences(tx.manager, [['ownerId', people, dto.ownerId]]);
    const { indexing, ...fields } = dto;
    return PostView.of(await tx.manager.save(tx.manager.create(Post, newPost({ ...fields, desired: indexing?.desired }))));
  }

  /**
   * The post an import found (by the first of its URLs that is known, else
   * recorded as our own blog post, owned by the incident's owner), linked to
   * the incident inside the caller's transaction: whether it was linked now.
   */
  async linkOrCreateIn(tx: Tx, incident: { id: string; ownerId: string | null }, found: FoundPost, actor: Actor = SYSTEM): Promise<{ post: WatchedPost; linked: boolean }> {
    let post: Post | null = null;
    for (const url of found.urls) post ??= await tx.manager.findOneBy(Post, { url });
    const commentsOpen = found.commentsOpen ?? null;
    if (post && commentsOpen !== null && post.commentsOpen !== commentsOpen) {
      const changes = { commentsOpen: { from: post.commentsOpen, to: commentsOpen } };
      post.commentsOpen = commentsOpen;
      post.updatedAt = new Date();
      await tx.manager.update(Post, { id: post.id }, { commentsOpen, updatedAt: post.updatedAt });
      for (const incidentId of await this.incidents.incidentIdsOfPost(tx.manager, post.id)) await this.timeline.append(tx, incidentId, actor, 'post.updated', { postId: post.id, changes });
    }
    if (!post) {
      post = newPost({
        platform: found.platform ?? 'blog',
        ownership: found.ownership ?? 'own',
        url: found.urls[0]!.slice(0, 2048),
        title: found.title?.slice(0, 300) ?? null,
        publishedAt: found.publishedAt,
        ownerId: incident.ownerId,
        externalId: found.externalId,
        commentsOpen,
      });
      await tx.manager.insert(Post, post);
    }
    return { post, linked: await this.incidents.linkPostIn(tx, incident.id, post.id) };
  }

  /** The post with its watch, or null. */
  async findWatched(manager: EntityManager, id: string): Promise<WatchedPost | null> {
    return manager.findOneBy(Post, { id });
  }

  /** Sets the post's watch inside the caller's transaction (imports start, sync and end watches). */
  async setWatchIn(tx: Tx, postId: string, watch: WatchState): Promise<void> {
    await tx.manager.update(Post, { id: postId }, { watch });
  }

  /** The watched posts whose sync is due by `now`, the most overdue first. */
  async dueSyncs(now: Date, limit: number): Promise<Array<{ id: string; watch: { nextSyncAt: Date | null } }>> {
    return this.posts.find({
      select: { id: true, watch: { nextSyncAt: true } },
      where: { watch: { nextSyncAt: LessThanOrEqual(now) } },
      order: { watch: { nextSyncAt: 'ASC' } },
      take: limit,
    });
  }

  /** A post whose noindex commitment is verified is desired noindex: the commitment and the post say the same. */
  async desireNoindexIn(tx: Tx, actor: Actor, postId: string): Promise<void> {
    const post = await tx.manager.findOneBy(Post, { id: postId });
    if (!post || post.indexing.desired === 'noindex') return;
    await tx.manager.update(Post, { id: postId }, { indexing: { desired: 'noindex' }, updatedAt: new Date() });
    for (const incidentId of await this.incidents.incidentIdsOfPost(tx.manager, postId)) {
      await this.timeline.append(tx, incidentId, actor, 'post.updated', { postId, changes: { 'indexing.desired': { from: post.indexing.desired, to: 'noindex' } } });
    }
  }

  /** What a check of the live page saw of its indexing (a commitment's check reads the post's page too). */
  async observeIndexingIn(tx: Tx, postId: string, observed: IndexingObserved, at: Date): Promise<void> {
    await tx.manager.update(Post, { id: postId }, { indexing: { observed, observedAt: at } });
  }

  /** Where the post is and whether its comments are open, or null when there is no such post. */
  async commentsOf(manager: EntityManager, id: string): Promise<PostComments | null> {
    return manager.findOne(Post, { select: { id: true, url: true, commentsOpen: true }, where: { id } });
  }

  /** The id of the incident's post, when it has exactly one. */
  async onlyPostIdOf(manager: EntityManager, incidentId: string): Promise<string | null> {
    const postIds = (await this.incidents.postIdsOf(manager, [incidentId])).get(incidentId) ?? [];
    return postIds.length === 1 ? postIds[0]! : null;
  }

  /**
   * The post at an address as a person types it: the scheme and host in any case, with a fragment, with or without
   * the trailing slash (postUrlVariants), or null; in one query, the variant first in that list winning.
   */
  async idByAddress(manager: EntityManager, url: string): Promise<string | null> {
    const variants = postUrlVariants(url);
    const rows = await manager.find(Post, { select: { id: true, url: true }, where: { url: In(variants) } });
    const byUrl = new Map(rows.map((row) => [row.url, row.id]));
    return variants.map((variant) => byUrl.get(variant)).find((id) => id !== undefined) ?? null;
  }

  /** The URL of the incident's post, when it has exactly one. */
  async urlOfOnlyPost(manager: EntityManager, incidentId: string): Promise<string | null> {
    const postIds = (await this.incidents.postIdsOf(manager, [incidentId])).get(incidentId) ?? [];
    if (postIds.length !== 1) return null;
    return (await manager.findOneBy(Post, { id: postIds[0]! }))?.url ?? null;
  }

  /** The posts of those ids, the earliest published first. */
  async ofIds(manager: EntityManager, ids: string[]): Promise<PostView[]> {
    return ids.length ? (await manager.find(Post, { where: { id: In(ids) }, order: { publishedAt: 'ASC', id: 'ASC' } })).map(PostView.of) : [];
  }

  async list(query: ListPostsQuery): Promise<Page<PostView>> {
    const qb = this.posts.createQueryBuilder('p');
    if (query.q) whereTextMatches(qb, 'p.id', 'post', query.q);
    const page = await paginate(qb, query, [
      { column: 'p.createdAt', key: 'createdAt', order: 'DESC' },
      { column: 'p.id', key: 'id', order: 'DESC' },
    ]);
    return mapPage(page, PostView.of);
  }

  async get(id: string): Promise<PostView> {
    return PostView.of(await this.find(id));
  }

  /** A change is recorded in the timeline of every incident the post figures in. */
  async update(actor: Actor, id: string, dto: UpdatePostDto): Promise<PostView> {
    return this.transactions.run(async (tx) => {
      const post = await tx.manager.findOneBy(Post, { id });
      if (!post) throw notFound('post', id);
      await assertReferences(tx.manager, [['ownerId', people, dto.ownerId]]);
      if (dto.url && dto.url !== post.url && (await tx.manager.existsBy(Post, { url: dto.url }))) {
        throw urlTaken(dto.url);
      }
      const { indexing, ...fields } = dto;
      const changes = applyChanges(post, fields);
      if (indexing && indexing.desired !== post.indexing.desired) {
        changes['indexing.desired'] = { from: post.indexing.desired, to: indexing.desired };
        post.indexing.desired = indexing.desired;
        // Until the page shows what is now desired, it is checked, and its owner reminded.
        post.indexing.nextCheckAt = post.indexing.observed === indexing.desired ? null : new Date();
        if (post.indexing.nextCheckAt) this.alarms.armAfterCommit(tx, { kind: 'post', id, at: post.indexing.nextCheckAt });
      }
      if (!Object.keys(changes).length) return PostView.of(post);
      post.updatedAt = new Date();
      await tx.manager.save(post);
      for (const incidentId of await this.incidents.incidentIdsOfPost(tx.manager, id)) await this.timeline.append(tx, incidentId, actor, 'post.updated', { postId: id, changes });
      return PostView.of(post);
    });
  }

  private async find(id: string): Promise<Post> {
    const post = await this.posts.findOneBy({ id });
    if (!post) throw notFound('post', id);
    return post;
  }

  /** The incident's posts, where and when each was published, in no order (newestPost picks the newest). */
  async publicationsOf(manager: EntityManager, incidentId: string): Promise<PostPublication[]> {
    const ids = (await this.incidents.postIdsOf(manager, [incidentId])).get(incidentId) ?? [];
    return ids.length ? manager.find(Post, { select: { id: true, url: true, publishedAt: true }, where: { id: In(ids) } }) : [];
  }
}

/** A new post with the defaults every new post gets: indexed, not yet observed, not watched. */
function newPost(
  fields: Pick<Post, 'platform' | 'ownership' | 'url'> & Partial<Pick<Post, 'title' | 'authorName' | 'publishedAt' | 'ownerId' | 'externalId' | 'commentsOpen'>> & { desired?: Post['indexing']['desired'] },
): Post {
  const { desired, ...given } = fields;
  const now = new Date();
  return {
    title: null,
    authorName: null,
    publishedAt: null,
    ownerId: null,
    externalId: null,
    commentsOpen: null,
    ...given,
    id: newId(),
    indexing: { desired: desired ?? 'index', observed: 'unknown', observedAt: null, nextCheckAt: null },
    watch: { ...NO_WATCH },
    createdAt: now,
    updatedAt: now,
  };
}

const urlTaken = (url: string) => refusal(HttpStatus.CONFLICT, 'post.urlTaken', `a post with url ${url} already exists`, { field: 'url', values: { url } });
