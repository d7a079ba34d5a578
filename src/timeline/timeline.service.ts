import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorId, type Actor } from '../common/roles.js';
import { insertMany } from '../database/bulk-insert.js';
import type { Tx } from '../database/transaction.service.js';
import { paginate, type Page, type PageQuery } from '../common/pagination.js';
import { TimelineEvent } from './timeline-event.entity.js';
import type { AppendedEvent, EventContext, TimelineEventType, TimelineEvents } from './timeline-events.js';
import { eventHash, findChainBreak, GENESIS_HASH, nextLink } from './timeline-hash.js';

export type TimelineListener<T extends TimelineEventType> = (tx: Tx, event: AppendedEvent<T>) => Promise<void> | void;

export interface Verification {
  valid: boolean;
  events: number;
  /** The last stored event: note it outside Calumet, and a later verification shows whether the chain still extends it. */
  head: { seq: number; hash: string } | null;
  brokenAt?: number;
  brokenEventId?: string;
  reason?: string;
}

const VERIFY_BATCH = 500;
/** Events held before a bulk append writes them. */
const BULK_CHUNK = 1_000;

interface Bulk {
  rows: TimelineEvent[];
  heads: Map<string, { seq: number; hash: string }>;
}
const MAX_REMEMBERED_HEADS = 10_000;

/**
 * Appends hash-chained events inside the caller's transaction and tells the
 * listeners of that event type, in the same transaction: that is how features
 * react to each other (a reply cancels the reminder it answers) without
 * knowing each other.
 */
@Injectable()
export class TimelineService {
  private readonly listeners = new Map<string, TimelineListener<never>[]>();
  private readonly heads = new Map<string, { epoch: number; seq: number; hash: string }>();
  private readonly bulks = new WeakMap<Tx, Bulk>();
  private readonly sqlite: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'sqlite';
  }

  on<T extends TimelineEventType>(type: T, listener: TimelineListener<T>): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener as TimelineListener<never>]);
  }

  async append<T extends TimelineEventType>(
    tx: Tx,
    incidentId: string,
    actor: Actor,
    type: T,
    payload: TimelineEvents[T],
    context: EventContext = {},
  ): Promise<AppendedEvent<T>> {
    const bulk = this.bulks.get(tx);
    const last = bulk?.heads.get(incidentId) ?? (await this.head(tx, incidentId));
    const fields = { ...nextLink(last, actorId(actor), type, payload), incidentId };
    const hash = eventHash(fields);
    if (bulk) {
      bulk.rows.push({ ...fields, hash } as TimelineEvent);
      bulk.heads.set(incidentId, { seq: fields.seq, hash });
      if (bulk.rows.length >= BULK_CHUNK) await this.flush(tx, bulk);
    } else {
      await insertMany(tx.manager, TimelineEvent, [{ ...fields, hash } as TimelineEvent]);
    }
    if (this.sqlite) this.remember(incidentId, { epoch: tx.epoch, seq: fields.seq, hash });
    const event = { ...fields, payload, context } as AppendedEvent<T>;
    for (const listener of this.listeners.get(type) ?? []) await (listener as TimelineListener<T>)(tx, event);
    return event;
  }

  /**
   * Runs work whose appends on `tx` are written many rows to a statement
   * (an importer's thousands of events), each chunk as it fills and the rest
   * when the work ends; the chain, the listeners and their order are those
   * of appending one by one. Inside, nothing may read the timeline through
   * `tx` before the work ends.
   */
  async inBulk<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
    if (this.bulks.has(tx)) return work();
    const bulk: Bulk = { rows: [], heads: new Map() };
    this.bulks.set(tx, bulk);
    try {
      const result = await work();
      await this.flush(tx, bulk);
      return result;
    } finally {
      this.bulks.delete(tx);
    }
  }

  private async flush(tx: Tx, bulk: Bulk): Promise<void> {
    const rows = bulk.rows.splice(0);
    await insertMany(tx.manager, TimelineEvent, rows);
  }

  /**
   * The last event of a chain. PostgreSQL: read under a lock on the incident
   * row, one writer per chain at a time. FOR NO KEY UPDATE, not FOR UPDATE:
   * the KEY SHARE lock that inserting a comment (or any row referring to the
   * incident) takes earlier in the same transaction must not conflict with
   * it, or two writers of one incident deadlock. SQLite: this process is the only
   * writer while its transaction is open, so the head it wrote last is still
   * the head unless the transaction service says its memory is stale.
   */
  private async head(tx: Tx, incidentId: string): Promise<{ seq: number; hash: string } | null> {
    if (!this.sqlite) {
      await tx.manager.query('SELECT id FROM incidents WHERE id = $1 FOR NO KEY UPDATE', [incidentId]);
    } else {
      const known = this.heads.get(incidentId);
      if (known && known.epoch === tx.epoch) return known;
    }
    return tx.manager.findOne(TimelineEvent, { select: { seq: true, hash: true }, where: { incidentId }, order: { seq: 'DESC' } });
  }

  private remember(incidentId: string, head: { epoch: number; seq: number; hash: string }): void {
    if (this.heads.size >= MAX_REMEMBERED_HEADS) this.heads.clear();
    this.heads.set(incidentId, head);
  }

  list(incidentId: string, query: PageQuery): Promise<Page<TimelineEvent>> {
    const qb = this.dataSource.getRepository(TimelineEvent).createQueryBuilder('e').where('e.incidentId = :incidentId', { incidentId });
    return paginate(qb, query, [{ column: 'e.seq', key: 'seq', order: 'ASC' }]);
  }

  /** The events of these types, in chain order. */
  ofType(incidentId: string, types: TimelineEventType[]): Promise<TimelineEvent[]> {
    return this.dataSource
      .getRepository(TimelineEvent)
      .createQueryBuilder('e')
      .where('e.incidentId = :incidentId AND e.type IN (:...types)', { incidentId, types })
      .orderBy('e.seq', 'ASC')
      .getMany();
  }

  /** Recomputes the chain from the first event and names the first one that does not hold. */
  async verify(incidentId: string): Promise<Verification> {
    const repository = this.dataSource.getRepository(TimelineEvent);
    let position = { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const batch = await repository
        .createQueryBuilder('e')
        .where('e.incidentId = :incidentId AND e.seq > :after', { incidentId, after: position.seq })
        .orderBy('e.seq', 'ASC')
        .take(VERIFY_BATCH)
        .getMany();
      if (!batch.length) return { valid: true, events: position.seq, head: position.seq ? position : null };
      const broken = findChainBreak(batch, position);
      if (broken) {
        const events = await repository.countBy({ incidentId });
        const last = await repository.findOne({ select: { seq: true, hash: true }, where: { incidentId }, order: { seq: 'DESC' } });
        return { valid: false, events, head: last ? { seq: last.seq, hash: last.hash } : null, brokenAt: broken.seq, brokenEventId: broken.eventId, reason: broken.reason };
      }
      const last = batch[batch.length - 1]!;
      position = { seq: last.seq, hash: last.hash };
    }
  }
}
