import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { actorId, canSeePrivileged, SYSTEM, type Actor } from '../common/roles.js';
import { applyChanges, type Changes } from '../common/changes.js';
import { mapPage, paginate, type Page, type SortKey } from '../common/pagination.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { whereIn } from '../database/in-list.js';
import { assertReferences, notInIncident } from '../database/references.js';
import { SequenceService } from '../database/sequence.service.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { UnitMemory } from '../database/unit-memory.js';
import { computeDeadline, type CommentsFact, type Deadline, type NoticeClock, type ValidityWarning } from '../deadlines/deadline-calculator.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import type { IncidentView } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { countByIncident, OpenItemCounter, plural } from '../incidents/open-items.registry.js';
import { PartiesService } from '../parties/parties.service.js';
import type { PartyView } from '../parties/party.dto.js';
import { commentReads } from '../comments/comment-reads.js';
import { parties as partyReads } from '../parties/party-reads.js';
import { PostsService } from '../posts/posts.service.js';
import { latestPublication } from '../posts/post.types.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people } from '../users/people.js';
import {
  LegalNoticeView,
  OPEN,
  type CreateLegalNoticeDto,
  type ListLegalNoticesQuery,
  type NoticeTransitionDto,
  type RegisteredMailDto,
  type UpdateLegalNoticeDto,
} from './legal-notice.dto.js';
import { LegalNotice, type Demand, type RegisteredMail } from './legal-notice.entity.js';
import './notice-events.js';
import type { DsaNoticeFacts } from './legal-notice.types.js';
import { assigneeRefusal, defaultAssignee } from './notice-assignee.js';
import { noticeStatus, OPEN_NOTICE_STATUSES } from './notice-status.js';
import { NOTICE_PARTY_ROLES, type RecordNoticeDto } from './record-notice.dto.js';
import { badRequest, fieldProblem, notFound, refusal, type Problem } from '../common/problem.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { Translator } from '../i18n/i18n.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import type { AppendedEvent } from '../timeline/timeline-events.js';
import { IncidentRemoval } from '../incidents/removals.registry.js';

/** The fields a notice's deadline and validity warnings are computed from: a change to any of them computes them again. */
const DEADLINE_FIELDS = [
  'type',
  'jurisdiction',
  'receivedAt',
  'receivedVia',
  'sentAt',
  'statedDeadline',
  'contentPublishedAt',
  'requestedReply',
  'commentId',
  'registeredMail.sentAt',
  'registeredMail.acknowledgedAt',
];

/** What a notice reads of its incident. */
type NoticeIncident = Pick<IncidentView, 'id' | 'ref' | 'title' | 'state' | 'ownerId' | 'backupOwnerId'>;

/** A notice with what its page names: its incident and its parties. */
export interface NoticeFolder {
  notice: LegalNoticeView;
  incident: Pick<NoticeIncident, 'id' | 'ref' | 'title' | 'state'>;
  parties: PartyView[];
  /** The content's date the notice's clock reads when it gives none (latestPublication), else null. */
  postPublishedAt: string | null;
}

