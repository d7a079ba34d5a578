import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { actorId, type Actor } from '../common/roles.js';
import { applyChanges } from '../common/changes.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { insertRows } from '../database/bulk-insert.js';
import { inChunks } from '../database/in-list.js';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import type { IncidentView } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { countByIncident, OpenItemCounter } from '../incidents/open-items.registry.js';
import { nameLikeness } from '../parties/person-name.js';
import { parties } from '../parties/party-reads.js';
import type { Analyzer, Signal as AnalyzedSignal } from '../signals/analyzer.js';
import { sideFrom } from '../signals/sides.js';
import { SignalsService } from '../signals/signals.service.js';
import type { TimelineEvents } from '../timeline/timeline-events.js';
import { ERASED } from '../timeline/personal-values.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people } from '../users/people.js';
import { awaitingReplySql } from './awaiting-reply.js';
import { CommentView, type CreateCommentDto, type ListCommentsQuery, type RereadView, type UpdateCommentDto } from './comment.dto.js';
import { Comment } from './comment.entity.js';
import type { CommentSignals } from './comment.types.js';
import type { AddedBatch } from './comment-events.js';
import './comment-events.js';
import { badRequest, fieldProblem, notFound, refusal, type Problem } from '../common/problem.js';
import { missingAmong, missingReference, notInIncident } from '../database/references.js';
import { IncidentRemoval } from '../incidents/removals.registry.js';

/** Who may author a comment of each direction. */
function authorProblems(dto: CreateCommentDto, counterpartId: string | null): Problem[] {
  const inbound = dto.direction === 'inbound';
  const problems: Problem[] = [];
  if (inbound && dto.authorUserId) problems.push(fieldProblem('authorUserId', 'comment.authorForOutbound', 'authorUserId is for outbound comments; an inbound author is a partyId or an authorName'));
  if (!inbound && dto.partyId) problems.push(fieldProblem('partyId', 'comment.partyForInbound', 'partyId is for inbound comments; an outbound author is an authorUserId or an authorName'));
  if (!inbound && dto.needsResponse) problems.push(needsResponseInbound());
  if (inbound && !dto.partyId && !dto.authorName && !counterpartId) {
    problems.push(fieldProblem('authorName', 'comment.authorRequired', 'partyId or authorName is required for an inbound comment when the incident has no counterpart'));
  }
  return problems;
}

const needsResponseInbound = () => fieldProblem('needsResponse', 'comment.needsResponseInbound', 'needsResponse applies to inbound comments only');

/** The incident's counterpart, with its name when a comment names its author without a party (else null: not read). */
type Counterpart = { id: string; name: string | null } | null;

/**
 * An inbound comment's party: the one given; else the incident's counterpart when no author is named, or when the name
 * is the counterpart's as imports judge names (`nameLikeness`: "marc  DUPONT" and "Marc Dupont (Lumio)" are Marc
 * Dupont), as a person logging the counterpart's message types it; else none (someone else, a bystander).
 */
function inboundParty(dto: CreateCommentDto, counterpart: Counterpart): string | null {
  if (dto.partyId) return dto.partyId;
  if (!counterpart) return null;
  return !dto.authorName || (counterpart.name !== null && nameLikeness(dto.authorName, counterpart.name) === 'same') ? counterpart.id : null;
}

function newComment(id: string, incident: Pick<IncidentView, 'id' | 'state'>, counterpart: Counterpart, actor: Actor, dto: CreateCommentDto, now: Date, analyzer: Analyzer): Comment {
  const inbound = dto.direction === 'inbound';
  return {
    id,
    incidentId: incident.id,
    postId: dto.postId ?? null,
    parentId: dto.parentId ?? null,
    direction: dto.direction,
    channel: dto.channel ?? 'comment',
    partyId: inbound ? inboundParty(dto, counterpart) : null,
    authorUserId: inbound ? null : (dto.authorUserId ?? (dto.authorName || actor.kind !== 'user' ? null : actor.id)),
    authorName: dto.authorName ?? null,
    postedAt: dto.postedAt ?? now,
    body: dto.body,
    url: dto.url ?? null,
    externalId: dto.externalId ?? null,
    status: dto.status ?? 'visible',
    needsResponse: inbound && (dto.needsResponse ?? OPEN_STATES.includes(incident.state)),
    respondedById: null,
    signals: analyzer.analyze(dto.body, sideFrom(dto.direction, undefined)),
    revisions: [],
    createdBy: actorId(actor),
    createdAt: now,
    updatedAt: now,
    erasedAt: null,
  };
}

