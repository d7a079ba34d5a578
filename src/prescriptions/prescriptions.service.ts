import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { applyChanges } from '../common/changes.js';
import { badRequest, fieldProblem, notFound, refusal } from '../common/problem.js';
import { actorId, type Actor } from '../common/roles.js';
import { commentReads } from '../comments/comment-reads.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { prescriptionOf } from '../deadlines/prescription.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { IncidentPrescriptions, type IncidentPrescriptionView } from '../incidents/prescriptions.registry.js';
import { PostsService } from '../posts/posts.service.js';
import { lockIncidents } from '../reminders/incident-lock.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { PrescriptionMark } from './prescription-mark.entity.js';
import { PrescriptionReminders } from './prescription-reminders.js';
import { PrescriptionView, type ListPrescriptionsQuery, type MarkPrescriptionDto, type UnmarkPrescriptionDto, type UpdatePrescriptionDto } from './prescription.dto.js';
import { prescriptionReads } from './prescription-reads.js';
import './prescription-events.js';

/**
 * Marks of messages and posts as allegedly defamatory or insulting, each
 * with its press-law prescription date from the rule table, its timeline
 * event and its reminders in one unit of work.
 */
@Injectable()
export class PrescriptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly incidents: IncidentsService,
    private readonly posts: PostsService,
    private readonly rules: DeadlineRulesService,
    private readonly reminders: PrescriptionReminders,
    private readonly config: AppConfig,
  ) {}

  async mark(actor: Actor, incidentId: string, dto: MarkPrescriptionDto): Promise<PrescriptionView> {
    return this.transactions.run((tx) => this.markIn(tx, actor, incidentId, dto));
  }

  /** Marks within the caller's unit of work (a suggestion accepted). */
  async markIn(tx: Tx, actor: Actor, incidentId: string, dto: MarkPrescriptionDto): Promise<PrescriptionView> {
    await this.incidents.find(tx.manager, incidentId);
    await lockIncidents(tx, [incidentId]);
    const published = await this.publicationOf(tx.manager, incidentId, dto.subjectType, dto.subjectId, dto.publishedAt);
    if (await tx.manager.existsBy(PrescriptionMark, { incidentId, subjectType: dto.subjectType, subjectId: dto.subjectId, status: 'active' })) {
      throw refusal(HttpStatus.CONFLICT, 'prescription.alreadyMarked', `this ${dto.subjectType} is already marked on this incident: change or remove that mark`, {
        field: 'subjectId',
        values: { subjectType: dto.subjectType },
      });
    }
    const now = new Date();
    const mark: PrescriptionMark = {
      id: newId(),
      incidentId,
      subjectType: dto.subjectType,
      subjectId: dto.subjectId,
      offence: dto.offence,
      ground: dto.ground ?? null,
      note: dto.note || null,
      publishedAt: published,
      prescribesAt: null,
      rulePeriod: null,
      ruleReference: null,
      status: 'active',
      markedBy: actorId(actor),
      markedAt: now,
      removedBy: null,
      removedAt: null,
      removedReason: null,
      updatedAt: now,
    };
    await this.date(tx, mark);
    await tx.manager.insert(PrescriptionMark, mark);
    await this.timeline.append(tx, incidentId, actor, 'prescription.marked', {
      markId: mark.id,
      subjectType: mark.subjectType,
      subjectId: mark.subjectId,
      offence: mark.offence,
      ground: mark.ground,
      publishedAt: mark.publishedAt.toISOString(),
      prescribesAt: mark.prescribesAt?.toISOString() ?? null,
    });
    await this.reminders.schedule(tx, mark);
    return PrescriptionView.of(mark);
  }

  async update(actor: Actor, id: string, dto: UpdatePrescriptionDto): Promise<PrescriptionView> {
    return this.transactions.run(async (tx) => {
      const mark = await this.findActive(tx, id);
      const before = mark.prescribesAt?.getTime() ?? null;
      const { note, ...dated } = dto;
      const changes = applyChanges(mark, { ...dated, ...(note !== undefined ? { note: note || null } : {}) });
      if (!Object.keys(changes).length) return PrescriptionView.of(mark);
      await this.date(tx, mark);
      mark.updatedAt = new Date();
      if ((mark.prescribesAt?.getTime() ?? null) !== before) changes['prescribesAt'] = { from: before === null ? null : new Date(before).toISOString(), to: mark.prescribesAt?.toISOString() ?? null };
      await tx.manager.save(PrescriptionMark, mark);
      // The note is free text: the timeline says it changed, not what it says.
      if (changes['note']) changes['note'] = { from: null, to: null };
      await this.timeline.append(tx, mark.incidentId, actor, 'prescription.changed', { markId: mark.id, changes });
      if (changes['prescribesAt'] || changes['offence']) {
        await this.reminders.cancel(tx, mark.id, 'the mark changed');
        await this.reminders.schedule(tx, mark);
      }
      return PrescriptionView.of(mark);
    });
  }

  async unmark(actor: Actor, id: string, dto: UnmarkPrescriptionDto): Promise<PrescriptionView> {
    return this.transactions.run(async (tx) => {
      const mark = await this.findActive(tx, id);
      const now = new Date();
      Object.assign(mark, { status: 'removed', removedBy: actorId(actor), removedAt: now, removedReason: dto.reason, updatedAt: now });
      await tx.manager.save(PrescriptionMark, mark);
      await this.timeline.append(tx, mark.incidentId, actor, 'prescription.unmarked', { markId: mark.id, subjectType: mark.subjectType, subjectId: mark.subjectId, reason: dto.reason });
      await this.reminders.cancel(tx, mark.id, `the mark was removed: ${dto.reason}`);
      return PrescriptionView.of(mark);
    });
  }

  async get(id: string): Promise<PrescriptionView> {
    const mark = await this.dataSource.manager.findOneBy(PrescriptionMark, { id });
    if (!mark) throw notFound('prescription', id);
    return PrescriptionView.of(mark);
  }

  /** An incident's marks: the active ones, soonest prescription first; with `all`, the removed ones after them. */
  async ofIncident(incidentId: string, query: ListPrescriptionsQuery = {}): Promise<PrescriptionView[]> {
    await this.incidents.find(this.dataSource.manager, incidentId);
    return (await prescriptionReads.ofIncident(this.dataSource.manager, incidentId, query.all ?? false)).map(PrescriptionView.of);
  }

  /** The incident's active marks as the incident shows them (GET /api/incidents/:id). */
  @IncidentPrescriptions()
  async forIncident(manager: EntityManager, incidentId: string): Promise<IncidentPrescriptionView[]> {
    return (await prescriptionReads.ofIncident(manager, incidentId, false)).map((mark) => {
      const view = PrescriptionView.of(mark);
      return { id: view.id, subjectType: view.subjectType, subjectId: view.subjectId, offence: view.offence, ground: view.ground, publishedAt: view.publishedAt, prescribesAt: view.prescribesAt, reference: view.rule?.reference ?? null, warning: view.warning };
    });
  }

  /** Every active mark with a prescription date, soonest first (the legal desk). */
  async upcoming(limit = 200): Promise<PrescriptionView[]> {
    return (await prescriptionReads.active(this.dataSource.manager, limit)).map(PrescriptionView.of);
  }

  /** The prescription date from the rules in force. */
  private async date(tx: Tx, mark: PrescriptionMark): Promise<void> {
    const { prescribesAt, rule } = prescriptionOf(await this.rules.all(tx.manager), mark.publishedAt, mark.ground, this.config.timeZone);
    Object.assign(mark, { prescribesAt, rulePeriod: rule?.period ?? null, ruleReference: rule?.reference ?? null });
  }

  private async findActive(tx: Tx, id: string): Promise<PrescriptionMark> {
    const mark = await tx.manager.findOneBy(PrescriptionMark, { id });
    if (!mark) throw notFound('prescription', id);
    await lockIncidents(tx, [mark.incidentId]);
    if (mark.status !== 'active') throw refusal(HttpStatus.CONFLICT, 'prescription.removed', `prescription mark ${id} was removed; mark the message again instead`, { values: { id } });
    return mark;
  }

  /** When the marked words were published: the date given, else the message's postedAt or the post's publishedAt; each must be the incident's. */
  private async publicationOf(manager: EntityManager, incidentId: string, subjectType: 'comment' | 'post', subjectId: string, given: Date | undefined): Promise<Date> {
    const notOurs = () =>
      badRequest(fieldProblem('subjectId', 'prescription.notOfIncident', `subjectId must be a ${subjectType} of this incident (${subjectId})`, { subjectType, id: subjectId }));
    if (subjectType === 'comment') {
      const comment = await commentReads.placedOne(manager, subjectId);
      if (!comment || comment.incidentId !== incidentId) throw notOurs();
      return given ?? comment.at;
    }
    if (!(await this.incidents.hasPost(manager, incidentId, subjectId))) throw notOurs();
    if (given) return given;
    const [post] = await this.posts.ofIds(manager, [subjectId]);
    if (!post?.publishedAt) throw badRequest(fieldProblem('publishedAt', 'prescription.publicationUnknown', 'publishedAt is required: the post has no publication date'));
    return new Date(post.publishedAt);
  }
}
