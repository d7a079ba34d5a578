import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { actorId, SYSTEM, type Actor } from '../common/roles.js';
import { applyChanges } from '../common/changes.js';
import { mapPage, paginate, type Page } from '../common/pagination.js';
import { newId } from '../database/columns.js';
import { rawTime } from '../database/raw-time.js';
import { likePattern } from '../database/like.js';
import { whereIncidentOrMessagesMatch } from '../database/text-search.js';
import { assertReferences, type Reference } from '../database/references.js';
import { SequenceService } from '../database/sequence.service.js';
import { UnitMemory } from '../database/unit-memory.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { parties } from '../parties/party-reads.js';
import type { TimelineEvents } from '../timeline/timeline-events.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { RemovalPayload, RemovalType, TimelineRemoval } from '../timeline/timeline-removal.entity.js';
import { people } from '../users/people.js';
import { escalation, escalationPath, ESCALATION_LEVEL, OPEN_STATES, type IncidentState } from './escalation.js';
import { IncidentPost } from './incident-post.entity.js';
import { Incident } from './incident.entity.js';
import {
  IncidentDetailView,
  IncidentView,
  type StateChangeView,
  type CreateIncidentDto,
  type LegalHoldDto,
  type ListIncidentsQuery,
  type TransitionDto,
  type UpdateIncidentDto,
} from './incident.dto.js';
import { OpenItemsRegistry } from './open-items.registry.js';
import { PrescriptionsRegistry } from './prescriptions.registry.js';
import { IncidentRemovals } from './removals.registry.js';
import { SuggestionsRegistry } from './suggestions.registry.js';
import { badRequest, fieldProblem, notFound, refusal } from '../common/problem.js';

/** Posts sit above incidents (their checks remind the owners of the incidents they figure in): incidents name their table, never import them. */
const POSTS_TABLE = 'posts';

