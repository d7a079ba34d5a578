import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { inChunks } from '../database/in-list.js';
import type { Actor } from '../common/roles.js';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { ERASED } from '../timeline/personal-values.js';
import { TimelineService } from '../timeline/timeline.service.js';
import './party-events.js';
import { PARTY_REFERENCES } from './party-references.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { whereTextMatches } from '../database/text-search.js';
import { PartyView, type CreatePartyDto, type ListPartiesQuery, type MergeView, type UpdatePartyDto } from './party.dto.js';
import { Party } from './party.entity.js';
import { PartyMatcher } from './party-matcher.js';
import { badRequest, fieldProblem, notFound } from '../common/problem.js';
import { missingReference } from '../database/references.js';

@Injectable()
export class PartiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
  ) {}

  async create(dto: CreatePartyDto): Promise<PartyView> {
    return this.transactions.run((tx) => this.createIn(tx, dto));
  }

  /** Records a party inside the caller's transaction (a case opened with a new counterpart). */
  async createIn(tx: Tx, dto: CreatePartyDto): Promise<PartyView> {
    const now = new Date();
    const party = tx.manager.create(Party, {
      organisation: null,
      email: null,
      url: null,
      postalAddress: null,
      notes: null,
      ...dto,
      id: newId(),
      createdAt: now,
      updatedAt: now,
    });
    await tx.manager.insert(Party, party);
    return PartyView.of(party);
  }

  /** Finds or records the parties of an incident's authors inside the caller's transaction (an import), one party per person: see PartyMatcher. */
  async matcherIn(tx: Tx, incidentId: string): Promise<PartyMatcher> {
    return PartyMatcher.forIncident(tx.manager, incidentId);
  }

  /** The parties a desk form picks from, by name: the first `limit`. */
  async picker(limit: number): Promise<PartyView[]> {
    return (await this.dataSource.getRepository(Party).find({ order: { name: 'ASC', id: 'ASC' }, take: limit })).map(PartyView.of);
  }

  async list(query: ListPartiesQuery): Promise<Page<PartyView>> {
    const qb = this.dataSource.getRepository(Party).createQueryBuilder('p');
    if (query.q) whereTextMatches(qb, 'p.id', 'party', query.q);
    const page = await paginate(qb, query, [
      { column: 'p.name', key: 'name', order: 'ASC' },
      { column: 'p.id', key: 'id', order: 'ASC' },
    ]);
    return mapPage(page, PartyView.of);
  }

  /** The names of these parties, by id (those that exist), 500 to a query. */
  async namesOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => manager.find(Party, { select: { id: true, name: true }, where: { id: In(chunk) } }));
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** A party's name, or null when no party has this id. */
  async nameOf(manager: EntityManager, id: string): Promise<string | null> {
    return (await manager.findOne(Party, { select: { name: true }, where: { id } }))?.name ?? null;
  }

  async get(id: string): Promise<PartyView> {
    return PartyView.of(await this.find(id));
  }

  async update(id: string, dto: UpdatePartyDto): Promise<PartyView> {
    return this.transactions.run(async (tx) => {
      const party = await this.find(id, tx.manager);
      Object.assign(party, dto, { updatedAt: new Date() });
      await tx.manager.update(Party, { id }, { ...dto, updatedAt: party.updatedAt });
      return PartyView.of(party);
    });
  }

  /** Merges `mergedId` into `keptId`: one transaction, which {@link mergeIn} describes. */
  async merge(actor: Actor, keptId: string, mergedId: string): Promise<MergeView> {
    return this.transactions.run((tx) => this.mergeIn(tx, actor, keptId, mergedId));
  }

  /**
   * Two parties were one person: every message, notice, commitment and
   * incident naming the merged one names the kept one, which takes the
   * details it lacked (organisation, email, site, address, notes added), and
   * the merged one is gone; each incident concerned records the merge in its
   * timeline, in the caller's transaction.
   */
  async mergeIn(tx: Tx, actor: Actor, keptId: string, mergedId: string): Promise<MergeView> {
    if (keptId === mergedId) throw badRequest(fieldProblem('partyId', 'party.mergeItself', 'partyId must name another party than the one it is merged into'));
    const kept = await this.find(keptId, tx.manager);
    const merged = await tx.manager.findOneBy(Party, { id: mergedId });
    if (!merged) throw badRequest(missingReference('partyId', mergedId));
    const postgres = tx.manager.connection.options.type === 'postgres';
    const [first, second] = postgres ? ['$1', '$2'] : ['?', '?'];
    const incidentIds = new Set<string>();
    for (const { table, column, incident } of PARTY_REFERENCES) {
      const rows: Array<{ incident: string }> = await tx.manager.query(`SELECT DISTINCT ${incident} AS incident FROM ${table} WHERE ${column} = ${first}`, [mergedId]);
      for (const row of rows) incidentIds.add(row.incident);
    }
    // The incidents first, in one order, as every writer of an incident locks them (see reminders/incident-lock.ts).
    if (postgres) for (const id of [...incidentIds].sort()) await tx.manager.query('SELECT id FROM incidents WHERE id = $1 FOR NO KEY UPDATE', [id]);
    for (const { table, column } of PARTY_REFERENCES) await tx.manager.query(`UPDATE ${table} SET ${column} = ${first} WHERE ${column} = ${second}`, [keptId, mergedId]);
    const details = {
      organisation: kept.organisation ?? merged.organisation,
      email: kept.email ?? merged.email,
      url: kept.url ?? merged.url,
      postalAddress: kept.postalAddress ?? merged.postalAddress,
      notes: [kept.notes, merged.notes].filter(Boolean).join('\n\n') || null,
      updatedAt: new Date(),
    };
    await tx.manager.delete(Party, { id: mergedId });
    await tx.manager.update(Party, { id: keptId }, details);
    for (const incidentId of [...incidentIds].sort()) {
      await this.timeline.append(tx, incidentId, actor, 'party.merged', { keptPartyId: keptId, mergedPartyId: mergedId, keptName: kept.name, mergedName: merged.name });
    }
    return { party: PartyView.of({ ...kept, ...details }), merged: PartyView.of(merged), incidentIds: [...incidentIds].sort() };
  }

  /** The party, inside the caller's unit of work (404 when unknown). */
  async viewIn(manager: EntityManager, id: string): Promise<PartyView> {
    return PartyView.of(await this.find(id, manager));
  }

  /** The incidents whose rows name the party (PARTY_REFERENCES), each with the columns that do. */
  async incidentsOf(manager: EntityManager, id: string): Promise<Map<string, string[]>> {
    const postgres = manager.connection.options.type === 'postgres';
    const found = new Map<string, string[]>();
    for (const { table, column, incident } of PARTY_REFERENCES) {
      const rows: Array<{ incident: string }> = await manager.query(`SELECT DISTINCT ${incident} AS incident FROM ${table} WHERE ${column} = ${postgres ? '$1' : '?'}`, [id]);
      for (const row of rows) found.set(row.incident, [...(found.get(row.incident) ?? []), `${table}.${column}`]);
    }
    return found;
  }

  /**
   * Replaces the party's personal data with a tombstone in the caller's unit
   * of work: name `[erased]`, every detail gone; the row stays, so what named
   * it still does. The search index follows by its triggers.
   */
  async eraseIn(tx: Tx, id: string): Promise<void> {
    const now = new Date();
    await tx.manager.update(Party, { id }, { name: ERASED, organisation: null, email: null, url: null, postalAddress: null, notes: null, erasedAt: now, updatedAt: now });
  }

  private async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<Party> {
    const party = await manager.findOneBy(Party, { id });
    if (!party) throw notFound('party', id);
    return party;
  }
}
