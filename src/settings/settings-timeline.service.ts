import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { paginate, type Page, type PageQuery } from '../common/pagination.js';
import { actorId, type Actor } from '../common/roles.js';
import { insertMany } from '../database/bulk-insert.js';
import type { Tx } from '../database/transaction.service.js';
import { UnitMemory } from '../database/unit-memory.js';
import { eventHash, findChainBreak, GENESIS_HASH, nextLink } from '../timeline/timeline-hash.js';
import type { Verification } from '../timeline/timeline.service.js';
import { SettingsEvent } from './settings-event.entity.js';
import type { SettingsEventType, SettingsEvents } from './settings-events.js';

/** The chain's name in what each event's hash covers (where an incident's event names its incident). */
export const SETTINGS_CHAIN = 'settings';
const VERIFY_BATCH = 500;
/** PostgreSQL: one writer of the settings' chain at a time (pg_advisory_xact_lock). */
const SETTINGS_LOCK = 7_366_174;

const hashed = (event: SettingsEvent) => ({ ...event, incidentId: SETTINGS_CHAIN });

/** The one key of the settings' memory. */
const VERSION = 'version';

/**
 * The settings' timeline: every change of a setting (an admin's signal
 * phrase, …) and who made it, hash-chained and append-only, written in the
 * transaction of the change. Its head's seq is the settings' version.
 */
@Injectable()
export class SettingsTimelineService {
  /**
   * SQLite: the version last read or written inside a unit of work, good while
   * the unit of work's epoch is the same (no rollback, no other process's
   * commit since): a comment's analyser asks it at every write.
   */
  private readonly known = new UnitMemory<number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append<T extends SettingsEventType>(tx: Tx, actor: Actor, type: T, payload: SettingsEvents[T]): Promise<SettingsEvent> {
    if (tx.manager.connection.options.type === 'postgres') await tx.manager.query('SELECT pg_advisory_xact_lock($1)', [SETTINGS_LOCK]);
    const last = await this.head(tx.manager);
    const fields = nextLink(last, actorId(actor), type, payload);
    const event: SettingsEvent = { ...fields, hash: eventHash({ ...fields, incidentId: SETTINGS_CHAIN }) };
    await insertMany(tx.manager, SettingsEvent, [event]);
    this.known.set(tx, VERSION, event.seq);
    return event;
  }

  /** The last event: its seq is the version of the settings. */
  head(manager: EntityManager = this.dataSource.manager): Promise<Pick<SettingsEvent, 'seq' | 'hash'> | null> {
    return manager.findOne(SettingsEvent, { select: { seq: true, hash: true }, where: {}, order: { seq: 'DESC' } });
  }

  async version(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return (await this.head(manager))?.seq ?? 0;
  }

  /** The version inside a unit of work: read once, then remembered on SQLite until its epoch changes (every append sets it). */
  versionIn(tx: Tx): Promise<number> {
    return this.known.read(tx, VERSION, () => this.version(tx.manager));
  }

  list(query: PageQuery & { type?: string }): Promise<Page<SettingsEvent>> {
    const qb = this.dataSource.getRepository(SettingsEvent).createQueryBuilder('e');
    if (query.type) qb.where('e.type = :type', { type: query.type });
    return paginate(qb, query, [{ column: 'e.seq', key: 'seq', order: 'ASC' }]);
  }

  /** The last `limit` events, oldest first. */
  async recent(limit: number): Promise<SettingsEvent[]> {
    return (await this.dataSource.getRepository(SettingsEvent).find({ order: { seq: 'DESC' }, take: limit })).reverse();
  }

  /** Recomputes the chain from its first event and names the first one that does not hold. */
  async verify(): Promise<Verification> {
    const repository = this.dataSource.getRepository(SettingsEvent);
    let position = { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const batch = await repository.find({ where: { seq: MoreThan(position.seq) }, order: { seq: 'ASC' }, take: VERIFY_BATCH });
      if (!batch.length) return { valid: true, events: position.seq, head: position.seq ? position : null };
      const broken = findChainBreak(batch.map(hashed), position);
      if (broken) {
        const last = await this.head();
        return { valid: false, events: await repository.count(), head: last, brokenAt: broken.seq, brokenEventId: broken.eventId, reason: broken.reason };
      }
      const last = batch[batch.length - 1]!;
      position = { seq: last.seq, hash: last.hash };
    }
  }
}
