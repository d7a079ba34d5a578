import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { insertRows } from '../database/bulk-insert.js';
import { inChunks } from '../database/in-list.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import { answeredBy } from '../incidents/incident-scope.js';
import { incidentReads, type IncidentAnswerers } from '../incidents/incident-reads.js';
import { DueJobs, type DueJob } from '../queue/due-jobs.js';
import { JobName } from '../queue/job-catalogue.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import type { AppendedEvent } from '../timeline/timeline-events.js';
import { awaitsReply } from './awaiting-reply.js';
import { commentReads, type PlacedComment } from './comment-reads.js';
import { Comment } from './comment.entity.js';
import { OwedRepliesBasis, OwedReply } from './owed-reply.entity.js';
import './comment-events.js';

/** A comment's fields whose change may start or end a reply owed, or move when it is due. */
const PLACING = ['direction', 'needsResponse', 'respondedById', 'status', 'postedAt'] as const;
/** An incident's fields that say who owes its replies and by when. */
const ANSWERING = ['severity', 'ownerId', 'backupOwnerId'] as const;
/** How old the last count may be before the daily recount runs. */
export const RECOUNT_EVERY_MS = 24 * 60 * 60_000;

/**
 * The replies each person owes, kept in `owed_replies` by the writes, in the
 * unit of work of each write (timeline listeners): a message added, answered,
 * flagged, unflagged, deleted or removed by a decision re-places that
 * message; an incident closed or reopened, or whose severity, owner or
 * backup owner changed, re-places its messages; a deleted or purged incident
 * takes them with its comments (ON DELETE CASCADE). A bulk add (an import)
 * re-places its whole batch at its first event, a few statements for
 * thousands of messages. Each re-placing reads the comments (the truth) with
 * the one rule (awaiting-reply.ts).
 *
 * The recount rebuilds the rows from the comments: at boot when the SLAs are
 * not those the rows were placed with (or nothing was counted yet: the
 * migration), once a day (RecountOwedReplies), and for tests that write
 * comments behind the services' back.
 */
@Injectable()
export class OwedReplies implements OnApplicationBootstrap {
  /** The bulk adds already re-placed (their first event did it). */
  private readonly placedBatches = new WeakSet<object>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The whole add at its first event, from the rows in hand: its messages
   * awaiting a reply (not answered within the add) placed, the messages it
   * answered taken out. A message just added has no row yet.
   */
  @OnTimelineEvent({ type: 'comment.added', priority: 40 })
  async onCommentAdded(tx: Tx, { payload, context }: AppendedEvent<'comment.added'>): Promise<void> {
    const batch = context.addedWith;
    if (!batch) {
      await this.replace(tx, { commentIds: [payload.commentId, ...(payload.answers ? [payload.answers] : [])] });
      return;
    }
    if (this.placedBatches.has(batch)) return;
    this.placedBatches.add(batch);
    const answered = new Set(batch.answered);
    await this.removeWhere(tx.manager, 'commentId', [...batch.answered]);
    const owed = batch.comments.filter((comment) => awaitsReply(comment) && !answered.has(comment.id));
    await this.place(
      tx,
      owed.map((comment) => ({ id: comment.id, incidentId: comment.incidentId, at: comment.postedAt })),
      { known: context.incident },
    );
  }