@Injectable()
export class IncidentsService {
  /** SQLite: the incidents units of work read for the writes of messages, each caller its own copy. */
  private readonly remembered: UnitMemory<Incident>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly sequences: SequenceService,
    private readonly timeline: TimelineService,
    private readonly openItems: OpenItemsRegistry,
    private readonly suggestions: SuggestionsRegistry,
    private readonly prescriptions: PrescriptionsRegistry,
    private readonly removals: IncidentRemovals,
  ) {
    this.remembered = new UnitMemory<Incident>({ table: { name: 'incidents', writes: transactions }, copy: structuredClone });
  }

  async create(actor: Actor, dto: CreateIncidentDto): Promise<IncidentView> {
    return this.transactions.run((tx) => this.createIn(tx, actor, dto));
  }

  /** Opens an incident inside the caller's transaction (a case opened with a new counterpart and post). */
  async createIn(tx: Tx, actor: Actor, dto: CreateIncidentDto): Promise<IncidentView> {
    const ownerId = dto.ownerId ?? (actor.kind === 'user' ? actor.id : null);
    const postIds = dto.postIds ?? [];
    await this.assertIncidentReferences(tx.manager, { ...dto, ownerId, postIds });
    const now = new Date();
    const openedAt = dto.openedAt ?? now;
    const ref = await this.sequences.nextRef(tx, 'INC');
    const incident = tx.manager.create(Incident, {
      id: newId(),
      ref,
      title: dto.title,
      summary: dto.summary ?? null,
      severity: dto.severity,
      state: 'reported',
      ownerId,
      backupOwnerId: dto.backupOwnerId ?? null,
      counterpartId: dto.counterpartId ?? null,
      tags: dto.tags ?? [],
      legalHold: { on: false, reason: null, by: null, at: null },
      openedAt,
      stateChangedAt: openedAt,
      resolvedAt: null,
      closedAt: null,
      resolution: null,
      createdBy: actorId(actor),
      version: 1,
      updatedAt: now,
    });
    await tx.manager.insert(Incident, incident);
    if (postIds.length) await tx.manager.insert(IncidentPost, postIds.map((postId) => ({ incidentId: incident.id, postId })));
    await this.timeline.append(tx, incident.id, actor, 'incident.created', {
      ref,
      title: incident.title,
      severity: incident.severity,
      state: incident.state,
      ownerId,
      postIds,
    });
    return IncidentView.of(incident, postIds);
  }

  async list(query: ListIncidentsQuery): Promise<Page<IncidentView>> {
    const qb = filtered(this.dataSource.getRepository(Incident).createQueryBuilder('i'), { ...query, states: query.state ? [query.state] : [] });
    const page = await paginate(qb, query, [
      { column: 'i.openedAt', key: 'openedAt', order: 'DESC' },
      { column: 'i.id', key: 'id', order: 'DESC' },
    ]);
    const postIds = await this.postIdsOf(this.dataSource.manager, page.items.map((incident) => incident.id));
    return mapPage(page, (incident) => IncidentView.of(incident, postIds.get(incident.id) ?? []));
  }

  /**
   * The desk's list: the incidents the filters keep, the most recently active
   * first (by their last timeline event, whatever the state), at most `limit`,
   * each with its open items counted (one query per kind of item, not per
   * incident).
   */
  async listForDesk(filters: DeskListFilters, limit: number): Promise<DeskListRow[]> {
    const activity = `(SELECT MAX(e.at) FROM timeline_events e WHERE e.incident_id = i.id)`;
    // Ranked and dated by the same subquery: the list shows the activity it was sorted by.
    const ranked: Array<{ id: string; activity: string | Date | null }> = await filtered(this.dataSource.getRepository(Incident).createQueryBuilder('i'), filters)
      .select('i.id', 'id')
      .addSelect(activity, 'activity')
      .orderBy(activity, 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit)
      .getRawMany();
    const ids = ranked.map((row) => row.id);
    if (!ids.length) return [];
    const manager = this.dataSource.manager;
    const lastActivity = new Map(ranked.flatMap((row) => (row.activity ? [[row.id, rawTime(row.activity)] as const] : [])));
    const [incidents, postIds, openCounts] = await Promise.all([manager.findBy(Incident, { id: In(ids) }), this.postIdsOf(manager, ids), this.openItems.countsOf(manager, ids)]);
    const byId = new Map(incidents.map((incident) => [incident.id, incident]));
    return ids.map((id) => {
      const incident = byId.get(id)!;
      return { incident: IncidentView.of(incident, postIds.get(id) ?? []), lastActivity: lastActivity.get(id) ?? incident.updatedAt, openCounts: openCounts.get(id)! };
    });
  }

  /** Each incident's reference (INC-2026-0007), by id, in one query. */
  async refsOf(ids: string[]): Promise<Map<string, string>> {
    return new Map([...(await this.headingsOf(ids))].map(([id, heading]) => [id, heading.ref]));
  }

  /** Each incident's reference and title, as a list names what a row belongs to, in one query. */
  async headingsOf(ids: string[]): Promise<Map<string, { ref: string; title: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.manager.find(Incident, { select: { id: true, ref: true, title: true }, where: { id: In(ids) } });
    return new Map(rows.map((row) => [row.id, { ref: row.ref, title: row.title }]));
  }

  /** The id of the incident known by this reference (INC-2026-0007, any case), or null. */
  async idOfRef(ref: string): Promise<string | null> {
    const row = await this.dataSource.manager.findOne(Incident, { select: { id: true }, where: { ref: ref.toUpperCase() } });
    return row?.id ?? null;
  }

  /** The incident, or 404: every route under /api/incidents/:id starts here. */
  async find(manager: EntityManager, id: string): Promise<Incident> {
    const incident = await manager.findOneBy(Incident, { id });
    if (!incident) throw notFound('incident', id);
    return incident;
  }

  /**
   * The incident inside a unit of work, for reading only (a message's
   * rules): on SQLite, the row this process read last while no statement of
   * its own changed `incidents` and the epoch is the same, each caller its
   * own copy; read otherwise.
   */
  findIn(tx: Tx, id: string): Promise<Incident> {
    return this.remembered.read(tx, id, () => this.find(tx.manager, id));
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Incident, { id });
  }

  async assertExists(id: string): Promise<void> {
    if (!(await this.dataSource.manager.existsBy(Incident, { id }))) throw notFound('incident', id);
  }

  async get(id: string): Promise<IncidentDetailView> {
    const manager = this.dataSource.manager;
    const incident = await this.find(manager, id);
    const postIds = (await this.postIdsOf(manager, [id])).get(id) ?? [];
    return {
      ...IncidentView.of(incident, postIds),
      allowedTransitions: escalation.allowedFrom(incident.state),
      openCounts: await this.openItems.counts(manager, id),
      suggestions: await this.suggestions.list(manager, incident),
      prescriptions: await this.prescriptions.list(manager, id),
    };
  }

  async update(actor: Actor, id: string, dto: UpdateIncidentDto): Promise<IncidentView> {
    return this.transactions.run(async (tx) => {
      const incident = await this.find(tx.manager, id);
      const { version, postIds, ...fields } = dto;
      this.assertVersion(incident, version);
      await this.assertIncidentReferences(tx.manager, { ...fields, postIds });
      const changes = applyChanges(incident, fields);
      let currentPostIds = (await this.postIdsOf(tx.manager, [id])).get(id) ?? [];
      if (postIds && [...postIds].sort().join() !== [...currentPostIds].sort().join()) {
        await tx.manager.delete(IncidentPost, { incidentId: id });
        if (postIds.length) await tx.manager.insert(IncidentPost, postIds.map((postId) => ({ incidentId: id, postId })));
        changes['postIds'] = { from: currentPostIds, to: postIds };
        currentPostIds = postIds;
      }
      if (!Object.keys(changes).length) return IncidentView.of(incident, currentPostIds);
      await this.save(tx, incident);
      await this.timeline.append(tx, id, actor, 'incident.updated', { changes });
      return IncidentView.of(incident, currentPostIds);
    });
  }

  async transition(actor: Actor, id: string, dto: TransitionDto): Promise<IncidentView> {
    return this.transactions.run((tx) => this.transitionIn(tx, actor, id, dto));
  }

  /** Moves the incident inside the caller's transaction (the API, an accepted suggestion). */
  async transitionIn(tx: Tx, actor: Actor, id: string, dto: TransitionDto): Promise<IncidentView> {
    const incident = await this.find(tx.manager, id);
    this.assertVersion(incident, dto.version);
    const closeBlockers = dto.to === 'closed' ? await this.openItems.closeBlockers(tx.manager, id) : [];
    escalation.assertMove(incident.state, dto.to, { ref: incident.ref, resolution: dto.resolution, closeBlockers }, actor.kind === 'user' ? actor.role : undefined);
    if (dto.at) this.assertMoveTime(incident, dto.at);
    await this.move(tx, incident, dto.to, actor, dto.reason, dto.resolution, undefined, dto.at);
    const postIds = (await this.postIdsOf(tx.manager, [id])).get(id) ?? [];
    return IncidentView.of(incident, postIds);
  }

  /**
   * Raises the incident to `target` by the table's own moves, as `system`,
   * with the cause named in each move (a legal notice received, for
   * instance). Does nothing when the incident already stands at or above the
   * target; refuses with 409 when it is closed, which only a person may reopen.
   */
  async escalateBySystem(tx: Tx, incidentId: string, target: IncidentState, reason: string, cause: { type: string; id: string }): Promise<IncidentState[]> {
    const incident = await this.find(tx.manager, incidentId);
    const path = escalationPath(incident.state, target);
    if (!path) {
      throw refusal(HttpStatus.CONFLICT, 'incident.notOpen', `incident ${incident.ref} is ${incident.state}; reopen it before recording this`, {
        values: { ref: incident.ref, state: incident.state },
        words: { state: 'state' },
      });
    }
    for (const to of path) await this.move(tx, incident, to, SYSTEM, reason, undefined, cause);
    return path;
  }

  async setLegalHold(actor: Actor, id: string, dto: LegalHoldDto): Promise<IncidentView> {
    return this.transactions.run(async (tx) => {
      const incident = await this.find(tx.manager, id);
      if (incident.legalHold.on === dto.on) {
        throw refusal(HttpStatus.CONFLICT, 'legalHold.unchanged', `legal hold is already ${dto.on ? 'on' : 'off'}`, { field: 'on', values: { on: String(dto.on) } });
      }
      incident.legalHold = { on: dto.on, reason: dto.reason, by: actorId(actor), at: new Date() };
      await this.save(tx, incident);
      await this.timeline.append(tx, id, actor, 'legal_hold.changed', { on: dto.on, reason: dto.reason });
      const postIds = (await this.postIdsOf(tx.manager, [id])).get(id) ?? [];
      return IncidentView.of(incident, postIds);
    });
  }

  /** Refuses with 409 while the incident is under legal hold: nothing of it may be deleted. */
  assertNotOnHold(incident: Incident, what = 'this incident'): void {
    if (incident.legalHold.on) throw refusal(HttpStatus.CONFLICT, 'incident.onHold', `${incident.ref} is under legal hold: ${what} cannot be deleted`, { values: { ref: incident.ref } });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.removeIn(tx, actor, await this.find(tx.manager, id), 'incident.deleted', null);
    });
  }

  /**
   * Removes the incident and everything under it in the caller's unit of
   * work, refused under legal hold: each feature takes its rows out
   * (@IncidentRemoval), then the incident row goes, then its timeline, whose
   * removal is recorded (its last head, who, why, what went) on the removals'
   * chain that seals cover.
   */
  async removeIn(tx: Tx, actor: Actor, incident: Incident, type: RemovalType, rule: RemovalPayload['rule']): Promise<TimelineRemoval> {
    this.assertNotOnHold(incident);
    if (tx.manager.connection.options.type === 'postgres') await tx.manager.query('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [incident.id]);
    const removed = await this.removals.run(tx, incident.id);
    await tx.manager.delete(IncidentPost, { incidentId: incident.id });
    await tx.manager.delete(Incident, { id: incident.id });
    return this.timeline.removeChainIn(tx, actor, incident.id, type, { ref: incident.ref, rule, removed });
  }

  /** A move logged late happened after the previous one (TransitionDto refuses one in the future). */
  private assertMoveTime(incident: Incident, at: Date): void {
    if (at.getTime() < incident.stateChangedAt.getTime()) {
      const previous = incident.stateChangedAt.toISOString();
      throw badRequest(fieldProblem('at', 'date.beforePreviousMove', `at must not be before the previous move (${previous})`, { previous }, { previous: 'date' }));
    }
  }

  /** The escalation as it happened: every move, in the order it happened, with when it was recorded. */
  async stateHistory(id: string): Promise<StateChangeView[]> {
    const incident = await this.find(this.dataSource.manager, id);
    const events = await this.timeline.ofType(id, ['incident.created', 'state.changed']);
    const history = events.map((event): StateChangeView => {
      const payload = event.payload as Partial<TimelineEvents['state.changed']> & { occurredAt?: string };
      const to = event.type === 'incident.created' ? 'reported' : (payload.to as IncidentState);
      return {
        from: event.type === 'incident.created' ? null : (payload.from as IncidentState),
        to,
        level: ESCALATION_LEVEL[to],
        at: event.type === 'incident.created' ? incident.openedAt.toISOString() : (payload.occurredAt ?? event.at.toISOString()),
        recordedAt: event.at.toISOString(),
        actor: event.actor,
        reason: event.type === 'incident.created' ? 'opened' : (payload.reason ?? ''),
        seq: event.seq,
      };
    });
    return history.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
  }

  private async move(
    tx: Tx,
    incident: Incident,
    to: IncidentState,
    actor: Actor,
    reason: string,
    resolution?: string,
    cause?: { type: string; id: string },
    at?: Date,
  ): Promise<void> {
    const from = incident.state;
    const now = at ?? new Date();
    incident.state = to;
    incident.stateChangedAt = now;
    if (to === 'resolved') {
      incident.resolvedAt = now;
      incident.resolution = resolution ?? incident.resolution;
    }
    if (to === 'closed') incident.closedAt = now;
    if (OPEN_STATES.includes(to) && (from === 'resolved' || from === 'closed')) {
      incident.resolvedAt = null;
      incident.closedAt = null;
    }
    await this.save(tx, incident);
    await this.timeline.append(tx, incident.id, actor, 'state.changed', {
      from,
      to,
      reason,
      ...(resolution ? { resolution } : {}),
      ...(cause ? { cause } : {}),
      ...(at ? { occurredAt: at.toISOString() } : {}),
    });
  }

  /** Writes the row only if nobody changed it since it was read, and adds one to its version. */
  private async save(tx: Tx, incident: Incident): Promise<void> {
    const { id, version, ...fields } = incident;
    incident.updatedAt = new Date();
    const result = await tx.manager.update(Incident, { id, version }, { ...fields, updatedAt: incident.updatedAt, version: version + 1 });
    if (result.affected !== 1) throw stale(incident.ref, `incident ${incident.ref} was changed meanwhile; reload it and try again`);
    incident.version = version + 1;
  }

  private assertVersion(incident: Incident, version: number | undefined): void {
    if (version !== undefined && version !== incident.version) {
      throw stale(incident.ref, `incident ${incident.ref} is at version ${incident.version}, not ${version}; reload it and try again`);
    }
  }

  private async assertIncidentReferences(
    manager: EntityManager,
    refs: { ownerId?: string | null; backupOwnerId?: string | null; counterpartId?: string | null; postIds?: string[] },
  ): Promise<void> {
    await assertReferences(manager, [
      ['ownerId', people, refs.ownerId],
      ['backupOwnerId', people, refs.backupOwnerId],
      ['counterpartId', parties, refs.counterpartId],
      ...(refs.postIds ?? []).map((postId, i): Reference => [`postIds.${i}`, POSTS_TABLE, postId]),
    ]);
  }

  /** The incidents a post figures in (the posts feature appends its changes to their timelines). */
  async incidentIdsOfPost(manager: EntityManager, postId: string): Promise<string[]> {
    return (await manager.find(IncidentPost, { where: { postId } })).map((link) => link.incidentId);
  }

  /** The incidents a post figures in, whole. */
  async ofPost(manager: EntityManager, postId: string): Promise<Incident[]> {
    const ids = await this.incidentIdsOfPost(manager, postId);
    return ids.length ? manager.find(Incident, { where: { id: In(ids) } }) : [];
  }

  async hasPost(manager: EntityManager, incidentId: string, postId: string): Promise<boolean> {
    return manager.existsBy(IncidentPost, { incidentId, postId });
  }

  /** Links a post to the incident unless it is already: whether it was linked now. */
  async linkPostIn(tx: Tx, incidentId: string, postId: string): Promise<boolean> {
    if (await this.hasPost(tx.manager, incidentId, postId)) return false;
    await tx.manager.insert(IncidentPost, { incidentId, postId });
    return true;
  }

  async postIdsOf(manager: EntityManager, incidentIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (!incidentIds.length) return map;
    const links = await manager.find(IncidentPost, { where: { incidentId: In(incidentIds) }, order: { postId: 'ASC' } });
    for (const link of links) map.set(link.incidentId, [...(map.get(link.incidentId) ?? []), link.postId]);
    return map;
  }

  /** The incident's state, or null when it is gone (a job whose incident may have been deleted meanwhile). */
  async stateOf(manager: EntityManager, id: string): Promise<IncidentState | null> {
    return (await manager.findOne(Incident, { select: { id: true, state: true }, where: { id } }))?.state ?? null;
  }
}

