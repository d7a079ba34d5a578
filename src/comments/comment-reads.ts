import { Brackets, In, LessThan, type EntityManager } from 'typeorm';
import { actorId, SYSTEM } from '../common/roles.js';
import { inChunks } from '../database/in-list.js';
import type { IncidentScope } from '../incidents/incident-scope.js';
import { awaitingReplySql } from './awaiting-reply.js';
import { CommentView } from './comment.dto.js';
import { Comment } from './comment.entity.js';
import { OwedReply } from './owed-reply.entity.js';

/** A message placed in time, without its words (they can run to thousands; the words are read for the page shown). */
export interface PlacedComment {
  id: string;
  incidentId: string;
  at: Date;
}

/** Reads `select`ed columns raw, with the one date column named `at` hydrated as the entity would. */
async function placed(manager: EntityManager, build: (alias: string) => ReturnType<EntityManager['createQueryBuilder']>, date: 'postedAt' | 'createdAt'): Promise<PlacedComment[]> {
  const column = manager.connection.getMetadata(Comment).findColumnWithPropertyName(date)!;
  const rows = await build('c').select('c.id', 'id').addSelect('c.incidentId', 'incidentId').addSelect(`c.${date}`, 'at').getRawMany<{ id: string; incidentId: string; at: unknown }>();
  return rows.map((row) => ({ id: row.id, incidentId: row.incidentId, at: manager.connection.driver.prepareHydratedValue(row.at, column) as Date }));
}

/**
 * The comments feature's reads for the lists of other features (Today):
 * its table's SQL and its rules stay here.
 */