  /** The row is written after its event: placed as it will stand. */
  @OnTimelineEvent({ type: 'comment.updated', priority: 10 })
  async onCommentUpdated(tx: Tx, { payload }: AppendedEvent<'comment.updated'>): Promise<void> {
    const { commentId, changes } = payload;
    if (!PLACING.some((field) => field in changes)) return;
    const found = await tx.manager.findOneBy(Comment, { id: commentId });
    if (!found) return;
    const row = { ...found, ...Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])) } as Comment;
    await this.removeWhere(tx.manager, 'commentId', [commentId]);
    if (awaitsReply(row)) await this.place(tx, [{ id: row.id, incidentId: row.incidentId, at: new Date(row.postedAt) }]);
  }

  @OnTimelineEvent({ type: 'comment.removed', priority: 10 })
  async onCommentRemoved(tx: Tx, { payload }: AppendedEvent<'comment.removed'>): Promise<void> {
    await this.replace(tx, { commentIds: [payload.commentId] });
  }

  /** Closed or resolved: nothing owed on it; reopened: owed again. */
  @OnTimelineEvent({ type: 'state.changed', priority: 30 })
  async onStateChanged(tx: Tx, { incidentId, payload }: AppendedEvent<'state.changed'>): Promise<void> {
    const open = (state: string) => (OPEN_STATES as readonly string[]).includes(state);
    if (open(payload.from) !== open(payload.to)) await this.replace(tx, { incidentIds: [incidentId] });
  }

  @OnTimelineEvent({ type: 'incident.updated', priority: 10 })
  async onIncidentUpdated(tx: Tx, { incidentId, payload }: AppendedEvent<'incident.updated'>): Promise<void> {
    if (ANSWERING.some((field) => field in payload.changes)) await this.replace(tx, { incidentIds: [incidentId] });
  }

  /** Rebuilds every person's rows (or one person's) from the comments, in a unit of its own: how many rows. */
  async recount(userId?: string): Promise<number> {
    return this.transactions.run(async (tx) => {
      const manager = tx.manager;
      if (userId) {
        await manager.delete(OwedReply, { userId });
        return this.place(tx, await commentReads.awaitingReplyIn(manager, answeredBy(userId, { open: true })), { onlyUser: userId });
      }
      // PostgreSQL: one recount at a time (two processes booting at once).
      if (manager.connection.options.type === 'postgres') await manager.query('SELECT id FROM owed_replies_basis WHERE id = 1 FOR UPDATE');
      await manager.createQueryBuilder().delete().from(OwedReply).execute();
      const rows = await this.place(tx, await commentReads.awaitingReplyOf(manager));
      await manager.update(OwedRepliesBasis, { id: 1 }, { sla: this.slaKey(), countedAt: new Date() });
      return rows;
    });
  }

  /** The rows were placed with other SLAs, or never counted (the migration made the table): recount before serving. */
  async onApplicationBootstrap(): Promise<void> {
    const basis = await this.dataSource.manager.findOneBy(OwedRepliesBasis, { id: 1 });
    if (basis?.sla !== this.slaKey()) await this.recount();
  }

  /** Without Redis, the worker recounts itself once the last count is a day old. */
  @DueJobs({ name: 'owed replies recount', priority: 80 })
  async dueRecount(now: Date): Promise<DueJob[]> {
    return (await this.recountDue(now)) ? [{ item: { name: JobName.RecountOwedReplies, data: {} }, key: `owed-replies-${Math.floor(now.getTime() / RECOUNT_EVERY_MS)}` }] : [];
  }

  @OnJob(JobName.RecountOwedReplies)
  async handleRecount(): Promise<string> {
    if (!(await this.recountDue(new Date()))) return 'skipped';
    return `recounted ${await this.recount()}`;
  }

  private async recountDue(now: Date): Promise<boolean> {
    const basis = await this.dataSource.manager.findOneBy(OwedRepliesBasis, { id: 1 });
    return !basis?.countedAt || basis.sla !== this.slaKey() || now.getTime() - basis.countedAt.getTime() >= RECOUNT_EVERY_MS;
  }

  private slaKey(): string {
    const sla = this.config.responseSla;
    return JSON.stringify([sla.critical, sla.high, sla.medium, sla.low]);
  }

  /** Takes out the rows of these comments or incidents and places again those of them awaiting a reply, as the comments now stand. */
  private async replace(tx: Tx, among: { commentIds: string[] } | { incidentIds: string[] }): Promise<void> {
    if ('commentIds' in among) await this.removeWhere(tx.manager, 'commentId', among.commentIds);
    else await this.removeWhere(tx.manager, 'incidentId', among.incidentIds);
    await this.place(tx, await commentReads.awaitingReplyOf(tx.manager, among));
  }

  private async removeWhere(manager: EntityManager, field: 'commentId' | 'incidentId', ids: string[]): Promise<void> {
    await inChunks(ids, async (chunk) => {
      await manager.delete(OwedReply, { [field]: In(chunk) });
      return [];
    });
  }

  /**
   * Writes a row for each person who owes a reply to these messages (the
   * owner and backup owner of their incident while it is open; only
   * `onlyUser`'s when given), due at the message's time plus the severity's
   * SLA; an incident `known` in hand is not read again. A row already there
   * is left (a recount beside a write). How many.
   */
  private async place(tx: Tx, comments: PlacedComment[], { onlyUser, known }: { onlyUser?: string; known?: IncidentAnswerers } = {}): Promise<number> {
    if (!comments.length) return 0;
    const unknown = comments.filter((comment) => comment.incidentId !== known?.id).map((comment) => comment.incidentId);
    const incidents = unknown.length ? await incidentReads.answerersOf(tx.manager, unknown) : new Map<string, IncidentAnswerers>();
    if (known) incidents.set(known.id, known);
    const rows: OwedReply[] = [];
    for (const comment of comments) {
      const incident = incidents.get(comment.incidentId);
      if (!incident || !OPEN_STATES.includes(incident.state)) continue;
      const dueAt = new Date(comment.at.getTime() + this.config.responseSla[incident.severity]);
      for (const userId of new Set([incident.ownerId, incident.backupOwnerId])) {
        if (userId && (!onlyUser || userId === onlyUser)) rows.push({ userId, commentId: comment.id, incidentId: comment.incidentId, dueAt });
      }
    }
    // On SQLite, written with the batch's other rows (after its messages, before anything reads them).
    await insertRows(tx, OwedReply, rows, { ignoreConflicts: true });
    return rows.length;
  }

}