const stale = (ref: string, message: string) => refusal(HttpStatus.CONFLICT, 'incident.stale', message, { values: { ref } });

/** What the desk's list filters on: several states at once, and the API list's other filters. */
export interface DeskListFilters {
  states?: readonly IncidentState[];
  severity?: ListIncidentsQuery['severity'];
  ownerId?: string;
  counterpartId?: string;
  postId?: string;
  tag?: string;
  q?: string;
}

/** One line of the desk's list. */
export interface DeskListRow {
  incident: IncidentView;
  /** Its last timeline event. */
  lastActivity: Date;
  /** Its open items by kind (`commentsAwaitingResponse`, `openLegalNotices`…). */
  openCounts: Record<string, number>;
}

/** The list filters, the same for the API and the desk. */
function filtered<Q extends SelectQueryBuilder<Incident>>(qb: Q, query: DeskListFilters): Q {
  if (query.states?.length) qb.andWhere('i.state IN (:...states)', { states: query.states });
  if (query.severity) qb.andWhere('i.severity = :severity', { severity: query.severity });
  if (query.ownerId) qb.andWhere('i.ownerId = :ownerId', { ownerId: query.ownerId });
  if (query.counterpartId) qb.andWhere('i.counterpartId = :counterpartId', { counterpartId: query.counterpartId });
  if (query.postId) qb.andWhere('i.id IN (SELECT ip.incident_id FROM incident_posts ip WHERE ip.post_id = :postId)', { postId: query.postId });
  if (query.tag) qb.andWhere("LOWER(i.tags) LIKE :tag ESCAPE '\\'", { tag: likePattern(JSON.stringify(query.tag)) });
  if (query.q) whereIncidentOrMessagesMatch(qb, 'i.id', query.q);
  return qb;
}
