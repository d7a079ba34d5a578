import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import { actorId, type Actor } from '../common/roles.js';
import { insertMany, insertRows } from '../database/bulk-insert.js';
import { newId } from '../database/columns.js';
import { inChunks } from '../database/in-list.js';
import type { Tx } from '../database/transaction.service.js';
import { UnitMemory } from '../database/unit-memory.js';
import { paginate, type Page, type PageQuery } from '../common/pagination.js';
import { TimelineEvent } from './timeline-event.entity.js';
import type { AppendedEvent, EventContext, TimelineEventType, TimelineEvents } from './timeline-events.js';
import { eventHash, findChainBreak, GENESIS_HASH, nextLink } from './timeline-hash.js';
import { definedPersonalTypes, digestsOf, mismatchedValue, personalFieldsOf, protect, reveal, type PersonalValue } from './personal-values.js';
import { TimelineErasure } from './timeline-erasure.entity.js';
import { TimelinePersonalValue } from './timeline-personal-value.entity.js';
import { TimelineRemoval, type RemovalPayload, type RemovalType } from './timeline-removal.entity.js';

export type TimelineListener<T extends TimelineEventType> = (tx: Tx, event: AppendedEvent<T>) => Promise<void> | void;

/** A party's personal values taken out of the timelines, and the events that still hold some because they were hashed over them. */
export interface TimelineErasureResult {
  erasureId: string;
  values: number;
  /** Events written before personal values were kept beside the chain: their payload still holds the party's data (docs/legal.md, "Erasure"). */
  retained: Array<{ incidentId: string; seq: number; type: string }>;
}

/** A personal value of the timelines as an access request shows it. */
export interface PersonalValueView {
  incidentId: string;
  eventId: string;
  seq: number;
  type: string;
  at: Date;
  field: string;
  value: string;
}

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
/** PostgreSQL: one writer of the removals' chain at a time (pg_advisory_xact_lock). */
const REMOVALS_LOCK = 7_366_175;
/** The removals' chain's name among a seal's heads (where each incident's timeline is named by its id): the nil UUID. */
export const REMOVALS_CHAIN = '00000000-0000-0000-0000-000000000000';

function personalRow(eventId: string, incidentId: string, value: PersonalValue): TimelinePersonalValue {
  return { eventId, path: value.path, incidentId, partyId: value.partyId, salt: value.salt, value: value.value };
}
/** Events held before a bulk append writes them. */
const BULK_CHUNK = 1_000;

interface Bulk {
  rows: TimelineEvent[];
  values: TimelinePersonalValue[];
  heads: Map<string, { seq: number; hash: string }>;
}

/**
 * Appends hash-chained events inside the caller's transaction and tells the
 * listeners of that event type, in the same transaction: that is how features
 * react to each other (a reply cancels the reminder it answers) without
 * knowing each other.
 */