@Injectable()
export class LegalNoticesService {
  /** Calls adding comments together whose notices were read again. */
  private readonly refreshedTogether = new WeakSet<object>();
  /**
   * SQLite: incidents read without an open notice inside a unit of work, with
   * the epoch that reading holds for (no rollback, no other process's commit
   * since): every inbound message asks it. Each write of a notice here
   * forgets its incident.
   */
  private readonly withoutOpenNotices = new UnitMemory<true>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly sequences: SequenceService,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly deadlineRules: DeadlineRulesService,
    private readonly config: AppConfig,
    private readonly parties: PartiesService,
    private readonly posts: PostsService,
    private readonly commitments: CommitmentsService,
  ) {}

  /**
   * The notices of a removed incident, counted: evidence may link to them,
   * and evidence goes only once the incident row is gone, so they go with it
   * (ON DELETE CASCADE), their decisions with them.
   */
  @IncidentRemoval({ key: 'legalNotices', priority: 80 })
  async removeOfIncident(tx: Tx, incidentId: string): Promise<number> {
    return tx.manager.countBy(LegalNotice, { incidentId });
  }

  @OpenItemCounter({ key: 'openLegalNotices', blocksClose: (count) => `${plural(count, 'legal notice', 'legal notices')} open`, priority: 30 })
  countOpen(manager: EntityManager, incidentIds: string[]): Promise<Map<string, number>> {
    return countByIncident(manager.createQueryBuilder(LegalNotice, 'n').where(whereIn('n.status', OPEN_NOTICE_STATUSES)), incidentIds);
  }

  /**
   * Records a notice with its computed deadline, and the new parties it
   * names (a counsel seen for the first time) in the same unit of work; a
   * received one raises the incident to legal_threat (a court summons to
   * formal_dispute) as a move by system, in the same transaction.
   */
  async create(actor: Actor, incidentId: string, dto: RecordNoticeDto): Promise<LegalNoticeView> {
    const { senderParty, onBehalfOfParty, counselParty, ...notice } = dto;
    const fresh = { sender: senderParty, onBehalfOf: onBehalfOfParty, counsel: counselParty };
    const twice = NOTICE_PARTY_ROLES.filter((role) => fresh[role] && notice[`${role}PartyId`]);
    if (twice.length) {
      throw badRequest(...twice.map((role) => fieldProblem(`${role}PartyId`, 'notice.partyTwice', `${role}PartyId and ${role}Party name two parties; give one`)));
    }
    return this.transactions.run(async (tx) => {
      for (const role of NOTICE_PARTY_ROLES) {
        const party = fresh[role];
        if (party) notice[`${role}PartyId`] = (await this.parties.createIn(tx, party)).id;
      }
      return this.record(tx, actor, incidentId, notice);
    });
  }

  /** Records a notice inside the caller's transaction (the API, an accepted suggestion, the public notice form with its DSA facts). */
  async record(tx: Tx, actor: Actor, incidentId: string, dto: CreateLegalNoticeDto, facts: { dsaNotice?: DsaNoticeFacts } = {}): Promise<LegalNoticeView> {
    const incident = await this.incidents.find(tx.manager, incidentId);
    const now = new Date();
    const notice: LegalNotice = {
      id: newId(),
      ref: '',
      incidentId,
      type: dto.type,
      direction: dto.direction ?? 'received',
      senderPartyId: dto.senderPartyId ?? null,
      onBehalfOfPartyId: dto.onBehalfOfPartyId ?? null,
      counselPartyId: dto.counselPartyId ?? null,
      receivedVia: dto.receivedVia ?? null,
      registeredMail: registeredMailOf(dto.registeredMail),
      sentAt: dto.sentAt ?? null,
      receivedAt: dto.receivedAt ?? null,
      jurisdiction: dto.jurisdiction,
      legalBasis: dto.legalBasis ?? null,
      summary: dto.summary ?? null,
      requestedReply: dto.requestedReply ?? null,
      demands: demandsOf(dto.demands ?? []),
      commentId: dto.commentId ?? null,
      statedDeadline: dto.statedDeadline ?? null,
      contentPublishedAt: dto.contentPublishedAt ?? null,
      status: 'received',
      statusChangedAt: now,
      respondBy: null,
      respondByManual: false,
      deadlineBasis: null,
      deadlineBasisFacts: null,
      validity: [],
      actionTaken: dto.actionTaken ?? 'none',
      privilegedNotes: dto.privilegedNotes ?? null,
      dsaNotice: facts.dsaNotice ?? null,
      assigneeId: dto.assigneeId ?? (await this.defaultAssignee(tx.manager, actor, incident)),
      createdBy: actorId(actor),
      createdAt: now,
      updatedAt: now,
    };
    await this.assertCoherent(tx.manager, incident, notice);
    if (dto.assigneeId) await this.assertAssignee(tx.manager, dto.assigneeId);
    notice.ref = await this.sequences.nextRef(tx, 'LN');
    Object.assign(notice, await this.deadlineOf(tx.manager, notice));
    this.withoutOpenNotices.forget(incidentId);
    await tx.manager.insert(LegalNotice, notice);
    await this.timeline.append(tx, incidentId, actor, 'notice.recorded', {
      noticeId: notice.id,
      ref: notice.ref,
      type: notice.type,
      direction: notice.direction,
      status: notice.status,
      respondBy: notice.respondBy?.toISOString() ?? null,
      deadlineBasis: notice.deadlineBasis,
      assigneeId: notice.assigneeId,
    });
    await this.escalate(tx, notice);
    return LegalNoticeView.of(notice, canSeePrivileged(actor));
  }

  /** The nearest deadline of each incident's open notices, by incident id (none for an incident without one), in one query. */
  async nearestDeadlinesOf(incidentIds: string[]): Promise<Map<string, Date>> {
    if (!incidentIds.length) return new Map();
    const dated = await this.dataSource
      .getRepository(LegalNotice)
      .createQueryBuilder('n')
      .select(['n.id', 'n.incidentId', 'n.respondBy'])
      .where('n.incidentId IN (:...incidentIds)', { incidentIds })
      .andWhere(whereIn('n.status', OPEN_NOTICE_STATUSES))
      .andWhere('n.respondBy IS NOT NULL')
      .orderBy('n.respondBy', 'ASC')
      .getMany();
    const nearest = new Map<string, Date>();
    for (const notice of dated) if (!nearest.has(notice.incidentId)) nearest.set(notice.incidentId, notice.respondBy!);
    return nearest;
  }

  async list(actor: Actor, query: ListLegalNoticesQuery): Promise<Page<LegalNoticeView>> {
    const qb = this.dataSource.getRepository(LegalNotice).createQueryBuilder('n');
    if (query.status === OPEN) qb.andWhere(whereIn('n.status', OPEN_NOTICE_STATUSES));
    else if (query.status) qb.andWhere('n.status = :status', { status: query.status });
    if (query.incidentId) qb.andWhere('n.incidentId = :incidentId', { incidentId: query.incidentId });
    if (query.assigneeId) qb.andWhere('n.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
    if (query.dueBefore) qb.andWhere('n.respondBy <= :dueBefore', { dueBefore: query.dueBefore });
    const order: SortKey[] = query.dueBefore
      ? [
          { column: 'n.respondBy', key: 'respondBy', order: 'ASC' },
          { column: 'n.id', key: 'id', order: 'ASC' },
        ]
      : [
          { column: 'n.createdAt', key: 'createdAt', order: 'DESC' },
          { column: 'n.id', key: 'id', order: 'DESC' },
        ];
    const seesPrivileged = canSeePrivileged(actor);
    return mapPage(await paginate(qb, query, order), (notice) => LegalNoticeView.of(notice, seesPrivileged));
  }

  /** Every notice of an incident, oldest first (the dossier). */
  async ofIncident(manager: EntityManager, incidentId: string): Promise<LegalNotice[]> {
    return manager.find(LegalNotice, { where: { incidentId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(actor: Actor, id: string): Promise<LegalNoticeView> {
    return LegalNoticeView.of(await this.find(this.dataSource.manager, id), canSeePrivileged(actor));
  }

  /** A notice as its page shows it: with its incident (ref, title, state) and the parties it names. */
  async folder(actor: Actor, id: string): Promise<NoticeFolder> {
    const notice = await this.get(actor, id);
    const ids = [notice.senderPartyId, notice.onBehalfOfPartyId, notice.counselPartyId].filter((party): party is string => !!party);
    const [incident, parties] = await Promise.all([
      this.incidents.find(this.dataSource.manager, notice.incidentId),
      partyReads.byName(this.dataSource.manager, ids),
    ]);
    const contentDate = notice.contentPublishedAt ? null : await this.latestPublication(this.dataSource.manager, notice.incidentId);
    return { notice, incident: { id: incident.id, ref: incident.ref, title: incident.title, state: incident.state }, parties, postPublishedAt: contentDate?.toISOString() ?? null };
  }

  /**
   * Changes a notice's fields. A change of a date the deadline counts from
   * computes it again, unless it was set by hand; setting respondBy by hand
   * needs a reason. Each lands in the timeline; privileged notes only as
   * "changed". A new assignee is its own event (the reminder engine moves
   * the pending deadline reminders to them).
   */
  async update(actor: Actor, id: string, dto: UpdateLegalNoticeDto): Promise<LegalNoticeView> {
    const { respondBy, respondByReason, privilegedNotes, registeredMail, demands, assigneeId, ...fields } = dto;
    if (respondBy !== undefined && !respondByReason) throw badRequest(fieldProblem('respondByReason', 'notice.reasonRequired', 'respondByReason is required to set respondBy by hand'));
    if (respondByReason && respondBy === undefined) throw badRequest(fieldProblem('respondByReason', 'notice.reasonWithoutDate', 'respondByReason goes with respondBy'));
    return this.transactions.run(async (tx) => {
      const notice = await this.find(tx.manager, id);
      const incident = await this.incidents.find(tx.manager, notice.incidentId);
      const changes: Changes = applyChanges(notice, { ...fields, ...(demands ? { demands: demandsOf(demands) } : {}) });
      if (registeredMail !== undefined) {
        for (const [field, change] of Object.entries(applyChanges(notice.registeredMail, registeredMail ?? registeredMailOf()))) {
          changes[`registeredMail.${field}`] = change;
        }
      }
      await this.assertCoherent(tx.manager, incident, notice);
      const privilegedNotesChanged = privilegedNotes !== undefined && privilegedNotes !== notice.privilegedNotes;
      if (privilegedNotesChanged) notice.privilegedNotes = privilegedNotes;

      let deadline: { to: Date | null; reason: string; byHand?: true } | null = null;
      if (respondBy !== undefined) {
        notice.respondByManual = true;
        notice.deadlineBasis = `set by hand: ${respondByReason}`;
        notice.deadlineBasisFacts = { kind: 'manual', reason: respondByReason! };
        deadline = { to: respondBy, reason: respondByReason!, byHand: true };
      }
      const clockChanged = DEADLINE_FIELDS.filter((field) => field in changes);
      if (clockChanged.length) {
        const { respondBy: computed, deadlineBasisFacts, ...basis } = await this.deadlineOf(tx.manager, notice);
        Object.assign(changes, applyChanges(notice, notice.respondByManual ? { validity: basis.validity } : basis));
        // The basis's facts follow its sentence, whose change the timeline already says.
        if (!notice.respondByManual) notice.deadlineBasisFacts = deadlineBasisFacts;
        if (!notice.respondByManual) deadline = { to: computed, reason: `computed again after a change of ${clockChanged.join(', ')}` };
      }

      const fieldsChanged = Object.keys(changes).length > 0 || privilegedNotesChanged;
      const reassigned = assigneeId !== undefined && assigneeId !== notice.assigneeId;
      if (reassigned) await this.assertAssignee(tx.manager, assigneeId);
      if (!fieldsChanged && !deadline && !reassigned) return LegalNoticeView.of(notice, canSeePrivileged(actor));
      if (fieldsChanged) {
        await this.timeline.append(tx, notice.incidentId, actor, 'notice.updated', {
          noticeId: id,
          changes,
          ...(privilegedNotesChanged ? { privilegedNotesChanged: true as const } : {}),
        });
      }
      if (deadline) await this.changeDeadline(tx, actor, notice, deadline.to, deadline.reason, deadline.byHand);
      if (reassigned) {
        await this.timeline.append(tx, notice.incidentId, actor, 'notice.assigned', { noticeId: id, from: notice.assigneeId, to: assigneeId });
        notice.assigneeId = assigneeId;
      }
      if (changes['type']) await this.escalate(tx, notice);
      notice.updatedAt = new Date();
      this.withoutOpenNotices.forget(notice.incidentId);
      await tx.manager.save(LegalNotice, notice);
      return LegalNoticeView.of(notice, canSeePrivileged(actor));
    });
  }

  async transition(actor: Actor, id: string, dto: NoticeTransitionDto): Promise<LegalNoticeView> {
    return this.transactions.run(async (tx) => {
      const notice = await this.find(tx.manager, id);
      noticeStatus.assertMove(notice.status, dto.to, notice, actor.kind === 'user' ? actor.role : undefined);
      const from = notice.status;
      notice.status = dto.to;
      notice.statusChangedAt = notice.updatedAt = new Date();
      this.withoutOpenNotices.forget(notice.incidentId);
      await tx.manager.update(LegalNotice, { id }, { status: notice.status, statusChangedAt: notice.statusChangedAt, updatedAt: notice.updatedAt });
      await this.timeline.append(tx, notice.incidentId, actor, 'notice.status_changed', { noticeId: id, from, to: dto.to, reason: dto.reason });
      if (dto.to === 'complied' && notice.type === 'right_of_reply' && notice.direction === 'received' && notice.requestedReply?.trim()) await this.promiseReply(tx, actor, notice);
      return LegalNoticeView.of(notice, canSeePrivileged(actor));
    });
  }

  /**
   * A right of reply complied with is a reply to publish: a publish_reply
   * commitment, checked on the content's page (the post of the notice's
   * comment, else the incident's only post) for the reply's whole text, due
   * when the rule's deadline ends (the FR rule: 3 days from receipt, LCEN
   * art. 6-IV), promised to the requester, owned by the notice's assignee.
   */
  private async promiseReply(tx: Tx, actor: Actor, notice: LegalNotice): Promise<void> {
    const { postId } = await this.replyFacts(tx.manager, notice);
    const post = postId ? await this.posts.commentsOf(tx.manager, postId) : null;
    if (!post) {
      throw refusal(HttpStatus.CONFLICT, 'notice.replyPageUnknown', `the page where the reply of ${notice.ref} is to be published is not known: link the notice to the comment it is about, or keep a single post on the incident`, {
        values: { ref: notice.ref },
      });
    }
    const byRule = computeDeadline(await this.deadlineRules.all(tx.manager), await this.clockOf(tx.manager, notice), this.config.timeZone).respondBy;
    await this.commitments.add(tx, actor, notice.incidentId, {
      kind: 'publish_reply',
      description: new Translator(this.config.language, this.config.timeZone).t('reply.commitmentDescription', { ref: notice.ref }),
      dueAt: byRule ?? notice.respondBy ?? undefined,
      targetUrl: post.url,
      mentionText: notice.requestedReply!.trim(),
      promisedToPartyId: notice.onBehalfOfPartyId ?? notice.senderPartyId ?? undefined,
      ownerId: notice.assigneeId ?? undefined,
    });
  }

  /**
   * The facts the right-of-reply warnings read beyond the notice changed: a
   * post's comment status (an import, the watch, a person), a message from
   * them added under it, a message's words edited. The incident's open
   * notices get their warnings computed again, by system, in the same unit of
   * work; a change lands in the timeline as notice.updated. (A message hidden
   * or deleted is not followed: its event comes before its row changes; the
   * next change of the notice or its facts counts it.)
   */
  @OnTimelineEvent({ type: 'post.updated' })
  async onPostUpdated(tx: Tx, { incidentId, payload }: AppendedEvent<'post.updated'>): Promise<void> {
    if ('commentsOpen' in payload.changes) await this.refreshValidity(tx, incidentId);
  }

  /** Comments added together (an import's batch) are all written before their first event: their notices are read again once. */
  @OnTimelineEvent({ type: 'comment.added', priority: 30 })
  async onCommentAdded(tx: Tx, { incidentId, payload, context }: AppendedEvent<'comment.added'>): Promise<void> {
    if (payload.direction !== 'inbound') return;
    const together = context.addedWith;
    if (together) {
      if (this.refreshedTogether.has(together)) return;
      this.refreshedTogether.add(together);
    }
    await this.refreshValidity(tx, incidentId);
  }

  /** The edit's event comes before the new words are saved: they are read from the event. */
  @OnTimelineEvent({ type: 'comment.edited' })
  async onCommentEdited(tx: Tx, { incidentId, payload }: AppendedEvent<'comment.edited'>): Promise<void> {
    await this.refreshValidity(tx, incidentId, { id: payload.commentId, body: payload.body });
  }

  private async refreshValidity(tx: Tx, incidentId: string, edited?: { id: string; body: string }): Promise<void> {
    if (this.withoutOpenNotices.get(tx, incidentId)) return;
    const notices = await tx.manager.find(LegalNotice, { where: { incidentId, status: In([...OPEN_NOTICE_STATUSES]) } });
    if (!notices.length) {
      this.withoutOpenNotices.set(tx, incidentId, true);
      return;
    }
    const rules = await this.deadlineRules.all(tx.manager);
    for (const notice of notices) {
      const { validity } = computeDeadline(rules, await this.clockOf(tx.manager, notice, edited), this.config.timeZone);
      const changes = applyChanges(notice, { validity });
      if (!Object.keys(changes).length) continue;
      notice.updatedAt = new Date();
      await tx.manager.update(LegalNotice, { id: notice.id }, { validity, updatedAt: notice.updatedAt });
      await this.timeline.append(tx, incidentId, SYSTEM, 'notice.updated', { noticeId: notice.id, changes });
    }
  }

  async find(manager: EntityManager, id: string): Promise<LegalNotice> {
    const notice = await manager.findOneBy(LegalNotice, { id });
    if (!notice) throw notFound('legal_notice', id);
    return notice;
  }

  /** Sets respondBy and tells the timeline (the reminder engine moves its reminders on it); nothing when it is unchanged and not set by hand. */
  private async changeDeadline(tx: Tx, actor: Actor, notice: LegalNotice, to: Date | null, reason: string, byHand?: boolean): Promise<void> {
    const from = notice.respondBy;
    if (!byHand && from?.getTime() === to?.getTime()) return;
    notice.respondBy = to;
    await this.timeline.append(tx, notice.incidentId, actor, 'notice.deadline_changed', {
      noticeId: notice.id,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      reason,
    });
  }

  private async escalate(tx: Tx, notice: LegalNotice): Promise<void> {
    if (notice.direction !== 'received') return;
    await this.incidents.escalateBySystem(
      tx,
      notice.incidentId,
      notice.type === 'court_summons' ? 'formal_dispute' : 'legal_threat',
      `legal notice ${notice.ref} (${notice.type}) received`,
      { type: 'legal_notice', id: notice.id },
    );
  }

  private async deadlineOf(manager: EntityManager, notice: LegalNotice): Promise<Deadline> {
    return computeDeadline(await this.deadlineRules.all(manager), await this.clockOf(manager, notice), this.config.timeZone);
  }

  /** What of a notice and its content its deadline and validity warnings are computed from. */
  private async clockOf(manager: EntityManager, notice: LegalNotice, edited?: { id: string; body: string }): Promise<NoticeClock> {
    const { postId: _postId, ...facts } = await this.replyFacts(manager, notice, edited);
    return {
      type: notice.type,
      jurisdiction: notice.jurisdiction,
      receivedAt: notice.receivedAt,
      acknowledgedAt: notice.registeredMail.acknowledgedAt,
      sentAt: notice.sentAt ?? notice.registeredMail.sentAt,
      statedDeadline: notice.statedDeadline,
      publishedAt: notice.contentPublishedAt ?? (await this.latestPublication(manager, notice.incidentId)),
      receivedVia: notice.receivedVia,
      requestedReply: notice.requestedReply,
      ...facts,
    };
  }

  /**
   * What the right-of-reply checks read beyond the notice: whether people
   * could comment where the content is, and the text of the message the
   * reply answers. The notice's comment is that message, unless the request
   * itself came as a comment: then it answers the comment it replies to
   * (none known at the top of a thread: the post, whose text Calumet does
   * not keep). The content's post is the comment's, else the incident's only
   * post.
   */
  private async replyFacts(
    manager: EntityManager,
    notice: Pick<LegalNotice, 'incidentId' | 'commentId' | 'receivedVia'>,
    edited?: { id: string; body: string },
  ): Promise<Pick<NoticeClock, 'commentsOpen' | 'originalText'> & { postId: string | null }> {
    const comment = notice.commentId ? await commentReads.placeOf(manager, notice.commentId) : null;
    const answered = comment && notice.receivedVia === 'comment' ? (comment.parentId ? await commentReads.placeOf(manager, comment.parentId) : null) : comment;
    const postId = comment?.postId ?? (await this.posts.onlyPostIdOf(manager, notice.incidentId));
    const originalText = answered && answered.id === edited?.id ? edited.body : (answered?.body ?? null);
    return { commentsOpen: postId ? await this.commentsFact(manager, postId) : null, originalText, postId };
  }

  /** The post's comment status when known, else whether others commented on it (docs/legal.md, comments were open). */
  private async commentsFact(manager: EntityManager, postId: string): Promise<CommentsFact> {
    const post = await this.posts.commentsOf(manager, postId);
    if (!post) return null;
    if (post.commentsOpen !== null) return post.commentsOpen ? 'open' : 'closed';
    return (await commentReads.othersCommentedOn(manager, postId)) ? 'others_commented' : null;
  }

  /** The validity warnings a received notice would get, recorded as drafted (a suggested notice shows them before anyone records it). */
  async draftValidity(
    manager: EntityManager,
    incidentId: string,
    draft: { type: string; jurisdiction?: string; receivedAt?: string; receivedVia?: string; contentPublishedAt?: string; requestedReply?: string },
  ): Promise<ValidityWarning[]> {
    if (!draft.jurisdiction) return [];
    return this.validityOf(draft, await this.draftFacts(manager, incidentId));
  }

  /**
   * The warnings of many drafts of one incident (its suggestions): what they
   * share (its posts' dates, whether comments were open, the rules) read once,
   * not once a draft.
   */
  async draftValidities(manager: EntityManager, incidentId: string, drafts: Array<Parameters<LegalNoticesService['draftValidity']>[2]>): Promise<ValidityWarning[][]> {
    if (!drafts.some((draft) => draft.jurisdiction)) return drafts.map(() => []);
    const facts = await this.draftFacts(manager, incidentId);
    return drafts.map((draft) => (draft.jurisdiction ? this.validityOf(draft, facts) : []));
  }

  /** What a draft's deadline reads of its incident. */
  private async draftFacts(manager: EntityManager, incidentId: string): Promise<DraftFacts> {
    return { publishedAt: await this.latestPublication(manager, incidentId), commentsOpen: await this.commentsFactOfOnlyPost(manager, incidentId), rules: await this.deadlineRules.all(manager) };
  }

  private validityOf(draft: Parameters<LegalNoticesService['draftValidity']>[2], facts: DraftFacts): ValidityWarning[] {
    const date = (value: string | undefined) => (value ? new Date(value) : null);
    const clock = {
      type: draft.type,
      jurisdiction: draft.jurisdiction!,
      receivedAt: date(draft.receivedAt),
      acknowledgedAt: null,
      sentAt: null,
      statedDeadline: null,
      publishedAt: date(draft.contentPublishedAt) ?? facts.publishedAt,
      receivedVia: draft.receivedVia ?? null,
      requestedReply: draft.requestedReply ?? null,
      commentsOpen: facts.commentsOpen,
    };
    return computeDeadline(facts.rules, clock, this.config.timeZone).validity;
  }

  private async commentsFactOfOnlyPost(manager: EntityManager, incidentId: string): Promise<CommentsFact> {
    const postId = await this.posts.onlyPostIdOf(manager, incidentId);
    return postId ? this.commentsFact(manager, postId) : null;
  }

  /** The newest publication date among the incident's posts: the lenient reading, so an out-of-time warning is never a false alarm. */
  private async latestPublication(manager: EntityManager, incidentId: string): Promise<Date | null> {
    return latestPublication(await this.posts.publicationsOf(manager, incidentId));
  }

  private async defaultAssignee(manager: EntityManager, actor: Actor, incident: NoticeIncident): Promise<string | null> {
    const ids = [actorId(actor), incident.backupOwnerId, incident.ownerId].filter((id): id is string => Boolean(id));
    const users = await people.byIds(manager, ids);
    const candidate = (id: string | null) => users.find((user) => user.id === id) ?? null;
    return defaultAssignee(candidate(actorId(actor)), candidate(incident.backupOwnerId), candidate(incident.ownerId));
  }

  private async assertAssignee(manager: EntityManager, id: string): Promise<void> {
    const refusal = assigneeRefusal(id, await people.one(manager, id));
    if (refusal) throw badRequest(refusal);
  }

  private async assertCoherent(manager: EntityManager, incident: NoticeIncident, notice: LegalNotice): Promise<void> {
    const problems: Problem[] = [];
    for (const field of ['receivedAt', 'receivedVia'] as const) {
      if (notice.direction === 'received' && !notice[field]) problems.push(fieldProblem(field, 'notice.requiredWhenReceived', `${field} is required for a received notice`));
    }
    const { trackingNumber, sentAt, acknowledgedAt } = notice.registeredMail;
    if ((trackingNumber || sentAt || acknowledgedAt) && notice.receivedVia !== 'registered_mail') {
      problems.push(fieldProblem('registeredMail', 'notice.registeredMailOnly', 'registeredMail applies to receivedVia registered_mail only'));
    }
    if (sentAt && acknowledgedAt && acknowledgedAt.getTime() < sentAt.getTime()) {
      const field = 'registeredMail.acknowledgedAt';
      problems.push(fieldProblem(field, 'notice.acknowledgedBeforeSent', 'registeredMail.acknowledgedAt is before registeredMail.sentAt: a letter is acknowledged after it is sent'));
    }
    if (problems.length) throw badRequest(...problems);
    await assertReferences(manager, [
      ['senderPartyId', partyReads, notice.senderPartyId],
      ['onBehalfOfPartyId', partyReads, notice.onBehalfOfPartyId],
      ['counselPartyId', partyReads, notice.counselPartyId],
    ]);
    if (notice.commentId && !(await commentReads.isOf(manager, notice.commentId, incident.id))) {
      throw badRequest(notInIncident('commentId', 'comment', incident.ref, `commentId refers to no comment of incident ${incident.ref}`));
    }
  }

  /** The types of the notices the incident received, that one left out (a notice's suggestion is done once its type is received). */
  async receivedTypes(manager: EntityManager, incidentId: string, exceptId?: string): Promise<Set<string>> {
    const notices = await manager.find(LegalNotice, { select: { type: true }, where: { incidentId, direction: 'received', ...(exceptId ? { id: Not(exceptId) } : {}) } });
    return new Set(notices.map((notice) => notice.type));
  }
}

const registeredMailOf = (dto?: RegisteredMailDto): RegisteredMail => ({
  trackingNumber: dto?.trackingNumber ?? null,
  sentAt: dto?.sentAt ?? null,
  acknowledgedAt: dto?.acknowledgedAt ?? null,
});

const demandsOf = (demands: Demand[]): Demand[] => demands.map(({ kind, description, targetUrl }) => ({ kind, description, targetUrl: targetUrl ?? null }));

/** What every draft notice of one incident reads of it alike: read once for all its suggestions. */
interface DraftFacts {
  publishedAt: Date | null;
  commentsOpen: CommentsFact;
  rules: Awaited<ReturnType<DeadlineRulesService['all']>>;
}
