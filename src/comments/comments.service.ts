import { BadRequestException, ConflictException, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorId, type Actor } from '../common/roles.js';
import { applyChanges } from '../common/changes.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { newId } from '../database/columns.js';
import { assertReferences } from '../database/references.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import { IncidentPost } from '../incidents/incident-post.entity.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { OpenItemsRegistry } from '../incidents/open-items.registry.js';
import { Party } from '../parties/party.entity.js';
import { analyzeSignals } from '../signals/analyzer.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { User } from '../users/user.entity.js';
import { CommentView, type CreateCommentDto, type ListCommentsQuery, type UpdateCommentDto } from './comment.dto.js';
import { Comment } from './comment.entity.js';
import './comment-events.js';

/** An inbound comment still owed a reply (alias `c`, parameter `yes` = true). */
const AWAITING_RESPONSE = "c.direction = 'inbound' AND c.needsResponse = :yes AND c.respondedById IS NULL AND c.status <> 'deleted'";

@Injectable()
export class CommentsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly openItems: OpenItemsRegistry,
  ) {}

  onModuleInit(): void {
    this.openItems.register({
      key: 'commentsAwaitingResponse',
      count: (manager, incidentId) =>
        manager.createQueryBuilder(Comment, 'c').where('c.incidentId = :incidentId', { incidentId }).andWhere(AWAITING_RESPONSE, { yes: true }).getCount(),
    });
  }

  async create(actor: Actor, incidentId: string, dto: CreateCommentDto): Promise<CommentView> {
    return this.transactions.run((tx) => this.add(tx, actor, incidentId, dto));
  }

  /** Adds a comment inside the caller's transaction (the API, and importers that add many at once). */
  async add(tx: Tx, actor: Actor, incidentId: string, dto: CreateCommentDto): Promise<CommentView> {
    const incident = await this.incidents.find(tx.manager, incidentId);
    const inbound = dto.direction === 'inbound';
    const problems: string[] = [];
    if (inbound && dto.authorUserId) problems.push('authorUserId is for outbound comments; an inbound author is a partyId or an authorName');
    if (!inbound && dto.partyId) problems.push('partyId is for inbound comments; an outbound author is an authorUserId or an authorName');
    if (!inbound && dto.needsResponse) problems.push('needsResponse applies to inbound comments only');
    const partyId = inbound ? (dto.partyId ?? (dto.authorName ? null : incident.counterpartId)) : null;
    if (inbound && !partyId && !dto.authorName) problems.push('partyId or authorName is required for an inbound comment when the incident has no counterpart');
    if (problems.length) throw new BadRequestException(problems);

    await assertReferences(tx.manager, [
      ['partyId', Party, dto.partyId],
      ['authorUserId', User, dto.authorUserId],
    ]);
    if (dto.postId && !(await tx.manager.existsBy(IncidentPost, { incidentId, postId: dto.postId }))) {
      throw new BadRequestException([`postId refers to no post of incident ${incident.ref}`]);
    }
    const parent = dto.parentId ? await tx.manager.findOneBy(Comment, { id: dto.parentId, incidentId }) : null;
    if (dto.parentId && !parent) throw new BadRequestException([`parentId refers to no comment of incident ${incident.ref}`]);
    if (dto.externalId && (await tx.manager.existsBy(Comment, { incidentId, externalId: dto.externalId }))) {
      throw new ConflictException(`a comment with externalId ${dto.externalId} is already recorded on ${incident.ref}`);
    }

    const now = new Date();
    const comment: Comment = {
      id: newId(),
      incidentId,
      postId: dto.postId ?? null,
      parentId: dto.parentId ?? null,
      direction: dto.direction,
      channel: dto.channel ?? 'comment',
      partyId,
      authorUserId: inbound ? null : (dto.authorUserId ?? (dto.authorName || actor.kind !== 'user' ? null : actor.id)),
      authorName: dto.authorName ?? null,
      postedAt: dto.postedAt ?? now,
      body: dto.body,
      url: dto.url ?? null,
      externalId: dto.externalId ?? null,
      status: dto.status ?? 'visible',
      needsResponse: inbound && (dto.needsResponse ?? OPEN_STATES.includes(incident.state)),
      respondedById: null,
      signals: analyzeSignals(dto.body),
      revisions: [],
      createdBy: actorId(actor),
      createdAt: now,
      updatedAt: now,
    };
    await tx.manager.insert(Comment, comment);

    const answers = !inbound && parent?.direction === 'inbound' && !parent.respondedById ? parent : null;
    if (answers) await tx.manager.update(Comment, { id: answers.id }, { respondedById: comment.id, updatedAt: now });

    await this.timeline.append(tx, incidentId, actor, 'comment.added', {
      commentId: comment.id,
      direction: comment.direction,
      channel: comment.channel,
      parentId: comment.parentId,
      postedAt: comment.postedAt.toISOString(),
      needsResponse: comment.needsResponse,
      answers: answers?.id ?? null,
    }, { incident, comment });
    const view = CommentView.of(comment);
    if (inbound && !OPEN_STATES.includes(incident.state)) {
      view.warnings = [`${incident.ref} is ${incident.state}: the message is kept and its owner told; reopen the incident if the exchange has resumed`];
    }
    return view;
  }

  async list(incidentId: string, query: ListCommentsQuery): Promise<Page<CommentView>> {
    await this.incidents.assertExists(incidentId);
    const qb = this.dataSource.getRepository(Comment).createQueryBuilder('c').where('c.incidentId = :incidentId', { incidentId });
    if (query.direction) qb.andWhere('c.direction = :direction', { direction: query.direction });
    if (query.awaitingResponse === true) {
      qb.andWhere(AWAITING_RESPONSE, { yes: true });
    }
    if (query.awaitingResponse === false) {
      qb.andWhere(`NOT (${AWAITING_RESPONSE})`, { yes: true });
    }
    const page = await paginate(qb, query, [
      { column: 'c.postedAt', key: 'postedAt', order: 'ASC' },
      { column: 'c.id', key: 'id', order: 'ASC' },
    ]);
    return mapPage(page, CommentView.of);
  }

  async get(id: string): Promise<CommentView> {
    return CommentView.of(await this.find(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, dto: UpdateCommentDto): Promise<CommentView> {
    return this.transactions.run(async (tx) => CommentView.of(await this.change(tx, actor, await this.find(tx.manager, id), dto)));
  }

  /** Records an edit (the old body kept as a revision) or other changes inside the caller's transaction (the API, and importers). */
  async change(tx: Tx, actor: Actor, comment: Comment, dto: UpdateCommentDto): Promise<Comment> {
    if (dto.needsResponse && comment.direction === 'outbound') throw new BadRequestException(['needsResponse applies to inbound comments only']);
    const { body, ...fields } = dto;
    let changed = false;
    if (body !== undefined && body !== comment.body) {
      changed = true;
      const previousBody = comment.body;
      comment.revisions = [...comment.revisions, { body: previousBody, seenAt: comment.updatedAt.toISOString() }];
      comment.body = body;
      comment.signals = analyzeSignals(body);
      if (comment.status === 'visible' && fields.status === undefined) comment.status = 'edited';
      await this.timeline.append(tx, comment.incidentId, actor, 'comment.edited', { commentId: comment.id, previousBody, body });
    }
    const changes = applyChanges(comment, fields);
    if (Object.keys(changes).length) {
      changed = true;
      await this.timeline.append(tx, comment.incidentId, actor, 'comment.updated', { commentId: comment.id, changes });
    }
    if (changed) {
      comment.updatedAt = new Date();
      await tx.manager.save(Comment, comment);
    }
    return comment;
  }

  async find(manager: EntityManager, id: string): Promise<Comment> {
    const comment = await manager.findOneBy(Comment, { id });
    if (!comment) throw new NotFoundException(`comment ${id} not found`);
    return comment;
  }
}
