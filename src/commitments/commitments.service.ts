import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { remindTimeOf } from '../common/day-end.js';
import { actorId, type Actor } from '../common/roles.js';
import { paginate, type Page } from '../common/pagination.js';
import { newId } from '../database/columns.js';
import { whereIn } from '../database/in-list.js';
import { assertReferences } from '../database/references.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { countByIncident, OpenItemCounter, plural } from '../incidents/open-items.registry.js';
import { parties } from '../parties/party-reads.js';
import { PostsService } from '../posts/posts.service.js';
import { CheckAlarms } from '../page-checks/check-alarms.js';
import { AppConfig } from '../config/app-config.js';
import type { ReminderKind } from '../reminders/reminder-kinds.js';
import { noted } from '../reminders/reminder-note.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people } from '../users/people.js';
import { commitmentStatus, COMMITMENT_STATUSES_OWED, isBeingChecked, isVerifiable, VERIFIABLE_KINDS, type CommitmentStatus } from './commitment-status.js';
import { CommitmentView, type CreateCommitmentDto, type ListCommitmentsQuery } from './commitment.dto.js';
import { Commitment, Observation } from './commitment.entity.js';
import './commitment-events.js';
import { badRequest, fieldProblem, notFound, refusal, type Problem } from '../common/problem.js';
import { IncidentRemoval } from '../incidents/removals.registry.js';

/** A mention to remove is a name or a phrase; a reply to publish may run to 200 lines. */
const MAX_MENTION = 500;

/**
 * What is wrong with a due time: before the promise's "not before", or before the promise itself (one logged late may be
 * due in the past, but not before it was made).
 */
function dueProblems(dueAt: Date, promise: { notBefore?: Date | null; promisedAt?: Date | null }): Problem[] {
  return [
    ...(promise.notBefore && dueAt < promise.notBefore ? [fieldProblem('dueAt', 'date.beforeOther', 'dueAt must not be before notBefore', { other: 'notBefore' }, { other: 'field' })] : []),
    ...(promise.promisedAt && dueAt < promise.promisedAt ? [fieldProblem('dueAt', 'date.beforeOther', 'dueAt must not be before promisedAt', { other: 'promisedAt' }, { other: 'field' })] : []),
  ];
}

