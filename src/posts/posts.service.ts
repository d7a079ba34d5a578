import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Actor } from '../common/roles.js';
import { applyChanges } from '../common/changes.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { newId } from '../database/columns.js';
import { whereTextMatches } from '../database/text-search.js';
import { assertReferences } from '../database/references.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { IncidentPost } from '../incidents/incident-post.entity.js';
import { CheckAlarms } from '../page-checks/check-alarms.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { User } from '../users/user.entity.js';
import { PostView, type CreatePostDto, type ListPostsQuery, type UpdatePostDto } from './post.dto.js';
import { NO_WATCH, Post } from './post.entity.js';
import './post-events.js';
import { notFound, refusal } from '../common/problem.js';

@Injectable()
export class PostsService {
  constructor(
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly alarms: CheckAlarms,
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
    await assertReferences(tx.manager, [['ownerId', User, dto.ownerId]]);
    const now = new Date();
    const post = tx.manager.create(Post, {
      title: null,
      authorName: null,
      publishedAt: null,
      ownerId: null,
      externalId: null,
      ...dto,
      id: newId(),
      indexing: { desired: dto.indexing?.desired ?? 'index', observed: 'unknown', observedAt: null, nextCheckAt: null },
      watch: NO_WATCH,
      createdAt: now,
      updatedAt: now,
    });
    return PostView.of(await tx.manager.save(post));
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
      await assertReferences(tx.manager, [['ownerId', User, dto.ownerId]]);
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
      const links = await tx.manager.findBy(IncidentPost, { postId: id });
      for (const link of links) await this.timeline.append(tx, link.incidentId, actor, 'post.updated', { postId: id, changes });
      return PostView.of(post);
    });
  }

  private async find(id: string): Promise<Post> {
    const post = await this.posts.findOneBy({ id });
    if (!post) throw notFound('post', id);
    return post;
  }
}

const urlTaken = (url: string) => refusal(HttpStatus.CONFLICT, 'post.urlTaken', `a post with url ${url} already exists`, { field: 'url', values: { url } });