@Injectable()
export class TimelineService {
  private readonly listeners = new Map<string, TimelineListener<never>[]>();
  /** SQLite: each chain's head as this process last wrote or read it; this process is the only writer while its transaction is open. */
  private readonly heads = new UnitMemory<{ seq: number; hash: string }>();
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
    const link = nextLink(last, actorId(actor), type, payload);
    const { stored, values } = protect(type, link.payload, context);
    const fields = { ...link, payload: stored, incidentId };
    const hash = eventHash(fields);
    const kept = values.map((value) => personalRow(fields.id, incidentId, value));
    if (bulk) {
      bulk.rows.push({ ...fields, hash } as TimelineEvent);
      bulk.values.push(...kept);
      bulk.heads.set(incidentId, { seq: fields.seq, hash });
      if (bulk.rows.length >= BULK_CHUNK) await this.flush(tx, bulk);
    } else {
      await insertRows(tx, TimelineEvent, [{ ...fields, hash } as TimelineEvent]);
      await insertRows(tx, TimelinePersonalValue, kept);
    }
    this.heads.set(tx, incidentId, { seq: fields.seq, hash });
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
    const bulk: Bulk = { rows: [], values: [], heads: new Map() };
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
    await insertRows(tx, TimelineEvent, rows);
    await insertRows(tx, TimelinePersonalValue, bulk.values.splice(0));
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
      const known = this.heads.get(tx, incidentId);
      if (known) return known;
    }
    return tx.manager.findOne(TimelineEvent, { select: { seq: true, hash: true }, where: { incidentId }, order: { seq: 'DESC' } });
  }

  /** The first event of the batch whose kept personal value does not match its digest, or whose value is gone without an erasure of its party. */
  private async personalBreak(batch: TimelineEvent[]): Promise<{ seq: number; eventId: string; reason: string } | null> {
    const named = batch.filter((event) => digestsOf(event.payload).length > 0);
    if (!named.length) return null;
    const manager = this.dataSource.manager;
    const values = await inChunks(
      named.map((event) => event.id),
      (ids) => manager.find(TimelinePersonalValue, { where: { eventId: In(ids) } }),
    );
    const byEvent = new Map<string, TimelinePersonalValue[]>();
    for (const value of values) byEvent.set(value.eventId, [...(byEvent.get(value.eventId) ?? []), value]);
    const missing = named.flatMap((event) => digestsOf(event.payload).filter(({ path }) => !byEvent.get(event.id)?.some((value) => value.path === path)));
    const parties = [...new Set(missing.flatMap(({ party }) => party ?? []))];
    const erased = new Set(
      (await inChunks(parties, (ids) => manager.find(TimelineErasure, { select: { partyId: true }, where: { partyId: In(ids), inProgress: false } }))).map((row) => row.partyId),
    );
    for (const event of named) {
      const field = mismatchedValue(event.payload, byEvent.get(event.id) ?? []);
      if (field) return { seq: event.seq, eventId: event.id, reason: `personal value ${field} does not match its digest` };
      const gone = digestsOf(event.payload).find(({ path, party }) => !byEvent.get(event.id)?.some((value) => value.path === path) && !(party && erased.has(party)));
      if (gone) return { seq: event.seq, eventId: event.id, reason: `personal value ${gone.path} is missing, and no erasure of its party is recorded` };
    }
    return null;
  }

  async list(incidentId: string, query: PageQuery): Promise<Page<TimelineEvent>> {
    const qb = this.dataSource.getRepository(TimelineEvent).createQueryBuilder('e').where('e.incidentId = :incidentId', { incidentId });
    const page = await paginate(qb, query, [{ column: 'e.seq', key: 'seq', order: 'ASC' }]);
    return { ...page, items: await this.revealed(this.dataSource.manager, page.items) };
  }

  /** The events of these types, in chain order. */
  async ofType(incidentId: string, types: TimelineEventType[]): Promise<TimelineEvent[]> {
    const events = await this.dataSource
      .getRepository(TimelineEvent)
      .createQueryBuilder('e')
      .where('e.incidentId = :incidentId AND e.type IN (:...types)', { incidentId, types })
      .getMany();
    // Ordered here, not in SQL: asked for in seq order, SQLite walks the incident's whole timeline by (incident_id, seq) rather than ix_timeline_incident_type's few rows.
    return this.revealed(this.dataSource.manager, events.sort((a, b) => a.seq - b.seq));
  }

  /**
   * The events as readers see them: each personal value's digest replaced by
   * the value, or by `[erased]` once it was erased. Every reader of stored
   * events goes through here; the stored rows (and their hashes) are not changed.
   */
  async revealed<T extends Pick<TimelineEvent, 'id' | 'payload'>>(manager: EntityManager, events: T[]): Promise<T[]> {
    const named = events.filter((event) => digestsOf(event.payload).length > 0).map((event) => event.id);
    if (!named.length) return events;
    const values = await inChunks(named, (ids) => manager.find(TimelinePersonalValue, { select: { eventId: true, path: true, value: true }, where: { eventId: In(ids) } }));
    const byEvent = new Map<string, Map<string, string>>();
    for (const { eventId, path, value } of values) byEvent.set(eventId, (byEvent.get(eventId) ?? new Map<string, string>()).set(path, value));
    return events.map((event) => (digestsOf(event.payload).length ? { ...event, payload: reveal(event.payload, byEvent.get(event.id) ?? new Map()) } : event));
  }

  /** Every personal value of the party the timelines keep, oldest first (an access request). */
  async personalValuesOf(manager: EntityManager, partyId: string): Promise<PersonalValueView[]> {
    const values = await manager.find(TimelinePersonalValue, { where: { partyId } });
    const events = new Map(
      (await inChunks([...new Set(values.map((value) => value.eventId))], (ids) => manager.find(TimelineEvent, { select: { id: true, seq: true, type: true, at: true }, where: { id: In(ids) } }))).map((event) => [
        event.id,
        event,
      ]),
    );
    return values
      .flatMap(({ eventId, incidentId, path, value }) => {
        const event = events.get(eventId);
        return event ? [{ incidentId, eventId, seq: event.seq, type: event.type, at: event.at, field: path, value }] : [];
      })
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.incidentId.localeCompare(b.incidentId) || a.seq - b.seq || a.field.localeCompare(b.field));
  }

  /**
   * Takes every personal value of the party out of the timelines, in the
   * caller's unit of work: the erasure is held in progress while its values
   * are deleted (the only way the database lets them go), then closed. The
   * chains are not touched and still verify. `formerIds`: parties merged into
   * this one, whose values it holds under their id. Names the events of
   * `incidentIds` written before values were kept apart whose payload still
   * holds the party's data (they name the party or one of `commentIds`).
   */
  async eraseIn(tx: Tx, actor: Actor, partyId: string, formerIds: string[], incidentIds: string[], commentIds: string[]): Promise<TimelineErasureResult> {
    const at = new Date();
    const ids = [partyId, ...formerIds];
    const erasures: TimelineErasure[] = ids.map((id) => ({ id: newId(), partyId: id, at, actor: actorId(actor), inProgress: true, valueCount: 0 }));
    await insertMany(tx.manager, TimelineErasure, erasures);
    let values = 0;
    for (const erasure of erasures) {
      const count = await tx.manager.count(TimelinePersonalValue, { where: { partyId: erasure.partyId } });
      await tx.manager.delete(TimelinePersonalValue, { partyId: erasure.partyId });
      await tx.manager.update(TimelineErasure, { id: erasure.id }, { inProgress: false, valueCount: count });
      values += count;
    }
    return { erasureId: erasures[0]!.id, values, retained: await this.retainedOf(tx.manager, incidentIds, [...ids, ...commentIds]) };
  }

  /** The erasures of these parties, oldest first. */
  erasuresOf(manager: EntityManager, partyIds: string[]): Promise<TimelineErasure[]> {
    return manager.find(TimelineErasure, { where: { partyId: In(partyIds), inProgress: false }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The parties merged into this one, and into those, as the timelines' `party.merged` events record them. */
  async mergedInto(manager: EntityManager, partyId: string): Promise<string[]> {
    const merges = await manager.find(TimelineEvent, { select: { payload: true }, where: { type: 'party.merged' } });
    const into = new Map<string, string[]>();
    for (const { payload } of merges) {
      const kept = String(payload['keptPartyId']);
      into.set(kept, [...(into.get(kept) ?? []), String(payload['mergedPartyId'])]);
    }
    const found = new Set<string>();
    const queue = [partyId];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const merged of into.get(next) ?? []) {
        if (merged === partyId || found.has(merged)) continue;
        found.add(merged);
        queue.push(merged);
      }
    }
    return [...found].sort();
  }

  /** Events of these incidents hashed over a personal value as it is (written before values were kept apart) that name one of `ids`. */
  async retainedOf(manager: EntityManager, incidentIds: string[], ids: string[]): Promise<Array<{ incidentId: string; seq: number; type: string }>> {
    const types = definedPersonalTypes();
    if (!incidentIds.length || !types.length) return [];
    const events = await inChunks(incidentIds, (chunk) =>
      manager.find(TimelineEvent, { select: { incidentId: true, seq: true, type: true, payload: true }, where: { incidentId: In(chunk), type: In(types) } }),
    );
    const named = new Set(ids);
    return events
      .filter((event) => personalFieldsOf(event.type).some((field) => typeof event.payload[field] === 'string') && Object.values(event.payload).some((value) => typeof value === 'string' && named.has(value)))
      .map(({ incidentId, seq, type }) => ({ incidentId, seq, type }))
      .sort((a, b) => a.incidentId.localeCompare(b.incidentId) || a.seq - b.seq);
  }

  /**
   * Removes an incident's chain and its personal values once the incident row
   * is gone, in the caller's unit of work: first records the removal (its
   * chain's last head, who, why, what went with it) on the removals' chain,
   * which is what lets the database delete them; a DELETE without that record
   * is refused.
   */
  async removeChainIn(tx: Tx, actor: Actor, incidentId: string, type: RemovalType, removal: Omit<RemovalPayload, 'head'>): Promise<TimelineRemoval> {
    const head = await tx.manager.findOne(TimelineEvent, { select: { seq: true, hash: true }, where: { incidentId }, order: { seq: 'DESC' } });
    const postgres = tx.manager.connection.options.type === 'postgres';
    if (postgres) await tx.manager.query('SELECT pg_advisory_xact_lock($1)', [REMOVALS_LOCK]);
    const last = await this.removalsHead(tx.manager);
    const payload: RemovalPayload = { ...removal, head: head ? { seq: head.seq, hash: head.hash } : null };
    const fields = { ...nextLink(last, actorId(actor), type, payload), incidentId };
    const record: TimelineRemoval = { ...fields, hash: eventHash(fields) };
    await insertMany(tx.manager, TimelineRemoval, [record]);
    for (const table of ['timeline_personal_values', 'timeline_events']) {
      await tx.manager.query(`DELETE FROM ${table} WHERE incident_id = ${postgres ? '$1' : '?'}`, [incidentId]);
    }
    this.heads.forget(incidentId);
    return record;
  }

  /** The last removal recorded: what seals cover of the removals' chain. */
  removalsHead(manager: EntityManager = this.dataSource.manager): Promise<{ seq: number; hash: string } | null> {
    return manager.findOne(TimelineRemoval, { select: { seq: true, hash: true }, where: {}, order: { seq: 'DESC' } });
  }

  /** The removals of these incidents (a seal's verification names them), by incident. */
  async removalsOf(manager: EntityManager, incidentIds: string[]): Promise<Map<string, TimelineRemoval>> {
    const rows = await inChunks(incidentIds, (ids) => manager.find(TimelineRemoval, { where: { incidentId: In(ids) } }));
    return new Map(rows.map((row) => [row.incidentId, row]));
  }

  /** The removals recorded, the latest first. */
  async removals(manager: EntityManager, limit: number): Promise<TimelineRemoval[]> {
    return manager.find(TimelineRemoval, { order: { seq: 'DESC' }, take: limit });
  }

  /** Recomputes the removals' chain from its first record and names the first one that does not hold. */
  async verifyRemovals(manager: EntityManager = this.dataSource.manager): Promise<Verification> {
    let position = { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const batch = await manager.find(TimelineRemoval, { where: { seq: MoreThan(position.seq) }, order: { seq: 'ASC' }, take: VERIFY_BATCH });
      if (!batch.length) return { valid: true, events: position.seq, head: position.seq ? position : null };
      const broken = findChainBreak(batch, position);
      if (broken) return { valid: false, events: await manager.count(TimelineRemoval), head: await this.removalsHead(manager), brokenAt: broken.seq, brokenEventId: broken.eventId, reason: broken.reason };
      const last = batch[batch.length - 1]!;
      position = { seq: last.seq, hash: last.hash };
    }
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
      const broken = findChainBreak(batch, position) ?? (await this.personalBreak(batch));
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