@Injectable()
export class CommitmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly reminders: RemindersService,
    private readonly alarms: CheckAlarms,
    private readonly config: AppConfig,
    private readonly posts: PostsService,
  ) {}

  /** Its commitments (and their observations) go with a removed incident. */
  @IncidentRemoval({ key: 'commitments', priority: 30 })
  async removeOfIncident(tx: Tx, incidentId: string): Promise<number> {
    const count = await tx.manager.countBy(Commitment, { incidentId });
    await tx.manager.delete(Commitment, { incidentId });
    return count;
  }

  @OpenItemCounter({
    key: 'openCommitments',
    blocksClose: (count) => `${plural(count, 'commitment', 'commitments')} still open (pending, failed, or done but not verified)`,
    priority: 40,
  })
  countOpen(manager: EntityManager, incidentIds: string[]): Promise<Map<string, number>> {
    return countByIncident(
      manager.createQueryBuilder(Commitment, 'c').where(
        new Brackets((open) =>
          open.where(whereIn('c.status', COMMITMENT_STATUSES_OWED)).orWhere(new Brackets((done) => done.where("c.status = 'done'").andWhere(whereIn('c.kind', VERIFIABLE_KINDS)))),
        ),
      ),
      incidentIds,
    );
  }

  /** A promise someone records (the API, the desk): one made now when it says no promisedAt. */
  async create(actor: Actor, incidentId: string, dto: CreateCommitmentDto): Promise<CommitmentView> {
    return this.transactions.run((tx) => this.add(tx, actor, incidentId, dto, { recorded: true }));
  }

  /**
   * Records a commitment inside the caller's transaction (the API, an accepted suggestion, a reply accepted or a
   * decision, whose due time is a deadline that may have passed).
   */
  async add(tx: Tx, actor: Actor, incidentId: string, dto: CreateCommitmentDto, options: { recorded?: boolean } = {}): Promise<CommitmentView> {
    const incident = await this.incidents.find(tx.manager, incidentId);
    const problems: Problem[] = [];
    if (dto.dueAt) problems.push(...dueProblems(dto.dueAt, dto));
    // Recorded with no promisedAt, it is made now, so due now at the earliest (within the minute a typed time cannot
    // say): a due time past is a slip of the date, or a promise made earlier that should say when.
    if (options.recorded && !dto.promisedAt && dto.dueAt && dto.dueAt.getTime() < Date.now() - 60_000) {
      problems.push(fieldProblem('dueAt', 'commitment.dueBeforeNow', 'dueAt is in the past, before the promise recorded as made now: give promisedAt if it was made earlier', { other: 'promisedAt' }, { other: 'field' }));
    }
    if (dto.kind === 'remove_mention' && !dto.mentionText) problems.push(fieldProblem('mentionText', 'commitment.mentionRequired', 'mentionText is required for a remove_mention commitment'));
    if (dto.kind === 'remove_mention' && dto.mentionText && dto.mentionText.length > MAX_MENTION) {
      problems.push(fieldProblem('mentionText', 'commitment.mentionTooLong', `mentionText must be at most ${MAX_MENTION} characters for a remove_mention commitment`, { max: MAX_MENTION }));
    }
    if (dto.kind === 'publish_reply' && !dto.mentionText) problems.push(fieldProblem('mentionText', 'commitment.replyRequired', 'mentionText is required for a publish_reply commitment: the reply to look for on the page'));
    const targetUrl = dto.targetUrl ?? (isVerifiable(dto.kind) ? await this.posts.urlOfOnlyPost(tx.manager, incidentId) : null);
    if (isVerifiable(dto.kind) && !targetUrl) {
      problems.push(fieldProblem('targetUrl', 'commitment.targetRequired', `targetUrl is required for a ${dto.kind} commitment when the incident has no single post`, { kind: dto.kind }, { kind: 'commitmentKind' }));
    }
    if (problems.length) throw badRequest(...problems);
    await assertReferences(tx.manager, [
      ['ownerId', people, dto.ownerId],
      ['promisedToPartyId', parties, dto.promisedToPartyId],
    ]);

    const now = new Date();
    const commitment: Commitment = {
      id: newId(),
      incidentId,
      kind: dto.kind,
      description: dto.description,
      ownerId: dto.ownerId ?? incident.ownerId,
      promisedToPartyId: dto.promisedToPartyId ?? incident.counterpartId,
      promisedAt: dto.promisedAt ?? now,
      notBefore: dto.notBefore ?? null,
      dueAt: dto.dueAt ?? null,
      targetUrl,
      postId: targetUrl ? await this.posts.idByAddress(tx.manager, targetUrl) : null,
      mentionText: dto.mentionText ?? null,
      status: 'pending',
      doneAt: null,
      verifiedAt: null,
      nextCheckAt: null,
      watchUntil: null,
      cancelReason: null,
      createdBy: actorId(actor),
      createdAt: now,
      updatedAt: now,
    };
    await tx.manager.insert(Commitment, commitment);
    await this.timeline.append(tx, incidentId, actor, 'commitment.created', {
      commitmentId: commitment.id,
      kind: commitment.kind,
      description: commitment.description,
      dueAt: commitment.dueAt?.toISOString() ?? null,
      notBefore: commitment.notBefore?.toISOString() ?? null,
      targetUrl,
    });
    // Due at dueAt; with only a "not before", the moment it may be kept is the moment to remind of it.
    await this.scheduleDue(tx, actor, commitment);
    return CommitmentView.of(commitment, [], isVerifiable(commitment.kind));
  }

  async list(query: ListCommitmentsQuery): Promise<Page<CommitmentView>> {
    // The page finds ids and its sort keys only: the commitments themselves are read below, with their checks.
    const qb = this.dataSource.getRepository(Commitment).createQueryBuilder('c').select(['c.id', 'c.createdAt']);
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.incidentId) qb.andWhere('c.incidentId = :incidentId', { incidentId: query.incidentId });
    if (query.ownerId) qb.andWhere('c.ownerId = :ownerId', { ownerId: query.ownerId });
    const page = await paginate(qb, query, [
      { column: 'c.createdAt', key: 'createdAt', order: 'DESC' },
      { column: 'c.id', key: 'id', order: 'DESC' },
    ]);
    // The page's commitments read with their checks, in one statement (withChecks): each view one snapshot, as get()
    // reads it. One the page named and gone since (its incident purged) is left out.
    const ids = page.items.map((item) => item.id);
    const views = new Map((ids.length ? await this.withChecks(this.dataSource.manager, 'c.id IN (:...ids)', { ids }) : []).map((view) => [view.id, view]));
    return { items: ids.flatMap((id) => views.get(id) ?? []), nextCursor: page.nextCursor };
  }

  /** Every commitment of an incident, in the order they were made, with their checks. */
  ofIncident(manager: EntityManager, incidentId: string): Promise<CommitmentView[]> {
    return this.withChecks(manager, 'c.incidentId = :incidentId', { incidentId });
  }

  async get(id: string): Promise<CommitmentView> {
    const [view] = await this.withChecks(this.dataSource.manager, 'c.id = :id', { id });
    if (!view) throw notFound('commitment', id);
    return view;
  }

  /**
   * Commitments with their checks, read in one statement: one snapshot of both. A recheck commits its check and the
   * watch it extends together; read in two statements, a view could hold a check newer than the watch beside it.
   */
  private async withChecks(manager: EntityManager, where: string, parameters: Record<string, unknown>): Promise<CommitmentView[]> {
    const rows = (await manager
      .createQueryBuilder(Commitment, 'c')
      .leftJoinAndMapMany('c.checks', Observation, 'o', 'o.commitmentId = c.id')
      .where(where, parameters)
      .orderBy('c.promisedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .addOrderBy('o.at', 'ASC')
      .getMany()) as Array<Commitment & { checks: Observation[] }>;
    return rows.map(({ checks, ...commitment }) => CommitmentView.of(commitment, checks, isVerifiable(commitment.kind)));
  }

  /** The owner says it is done; a verifiable commitment is then checked on the page at once. */
  async markDone(actor: Actor, id: string, reason?: string): Promise<CommitmentView> {
    return this.transactions.run(async (tx) => {
      const commitment = await this.find(tx.manager, id);
      await this.move(tx, actor, commitment, 'done', reason);
      return this.view(tx.manager, commitment);
    });
  }

  /** Back to pending, for a commitment marked done by mistake: checks stop, and it is reminded when due again. */
  async reopen(actor: Actor, id: string, reason: string): Promise<CommitmentView> {
    return this.transactions.run(async (tx) => {
      const commitment = await this.find(tx.manager, id);
      await this.move(tx, actor, commitment, 'pending', reason);
      return this.view(tx.manager, commitment);
    });
  }

  /**
   * Sets or changes the due time of a pending commitment (one recorded or accepted without it, a date agreed later):
   * its timeline says so, the reminder it had goes, and one is scheduled for the new time.
   */
  async setDue(actor: Actor, id: string, dueAt: Date): Promise<CommitmentView> {
    return this.transactions.run(async (tx) => {
      const commitment = await this.find(tx.manager, id);
      if (commitment.status !== 'pending') {
        throw refusal(HttpStatus.CONFLICT, 'commitment.dueNotPending', `only a pending commitment is given a due time: commitment ${id} is ${commitment.status}`, {
          field: 'dueAt',
          values: { status: commitment.status },
          words: { status: 'commitmentStatus' },
        });
      }
      const problems = dueProblems(dueAt, commitment);
      if (problems.length) throw badRequest(...problems);
      const previous = commitment.dueAt;
      const now = new Date();
      commitment.dueAt = dueAt;
      commitment.updatedAt = now;
      await tx.manager.update(Commitment, { id }, { dueAt, updatedAt: now });
      await this.timeline.append(tx, commitment.incidentId, actor, 'commitment.due_changed', { commitmentId: id, dueAt: dueAt.toISOString(), previous: previous?.toISOString() ?? null });
      await this.reminders.cancelForSubject(tx, { type: 'commitment', id }, 'commitment due time changed', ['commitment_due']);
      await this.scheduleDue(tx, actor, commitment, now);
      return this.view(tx.manager, commitment);
    });
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<CommitmentView> {
    return this.transactions.run(async (tx) => {
      const commitment = await this.find(tx.manager, id);
      commitment.cancelReason = reason;
      await this.move(tx, actor, commitment, 'cancelled', reason);
      return this.view(tx.manager, commitment);
    });
  }

  /**
   * Moves a commitment along its workflow inside the caller's transaction,
   * with its timeline event and what follows from the move: done is checked
   * on the page at once (for the kinds that are checked), a failed check
   * reminds the owner, and the reminders of a kept or cancelled commitment go.
   */
  async move(tx: Tx, actor: Actor, commitment: Commitment, to: CommitmentStatus, reason?: string): Promise<void> {
    const from = commitment.status;
    const now = new Date();
    commitmentStatus.assertMove(from, to, { kind: commitment.kind, notBefore: commitment.notBefore, now });
    const subject = { type: 'commitment' as const, id: commitment.id };
    commitment.status = to;
    commitment.updatedAt = now;
    if (to === 'done') commitment.doneAt = now;
    if (to === 'verified') {
      commitment.verifiedAt = now;
      commitment.watchUntil = new Date(now.getTime() + this.config.recheckForMs);
    }
    if (to === 'done' && isVerifiable(commitment.kind)) {
      commitment.nextCheckAt = now;
      this.alarms.armAfterCommit(tx, { kind: 'commitment', id: commitment.id, at: now });
    }
    if (to === 'verified' || to === 'cancelled' || to === 'pending') commitment.nextCheckAt = null;
    if (to === 'cancelled' || to === 'pending') commitment.watchUntil = null;
    if (to === 'pending') commitment.doneAt = null;
    await tx.manager.save(Commitment, commitment);
    await this.timeline.append(tx, commitment.incidentId, actor, 'commitment.status_changed', { commitmentId: commitment.id, from, to, ...(reason ? { reason } : {}) });

    if (to === 'done' || to === 'verified' || to === 'cancelled' || to === 'pending') {
      const kinds: ReminderKind[] = to === 'done' ? ['commitment_due'] : to === 'pending' ? ['verification_failed'] : ['commitment_due', 'verification_failed'];
      await this.reminders.cancelForSubject(tx, subject, `commitment ${to === 'pending' ? 'reopened' : to}`, kinds);
    }
    if (to === 'pending') await this.scheduleDue(tx, actor, commitment, now);
    if (to === 'verified' && commitment.kind === 'noindex' && commitment.postId) await this.posts.desireNoindexIn(tx, actor, commitment.postId);
    if (to === 'failed_verification') {
      await this.reminders.schedule(tx, {
        kind: 'verification_failed',
        subject,
        incidentId: commitment.incidentId,
        dueAt: now,
        recipientUserIds: commitment.ownerId ? [commitment.ownerId] : undefined,
        ...noted([{ key: 'note.promisedChecked', values: { description: commitment.description, url: commitment.targetUrl ?? '', hasReason: String(Boolean(reason)), reason: reason ?? '' }, words: { reason: 'system' } }]),
      });
    }
  }

  /**
   * The commitment_due reminder of a pending commitment: at dueAt, else
   * notBefore, in that day's morning when due by the day's end (a reply the
   * law gives days for: common/day-end.ts); one already past (on reopening) goes now.
   */
  private async scheduleDue(tx: Tx, actor: Actor, commitment: Commitment, now?: Date): Promise<void> {
    const due = commitment.dueAt ?? commitment.notBefore;
    if (!due) return;
    const at = commitment.dueAt ? remindTimeOf(due, this.config.timeZone) : due;
    await this.reminders.schedule(tx, {
      kind: 'commitment_due',
      subject: { type: 'commitment', id: commitment.id },
      incidentId: commitment.incidentId,
      dueAt: now && at.getTime() < now.getTime() ? now : at,
      owedBy: due,
      recipientUserIds: commitment.ownerId ? [commitment.ownerId] : undefined,
      ...noted([{ key: 'note.promised', values: { description: commitment.description } }]),
      actor,
    });
  }

  /**
   * After a check, when the page is checked next: every intervalMs until it
   * is verified, then every RECHECK_INTERVAL while it is watched (none once
   * the watch is over, or cancelled).
   */
  async scheduleNextCheck(tx: Tx, commitment: Commitment, intervalMs: number): Promise<void> {
    const now = Date.now();
    const watched = commitment.status === 'verified' && commitment.watchUntil && commitment.watchUntil.getTime() > now ? commitment.watchUntil.getTime() : null;
    commitment.nextCheckAt =
      isBeingChecked(commitment.status)
        ? new Date(now + intervalMs)
        : watched
          ? new Date(Math.min(now + this.config.recheckIntervalMs, watched))
          : null;
    await tx.manager.update(Commitment, { id: commitment.id }, { nextCheckAt: commitment.nextCheckAt });
    if (commitment.nextCheckAt) this.alarms.armAfterCommit(tx, { kind: 'commitment', id: commitment.id, at: commitment.nextCheckAt });
  }

  /** A verified reply seen on its page is watched RECHECK_FOR again from now: rechecked for as long as the page stays online. */
  async extendWatchIn(tx: Tx, commitment: Commitment, now: Date): Promise<void> {
    commitment.watchUntil = new Date(now.getTime() + this.config.recheckForMs);
    await tx.manager.update(Commitment, { id: commitment.id }, { watchUntil: commitment.watchUntil });
  }

  async find(manager: EntityManager, id: string): Promise<Commitment> {
    const commitment = await manager.findOneBy(Commitment, { id });
    if (!commitment) throw notFound('commitment', id);
    return commitment;
  }

  private async view(manager: EntityManager, commitment: Commitment): Promise<CommitmentView> {
    const observations = await this.observationsOf(manager, [commitment.id]);
    return CommitmentView.of(commitment, observations.get(commitment.id) ?? [], isVerifiable(commitment.kind));
  }

  private async observationsOf(manager: EntityManager, ids: string[]): Promise<Map<string, Observation[]>> {
    const map = new Map<string, Observation[]>();
    if (!ids.length) return map;
    for (const observation of await manager.find(Observation, { where: { commitmentId: In(ids) }, order: { at: 'ASC' } })) {
      map.set(observation.commitmentId, [...(map.get(observation.commitmentId) ?? []), observation]);
    }
    return map;
  }
}