/** Parents answered in one UPDATE (three parameters each, under SQLite's oldest limit of 999). */
const ANSWERED_PER_UPDATE = 300;

/** Marks parents answered by their reply (parent id → reply id), many to a statement. */
async function markAnswered(tx: Tx, answered: Map<string, string>, now: Date): Promise<void> {
  const pairs = [...answered];
  for (let start = 0; start < pairs.length; start += ANSWERED_PER_UPDATE) {
    const chunk = pairs.slice(start, start + ANSWERED_PER_UPDATE);
    const parameters: Record<string, string> = {};
    const cases = chunk.map(([parentId, replyId], i) => {
      parameters[`parent${i}`] = parentId;
      parameters[`reply${i}`] = replyId;
      return `WHEN :parent${i} THEN :reply${i}`;
    });
    await tx.manager
      .createQueryBuilder()
      .update(Comment)
      .set({ respondedById: () => `CASE id ${cases.join(' ')} END`, updatedAt: now })
      .where({ id: In(chunk.map(([parentId]) => parentId)) })
      .setParameters(parameters)
      .execute();
  }
}

/** An inbound comment still owed a reply (alias `c`, parameter `yes` = true). */

@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly signals: SignalsService,
  ) {}

  /**
   * The messages of a removed incident (their earlier versions inside them),
   * counted: notices and evidence may link to them, so they go with the
   * incident row (ON DELETE CASCADE), and their search rows by the search
   * triggers.
   */
  @IncidentRemoval({ key: 'comments', priority: 90 })
  async removeOfIncident(tx: Tx, incidentId: string): Promise<number> {
    return tx.manager.countBy(Comment, { incidentId });
  }

  @OpenItemCounter({ key: 'commentsAwaitingResponse', priority: 20 })
  countAwaitingResponse(manager: EntityManager, incidentIds: string[]): Promise<Map<string, number>> {
    return countByIncident(manager.createQueryBuilder(Comment, 'c').where(...awaitingReplySql('c')), incidentIds);
  }

  async create(actor: Actor, incidentId: string, dto: CreateCommentDto): Promise<CommentView> {
    return this.transactions.run((tx) => this.add(tx, actor, incidentId, dto));
  }

  /** Adds a comment inside the caller's transaction. */
  async add(tx: Tx, actor: Actor, incidentId: string, dto: CreateCommentDto): Promise<CommentView> {
    return (await this.addMany(tx, actor, incidentId, [{ id: newId(), dto }]))[0]!;
  }

  /**
   * Adds comments in order inside the caller's transaction, with the rules,
   * rows and events of adding them one by one, but reading each kind of
   * reference once and writing the rows and events many to a statement
   * (importers). A parent may be a comment added earlier in the same call.
   */
  async addMany(tx: Tx, actor: Actor, incidentId: string, items: Array<{ id: string; dto: CreateCommentDto }>): Promise<CommentView[]> {
    const incident = await this.incidents.findIn(tx, incidentId);
    for (const { dto } of items) {
      const problems = authorProblems(dto, incident.counterpartId);
      if (problems.length) throw badRequest(...problems);
    }
    const dtos = items.map((item) => item.dto);
    const missing = [
      ...(await missingAmong(tx.manager, parties, dtos.map((dto) => dto.partyId))).map((id) => missingReference('partyId', id)),
      ...(await missingAmong(tx.manager, people, dtos.map((dto) => dto.authorUserId))).map((id) => missingReference('authorUserId', id)),
    ];
    if (missing.length) throw badRequest(...missing);
    for (const postId of new Set(dtos.flatMap((dto) => dto.postId ?? []))) {
      if (!(await this.incidents.hasPost(tx.manager, incidentId, postId))) throw badRequest(notInIncident('postId', 'post', incident.ref, `postId refers to no post of incident ${incident.ref}`));
    }
    const added = new Set(items.map((item) => item.id));
    const parents = new Map(
      (await inChunks(dtos.flatMap((dto) => (dto.parentId && !added.has(dto.parentId) ? [dto.parentId] : [])), (ids) => tx.manager.findBy(Comment, { id: In(ids), incidentId }))).map(
        (row) => [row.id, row],
      ),
    );
    const earlier = new Set<string>();
    for (const { id, dto } of items) {
      if (dto.parentId && !parents.has(dto.parentId) && !earlier.has(dto.parentId)) throw badRequest(notInIncident('parentId', 'comment', incident.ref, `parentId refers to no comment of incident ${incident.ref}`));
      earlier.add(id);
    }
    const externalIds = dtos.flatMap((dto) => dto.externalId ?? []);
    const taken = await inChunks(externalIds, (ids) => tx.manager.find(Comment, { select: { externalId: true }, where: { incidentId, externalId: In(ids) } }));
    const seen = new Set<string>();
    const duplicate = taken[0]?.externalId ?? externalIds.find((externalId) => seen.size === seen.add(externalId).size);
    if (duplicate) {
      throw refusal(HttpStatus.CONFLICT, 'comment.duplicateExternalId', `a comment with externalId ${duplicate} is already recorded on ${incident.ref}`, {
        field: 'externalId',
        values: { externalId: duplicate, ref: incident.ref },
      });
    }

    const now = new Date();
    const analyzer = await this.signals.analyzer(tx);
    const counterpartId = incident.counterpartId;
    const named = dtos.some((dto) => dto.direction === 'inbound' && !dto.partyId && dto.authorName);
    const counterpart: Counterpart = counterpartId ? { id: counterpartId, name: named ? ((await parties.viewsOf(tx.manager, [counterpartId])).get(counterpartId)?.name ?? null) : null } : null;
    const rows: Comment[] = [];
    // Parent id → the reply that answers it; the rows stay as they were when their own event went out.
    const answered = new Map<string, string>();
    const payloads: Array<TimelineEvents['comment.added']> = [];
    for (const { id, dto } of items) {
      const parent = dto.parentId ? parents.get(dto.parentId) : null;
      const comment = newComment(id, incident, counterpart, actor, dto, now, analyzer);
      const answers = comment.direction === 'outbound' && parent?.direction === 'inbound' && !parent.respondedById && !answered.has(parent.id) ? parent : null;
      if (answers) answered.set(answers.id, comment.id);
      parents.set(comment.id, comment);
      rows.push(comment);
      payloads.push({
        commentId: comment.id,
        direction: comment.direction,
        channel: comment.channel,
        parentId: comment.parentId,
        postedAt: comment.postedAt.toISOString(),
        needsResponse: comment.needsResponse,
        answers: answers?.id ?? null,
      });
    }
    await insertRows(tx, Comment, rows);
    await markAnswered(tx, answered, now);
    const addedWith: AddedBatch = { comments: rows, answered: [...answered.keys()] };
    await this.timeline.inBulk(tx, async () => {
      for (const [i, comment] of rows.entries()) await this.timeline.append(tx, incidentId, actor, 'comment.added', payloads[i]!, { incident, comment, addedWith });
    });
    const closed = !OPEN_STATES.includes(incident.state);
    return rows.map((comment) => {
      const view = CommentView.of(comment);
      if (closed && comment.direction === 'inbound') {
        view.warnings = [`${incident.ref} is ${incident.state}: the message is kept and its owner told; reopen the incident if the exchange has resumed`];
      }
      return view;
    });
  }

  /**
   * Reads every message of the incident again with today's rules and the
   * admins' phrases, writes the signals that changed, and records the reading
   * (with the settings' version it used) in the timeline, in one transaction.
   */
  async rereadSignals(actor: Actor, incidentId: string): Promise<RereadView> {
    return this.transactions.run(async (tx) => {
      await this.incidents.find(tx.manager, incidentId);
      const { version, analyzer } = await this.signals.reading(tx);
      const rows = await tx.manager.find(Comment, { select: { id: true, direction: true, body: true, signals: true }, where: { incidentId } });
      let changed = 0;
      for (const row of rows) {
        const signals = analyzer.analyze(row.body, sideFrom(row.direction, undefined));
        if (JSON.stringify(signals) === JSON.stringify(row.signals)) continue;
        changed++;
        await tx.manager.update(Comment, { id: row.id }, { signals });
      }
      await this.timeline.append(tx, incidentId, actor, 'signals.reread', { comments: rows.length, changed, settingsVersion: version });
      return { comments: rows.length, changed, settingsVersion: version };
    });
  }

  async list(incidentId: string, query: ListCommentsQuery): Promise<Page<CommentView>> {
    await this.incidents.assertExists(incidentId);
    const qb = this.dataSource.getRepository(Comment).createQueryBuilder('c').where('c.incidentId = :incidentId', { incidentId });
    if (query.direction) qb.andWhere('c.direction = :direction', { direction: query.direction });
    if (query.awaitingResponse === true) {
      qb.andWhere(...awaitingReplySql('c'));
    }
    if (query.awaitingResponse === false) {
      const [awaiting, params] = awaitingReplySql('c');
      qb.andWhere(`NOT (${awaiting})`, params);
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
    if (dto.needsResponse && comment.direction === 'outbound') throw badRequest(needsResponseInbound());
    const { body: written, ...fields } = dto;
    // An erased message keeps no words: a later import of its old text does not bring them back.
    const body = comment.erasedAt ? undefined : written;
    let changed = false;
    if (body !== undefined && body !== comment.body) {
      changed = true;
      const previousBody = comment.body;
      comment.revisions = [...comment.revisions, { body: previousBody, seenAt: comment.updatedAt.toISOString() }];
      comment.body = body;
      comment.signals = (await this.signals.analyzer(tx)).analyze(body, sideFrom(comment.direction, undefined));
      if (comment.status === 'visible' && fields.status === undefined) comment.status = 'edited';
      await this.timeline.append(tx, comment.incidentId, actor, 'comment.edited', { commentId: comment.id, previousBody, body }, { comment });
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

  /**
   * Takes a message out of its thread because a decision on a legal notice
   * says so (removed: `deleted`; access disabled: `hidden`), inside the
   * caller's unit of work, with its own event naming the notice. Its body
   * stays on record: the thread shows it as removed.
   */
  async markRemovedIn(tx: Tx, actor: Actor, commentId: string, removal: { to: 'deleted' | 'hidden'; noticeId: string; ref: string; decisionId: string }): Promise<Comment> {
    const comment = await this.find(tx.manager, commentId);
    const from = comment.status;
    if (from !== removal.to) {
      comment.status = removal.to;
      comment.updatedAt = new Date();
      await tx.manager.update(Comment, { id: comment.id }, { status: comment.status, updatedAt: comment.updatedAt });
    }
    await this.timeline.append(tx, comment.incidentId, actor, 'comment.removed', { commentId: comment.id, from, to: removal.to, noticeId: removal.noticeId, ref: removal.ref, decisionId: removal.decisionId });
    return comment;
  }

  /**
   * Erases the words of the messages the party wrote, in the caller's unit of
   * work: body, revisions, signals (phrases of the body) and author name; the
   * rows stay, tombstones, so the thread keeps its shape. The search index
   * follows by its triggers. Their ids and incidents.
   */
  async eraseOfPartyIn(tx: Tx, partyId: string): Promise<Array<{ id: string; incidentId: string }>> {
    const rows = await tx.manager.find(Comment, { select: { id: true, incidentId: true }, where: { partyId } });
    const now = new Date();
    await inChunks(
      rows.map((row) => row.id),
      async (ids) => {
        await tx.manager.update(Comment, { id: In(ids) }, { body: ERASED, authorName: null, revisions: [], signals: [], erasedAt: now, updatedAt: now });
        return [];
      },
    );
    return rows.map(({ id, incidentId }) => ({ id, incidentId }));
  }

  async find(manager: EntityManager, id: string): Promise<Comment> {
    const comment = await manager.findOneBy(Comment, { id });
    if (!comment) throw notFound('comment', id);
    return comment;
  }

  /** Whether comments of the post were imported into the incident before (they carry their id on the blog). */
  async hasImported(manager: EntityManager, incidentId: string, postId: string): Promise<boolean> {
    return manager.existsBy(Comment, { incidentId, postId, externalId: Not(IsNull()) });
  }

  /** The incident's message imported from a post whose own address is `url` (a removal checked with the place), with its post, or null. */
  async importedAt(manager: EntityManager, incidentId: string, url: string): Promise<{ externalId: string; url: string; postId: string } | null> {
    const row = await manager.findOne(Comment, { select: { externalId: true, postId: true }, where: { incidentId, url, externalId: Not(IsNull()), postId: Not(IsNull()) }, order: { createdAt: 'ASC' } });
    return row ? { externalId: row.externalId!, url, postId: row.postId! } : null;
  }

  /** The incident's comments imported from the post with those ids on the blog, by that id. */
  async importedOf(manager: EntityManager, incidentId: string, postId: string, externalIds: string[]): Promise<Map<string, Comment>> {
    const rows = await inChunks(externalIds, (chunk) => manager.findBy(Comment, { incidentId, postId, externalId: In(chunk) }));
    return new Map(rows.map((row) => [row.externalId!, row]));
  }

  /**
   * Marks deleted, inside the caller's transaction, the comments imported
   * from the post whose id on the blog is not among `present` (gone from
   * the blog), as an edit of each: how many.
   */
  async deleteGoneIn(tx: Tx, actor: Actor, incidentId: string, postId: string, present: ReadonlySet<string>): Promise<number> {
    const rows = (await tx.manager
      .createQueryBuilder(Comment, 'c')
      .select(['c.id', 'c.externalId'])
      .where("c.incidentId = :incidentId AND c.postId = :postId AND c.externalId IS NOT NULL AND c.status <> 'deleted'", { incidentId, postId })
      .getMany()) as Array<{ id: string; externalId: string }>;
    const gone = rows.filter((row) => !present.has(row.externalId)).map((row) => row.id);
    const deleted = await inChunks(gone, (ids) => tx.manager.findBy(Comment, { id: In(ids) }));
    for (const row of deleted) await this.change(tx, actor, row, { status: 'deleted' });
    return deleted.length;
  }

  /** The incident's comments with signals, not deleted, oldest first, without their bodies (what suggestions read). */
  async withSignals(manager: EntityManager, incidentId: string): Promise<CommentSignals[]> {
    const rows = await manager
      .createQueryBuilder(Comment, 'c')
      .select(SIGNALS_FIELDS)
      .where('c.incidentId = :incidentId', { incidentId })
      .andWhere(WITH_SIGNALS)
      .andWhere("c.status <> 'deleted'")
      .orderBy('c.postedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return rows.map((row) => ({ ...row, signals: row.signals as AnalyzedSignal[] }));
  }

  /** The party each of those comments is from (null: ours, or an author without a party). */
  async partiesOf(manager: EntityManager, ids: string[]): Promise<Array<{ id: string; partyId: string | null }>> {
    return inChunks([...new Set(ids)], (chunk) => manager.find(Comment, { select: { id: true, partyId: true }, where: { id: In(chunk) } }));
  }
}

/** Matches the partial index ix_comments_signals word for word, so only the few comments with signals are read, never the thread. */
const WITH_SIGNALS = "c.signals <> '[]'";
/** What reading signals needs of a comment: never its body, which may be long and is not needed. */
const SIGNALS_FIELDS = ['c.id', 'c.direction', 'c.partyId', 'c.parentId', 'c.postId', 'c.postedAt', 'c.createdAt', 'c.status', 'c.signals'];