export const commentReads = {
  /** The messages the party wrote (inbound, its partyId), oldest first, whole (an access request). */
  async ofParty(manager: EntityManager, partyId: string): Promise<CommentView[]> {
    return (await manager.find(Comment, { where: { partyId }, order: { postedAt: 'ASC', id: 'ASC' } })).map(CommentView.of);
  },

  /** The messages awaiting a reply (awaiting-reply.ts) on the incidents in scope, at their postedAt. */
  awaitingReplyIn(manager: EntityManager, scope: IncidentScope): Promise<PlacedComment[]> {
    return placed(
      manager,
      (c) => manager.createQueryBuilder(Comment, c).where(...awaitingReplySql(c)).andWhere(scope.where(`${c}.incidentId`), scope.parameters),
      'postedAt',
    );
  },

  /** The messages awaiting a reply among these comments, or on these incidents, or everywhere (neither): what owed-replies.ts places. */
  awaitingReplyOf(manager: EntityManager, among: { commentIds?: string[]; incidentIds?: string[] } = {}): Promise<PlacedComment[]> {
    const { commentIds, incidentIds } = among;
    const read = (filter: (c: string) => [string, Record<string, unknown>] | null) =>
      placed(
        manager,
        (c) => {
          const qb = manager.createQueryBuilder(Comment, c).where(...awaitingReplySql(c));
          const extra = filter(c);
          return extra ? qb.andWhere(...extra) : qb;
        },
        'postedAt',
      );
    if (commentIds) return inChunks(commentIds, (ids) => read((c) => [`${c}.id IN (:...ids)`, { ids }]));
    if (incidentIds) return inChunks(incidentIds, (ids) => read((c) => [`${c}.incidentId IN (:...ids)`, { ids }]));
    return read(() => null);
  },

  /**
   * The replies a person owes (owed_replies, kept by the writes): how many,
   * how many are overdue at `now`, and the `limit` soonest due, each an
   * index range of (user_id, due_at), whatever the person owes.
   */
  async owedTo(manager: EntityManager, userId: string, now: Date, limit: number): Promise<{ count: number; overdue: number; first: Array<{ id: string; incidentId: string; dueAt: Date }> }> {
    const [count, overdue, first] = await Promise.all([
      manager.countBy(OwedReply, { userId }),
      manager.countBy(OwedReply, { userId, dueAt: LessThan(now) }),
      // `take: 0` would mean no limit: the desk's owed count (limit 0) reads no row.
      limit > 0 ? manager.find(OwedReply, { where: { userId }, order: { dueAt: 'ASC', commentId: 'ASC' }, take: limit }) : Promise.resolve([]),
    ]);
    return { count, overdue, first: first.map((row) => ({ id: row.commentId, incidentId: row.incidentId, dueAt: row.dueAt })) };
  },

  /** What a post's watch brought in since then (inbound, on a post, written by `system`, not deleted) on the incidents in scope, at their createdAt: the desk's recent messages on posts read, not the person's threads. */
  watchedNewsIn(manager: EntityManager, scope: IncidentScope, since: Date): Promise<PlacedComment[]> {
    return placed(
      manager,
      (c) =>
        manager
          .createQueryBuilder(Comment, c)
          .where(`${c}.direction = 'inbound' AND ${c}.postId IS NOT NULL AND ${c}.createdBy = :system AND ${c}.status <> 'deleted'`, { system: actorId(SYSTEM) })
          .andWhere(`${c}.createdAt >= :since`, { since })
          // `|| ''` keeps SQLite from walking every message of the person's incidents (ix_comments_awaiting): the few recent messages on posts come by ix_comments_watched.
          .andWhere(scope.where(`(${c}.incidentId || '')`), scope.parameters),
      'createdAt',
    );
  },

  /** The incident's whole thread (deleted messages included), the earliest posted first. */
  async viewsOfIncident(manager: EntityManager, incidentId: string): Promise<CommentView[]> {
    return (await manager.find(Comment, { where: { incidentId }, order: { postedAt: 'ASC', id: 'ASC' } })).map(CommentView.of);
  },

  /**
   * A window of the incident's thread, read in keyset pages on
   * (postedAt, id) through ix_comments_incident_posted: the `count` messages
   * posted before `before` (the latest when there is none), the latest first,
   * and the key of the last one when more stand before it. `owedApart`
   * leaves out the messages awaiting a reply, all of them (`true`) or those
   * posted up to a place (the longest waiting, which a page shows apart).
   * Deleted messages included, as in the whole thread.
   */
  async pageOfIncident(
    manager: EntityManager,
    incidentId: string,
    options: { count: number; before?: { postedAt: Date; id: string }; owedApart?: true | { postedAt: Date; id: string } },
  ): Promise<{ items: CommentView[]; next: { postedAt: Date; id: string } | null }> {
    const qb = manager.createQueryBuilder(Comment, 'c').where('c.incidentId = :incidentId', { incidentId });
    if (options.before) qb.andWhere('(c.postedAt, c.id) < (:beforeAt, :beforeId)', { beforeAt: options.before.postedAt, beforeId: options.before.id });
    if (options.owedApart) {
      const [awaiting, params] = awaitingReplySql('c');
      if (options.owedApart === true) qb.andWhere(`NOT (${awaiting})`, params);
      else qb.andWhere(`NOT ((${awaiting}) AND (c.postedAt, c.id) <= (:apartAt, :apartId))`, { ...params, apartAt: options.owedApart.postedAt, apartId: options.owedApart.id });
    }
    const rows = await qb.orderBy('c.postedAt', 'DESC').addOrderBy('c.id', 'DESC').take(options.count + 1).getMany();
    const items = rows.slice(0, options.count);
    const last = items[items.length - 1];
    return { items: items.map(CommentView.of), next: rows.length > options.count && last ? { postedAt: last.postedAt, id: last.id } : null };
  },

  /** The incident's messages awaiting a reply (awaiting-reply.ts), whole, the earliest posted first; the first `limit` of them when given. */
  async awaitingOfIncident(manager: EntityManager, incidentId: string, limit?: number): Promise<CommentView[]> {
    const qb = manager.createQueryBuilder(Comment, 'c').where('c.incidentId = :incidentId', { incidentId }).andWhere(...awaitingReplySql('c')).orderBy('c.postedAt', 'ASC').addOrderBy('c.id', 'ASC');
    if (limit !== undefined) qb.take(limit);
    return (await qb.getMany()).map(CommentView.of);
  },

  /** How many of the incident's messages await a reply. */
  async countAwaitingOfIncident(manager: EntityManager, incidentId: string): Promise<number> {
    return manager.createQueryBuilder(Comment, 'c').where('c.incidentId = :incidentId', { incidentId }).andWhere(...awaitingReplySql('c')).getCount();
  },

  /** These messages of the incident, whole, by id (the ones a window of the thread answers, say); ids of another incident are not found. */
  async viewsOfIds(manager: EntityManager, incidentId: string, ids: string[]): Promise<CommentView[]> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(Comment, { where: { incidentId, id: In(chunk) } }));
    return rows.map(CommentView.of);
  },

  /** Every party that wrote in the incident's thread, once each. */
  async partyIdsOfIncident(manager: EntityManager, incidentId: string): Promise<string[]> {
    const rows = await manager.createQueryBuilder(Comment, 'c').select('DISTINCT c.partyId', 'partyId').where('c.incidentId = :incidentId AND c.partyId IS NOT NULL', { incidentId }).getRawMany<{ partyId: string }>();
    return rows.map((row) => row.partyId);
  },

  /**
   * The incident's messages whose words or author match `words` (any case),
   * not deleted, the latest first: what the reply-to search offers. The
   * author is the name written on it, or the name of the party who wrote it.
   */
  async matchingOfIncident(manager: EntityManager, incidentId: string, words: string, count: number): Promise<CommentView[]> {
    const like = `%${words.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await manager
      .createQueryBuilder(Comment, 'c')
      .where("c.incidentId = :incidentId AND c.status <> 'deleted'", { incidentId })
      .andWhere(
        new Brackets((qb) =>
          qb
            .where("LOWER(c.body) LIKE :like ESCAPE '\\'", { like })
            .orWhere("LOWER(c.authorName) LIKE :like ESCAPE '\\'")
            .orWhere("c.partyId IN (SELECT p.id FROM parties p WHERE LOWER(p.name) LIKE :like ESCAPE '\\')"),
        ),
      )
      .orderBy('c.postedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(count)
      .getMany();
    return rows.map(CommentView.of);
  },

  /** Whether the comment is one of this incident's. */
  isOf(manager: EntityManager, commentId: string, incidentId: string): Promise<boolean> {
    return manager.existsBy(Comment, { id: commentId, incidentId });
  },

  /** A comment's incident and when it was posted (what a press-law prescription counts from), or null when there is none. */
  async placedOne(manager: EntityManager, commentId: string): Promise<PlacedComment | null> {
    const comment = await manager.findOne(Comment, { select: { id: true, incidentId: true, postedAt: true }, where: { id: commentId } });
    return comment ? { id: comment.id, incidentId: comment.incidentId, at: comment.postedAt } : null;
  },

  /** A message's words and where it sits (its post, the message it answers), or null. */
  async placeOf(manager: EntityManager, id: string): Promise<{ id: string; body: string; postId: string | null; parentId: string | null } | null> {
    return manager.findOne(Comment, { select: { id: true, body: true, postId: true, parentId: true }, where: { id } });
  },

  /** Whether anyone but us commented on the post (an inbound message under it, not deleted): its comments were open to readers. */
  othersCommentedOn(manager: EntityManager, postId: string): Promise<boolean> {
    return manager.createQueryBuilder(Comment, 'c').where("c.postId = :postId AND c.direction = 'inbound' AND c.status <> 'deleted'", { postId }).getExists();
  },

  /** The bodies of these comments, by id. */
  async bodiesOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const comments = await inChunks(ids, (chunk) => manager.find(Comment, { select: { id: true, body: true }, where: { id: In(chunk) } }));
    return new Map(comments.map((comment) => [comment.id, comment.body]));
  },
};
