import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { actorId, type Actor } from '../common/roles.js';
import { badRequest, fieldProblem, notFound, refusal, type Problem } from '../common/problem.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../database/columns.js';
import { notInIncident } from '../database/references.js';
import { TransactionService } from '../database/transaction.service.js';
import { commentReads } from '../comments/comment-reads.js';
import { CommentsService } from '../comments/comments.service.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { Translator } from '../i18n/i18n.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { parties as partyReads } from '../parties/party-reads.js';
import { PostsService } from '../posts/posts.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { LegalNotice } from './legal-notice.entity.js';
import { NoticeDecision } from './notice-decision.entity.js';
import { NoticeDecisionView, type DecideNoticeDto } from './notice-decision.dto.js';
import './notice-events.js';
import { noticeStatus } from './notice-status.js';
import { distinctiveExcerpt } from './removal-excerpt.js';
import { authorMail, notifierMail } from './statement-letter.js';
import { statementCategoryOf } from './dsa-categories.js';
import { puidOf, REDRESS_ROUTES, removesContent, sourceTypeOf, statementOf, TERRITORIAL_SCOPE_CODES, type Statement } from './statement-of-reasons.js';

/** The problems of a decision's fields that depend on one another (the Transparency Database's required_if rules). */
export function decisionProblems(dto: DecideNoticeDto): Problem[] {
  const problems: Problem[] = [];
  const groundRequired = (field: string) => fieldProblem(field, 'decision.groundRequired', `${field} is required for ${dto.decisionGround}`);
  if (dto.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT') {
    if (!dto.illegalContentLegalGround) problems.push(groundRequired('illegalContentLegalGround'));
    if (!dto.illegalContentExplanation) problems.push(groundRequired('illegalContentExplanation'));
  } else if (dto.decisionGround === 'DECISION_GROUND_INCOMPATIBLE_CONTENT') {
    if (!dto.incompatibleContentGround) problems.push(groundRequired('incompatibleContentGround'));
    if (!dto.incompatibleContentExplanation) problems.push(groundRequired('incompatibleContentExplanation'));
  }
  if (dto.kind === 'other_restriction' && !dto.visibilityOther) problems.push(fieldProblem('visibilityOther', 'decision.otherRequired', 'visibilityOther is required for other_restriction'));
  if (dto.contentType?.includes('CONTENT_TYPE_OTHER') && !dto.contentTypeOther) problems.push(fieldProblem('contentTypeOther', 'decision.otherRequired', 'contentTypeOther is required with CONTENT_TYPE_OTHER'));
  return problems;
}

/** What the mails after a decision need, gathered inside its unit of work. */
interface Mailing {
  incidentId: string;
  ref: string;
  decision: NoticeDecision;
  notifierEmail: string | null;
  /** The notifier's language: the decision's when given, else the public form's they wrote in, else the decision's default. */
  notifierLanguage: string;
  authorEmail: string | null;
}

/**
 * Decisions on legal notices with their reasons (DSA art. 16(5)-(6), 17):
 * recorded with the notice's move to `decided` and their timeline events in
 * one unit of work, the comment taken out of its thread and its removal
 * promised and checked on the live page; the notifier and the author are
 * written to after the commit.
 */
@Injectable()
export class NoticeDecisionsService {
  private readonly logger = new Logger(NoticeDecisionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly config: AppConfig,
    private readonly comments: CommentsService,
    private readonly commitments: CommitmentsService,
    private readonly posts: PostsService,
    private readonly notifications: NotificationsService,
  ) {}

  async decide(actor: Actor, noticeId: string, dto: DecideNoticeDto): Promise<NoticeDecisionView> {
    const problems = decisionProblems(dto);
    if (problems.length) throw badRequest(...problems);
    const { view, mailing } = await this.transactions.run(async (tx) => {
      const notice = await tx.manager.findOneBy(LegalNotice, { id: noticeId });
      if (!notice) throw notFound('legal_notice', noticeId);
      if (notice.status !== 'decided') noticeStatus.assertMove(notice.status, 'decided', { ...notice, byDecision: true }, actor.kind === 'user' ? actor.role : undefined);
      const commentId = dto.commentId ?? notice.commentId;
      if (dto.commentId && !(await commentReads.isOf(tx.manager, dto.commentId, notice.incidentId))) {
        throw badRequest(notInIncident('commentId', 'comment', notice.ref, `commentId refers to no comment of the incident of legal notice ${notice.ref}`));
      }
      const comment = commentId ? await this.comments.find(tx.manager, commentId) : null;
      const day = (at: Date) => DateTime.fromJSDate(at, { zone: this.config.timeZone }).toISODate()!;
      const contentDate = dto.contentDate ?? (comment ? day(comment.postedAt) : notice.contentPublishedAt ? day(notice.contentPublishedAt) : null);
      if (!contentDate) throw badRequest(fieldProblem('contentDate', 'decision.contentDateRequired', 'contentDate is required: the notice names no comment and no contentPublishedAt'));
      const category = dto.category ?? (notice.dsaNotice ? statementCategoryOf(notice.dsaNotice.category) : null);
      if (!category) throw badRequest(fieldProblem('category', 'decision.categoryRequired', 'category is required: the notice did not come with one (only a notice from the public form does)'));
      const sequence = (await tx.manager.countBy(NoticeDecision, { noticeId })) + 1;
      const now = new Date();
      const decision: NoticeDecision = {
        id: newId(),
        noticeId,
        incidentId: notice.incidentId,
        sequence,
        kind: dto.kind,
        visibilityOther: dto.kind === 'other_restriction' ? (dto.visibilityOther ?? null) : null,
        endDate: dto.endDate ?? null,
        decisionGround: dto.decisionGround,
        illegalContentLegalGround: dto.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT' ? dto.illegalContentLegalGround! : null,
        illegalContentExplanation: dto.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT' ? dto.illegalContentExplanation! : null,
        incompatibleContentGround: dto.decisionGround === 'DECISION_GROUND_INCOMPATIBLE_CONTENT' ? dto.incompatibleContentGround! : null,
        incompatibleContentExplanation: dto.decisionGround === 'DECISION_GROUND_INCOMPATIBLE_CONTENT' ? dto.incompatibleContentExplanation! : null,
        incompatibleContentIllegal: dto.decisionGround === 'DECISION_GROUND_INCOMPATIBLE_CONTENT' ? (dto.incompatibleContentIllegal ?? null) : null,
        category,
        contentType: dto.contentType ?? ['CONTENT_TYPE_TEXT'],
        contentTypeOther: dto.contentType?.includes('CONTENT_TYPE_OTHER') ? (dto.contentTypeOther ?? null) : null,
        contentLanguage: dto.contentLanguage ?? null,
        contentDate,
        applicationDate: dto.applicationDate ?? day(now),
        territorialScope: dto.territorialScope ? TERRITORIAL_SCOPE_CODES.filter((code) => dto.territorialScope!.includes(code)) : [...TERRITORIAL_SCOPE_CODES],
        decisionFacts: dto.decisionFacts,
        sourceType: dto.sourceType ?? sourceTypeOf(notice.type),
        automatedDetection: dto.automatedDetection,
        automatedDecision: dto.automatedDecision,
        redress: dto.redress ? REDRESS_ROUTES.filter((route) => dto.redress!.includes(route)) : [...REDRESS_ROUTES],
        redressDetails: dto.redressDetails ?? null,
        puid: puidOf({ commentId, noticeRef: notice.ref }, sequence),
        commentId,
        commitmentId: null,
        language: dto.language ?? this.config.language,
        decidedBy: actorId(actor),
        decidedAt: now,
      };
      if (comment && removesContent(dto.kind)) {
        await this.comments.markRemovedIn(tx, actor, comment.id, { to: dto.kind === 'remove' ? 'deleted' : 'hidden', noticeId, ref: notice.ref, decisionId: decision.id });
        const [post] = comment.postId ? await this.posts.ofIds(tx.manager, [comment.postId]) : [];
        const mentionText = distinctiveExcerpt(comment.body);
        if (post?.url && mentionText) {
          const t = new Translator(this.config.language, this.config.timeZone);
          const commitment = await this.commitments.add(tx, actor, notice.incidentId, {
            kind: 'remove_mention',
            description: t.t('decision.commitment', { ref: notice.ref }),
            targetUrl: post.url,
            mentionText,
            ...(notice.senderPartyId ? { promisedToPartyId: notice.senderPartyId } : {}),
          });
          decision.commitmentId = commitment.id;
        }
      }
      await tx.manager.insert(NoticeDecision, decision);
      if (notice.status !== 'decided') {
        const from = notice.status;
        await tx.manager.update(LegalNotice, { id: noticeId }, { status: 'decided', statusChangedAt: now, updatedAt: now });
        await this.timeline.append(tx, notice.incidentId, actor, 'notice.status_changed', { noticeId, from, to: 'decided', reason: `decision ${dto.kind} recorded` });
      }
      await this.timeline.append(tx, notice.incidentId, actor, 'notice.decided', {
        noticeId,
        ref: notice.ref,
        decisionId: decision.id,
        sequence,
        kind: decision.kind,
        decisionGround: decision.decisionGround,
        category: decision.category,
        commentId: decision.commentId,
        commitmentId: decision.commitmentId,
      });
      const emails = await partyReads.viewsOf(tx.manager, [notice.senderPartyId, comment?.partyId].filter((id): id is string => Boolean(id)));
      const mailing: Mailing = {
        incidentId: notice.incidentId,
        ref: notice.ref,
        decision,
        notifierEmail: (notice.senderPartyId && emails.get(notice.senderPartyId)?.email) || null,
        notifierLanguage: dto.language ?? notice.dsaNotice?.locale ?? decision.language,
        authorEmail: (comment?.partyId && emails.get(comment.partyId)?.email) || null,
      };
      return { view: NoticeDecisionView.of(decision), mailing };
    });
    if (this.notifications.emailEnabled) await this.mail(mailing);
    return view;
  }

  /** After the commit: the notifier learns the decision and the redress (art. 16(5)-(6)), the author gets the statement of reasons (art. 17) when it restricts. A mail refused is logged, the decision stands. */
  private async mail({ incidentId, ref, decision, notifierEmail, notifierLanguage, authorEmail }: Mailing): Promise<void> {
    const speaking = (language: string) => new Translator(language === 'fr' ? 'fr' : 'en', this.config.timeZone);
    const t = speaking(decision.language);
    const sends: Array<[string, { subject: string; text: string }, string]> = [];
    if (notifierEmail) sends.push([notifierEmail, notifierMail(speaking(notifierLanguage), { ref, decision }), 'notifier']);
    if (authorEmail && statementOf(decision)) sends.push([authorEmail, authorMail(t, { ref, decision }), 'author']);
    for (const [email, mail, role] of sends) {
      try {
        await this.notifications.sendExternalEmail({ email }, { ...mail, kind: `decision_${role}`, incidentId }, `decision:${decision.id}:${role}`);
      } catch (error) {
        this.logger.warn(`decision ${decision.id} not mailed to the ${role} (${email}): ${(error as Error).message}`);
      }
    }
  }

  /** The decisions on an incident's notices, notice by notice, the first first (the dossier's). */
  async ofIncident(manager: EntityManager, incidentId: string): Promise<NoticeDecisionView[]> {
    return (await manager.find(NoticeDecision, { where: { incidentId }, order: { noticeId: 'ASC', sequence: 'ASC' } })).map(NoticeDecisionView.of);
  }

  /** The notice's decisions, the first first. */
  async list(noticeId: string, manager: EntityManager = this.dataSource.manager): Promise<NoticeDecisionView[]> {
    if (!(await manager.existsBy(LegalNotice, { id: noticeId }))) throw notFound('legal_notice', noticeId);
    return (await manager.find(NoticeDecision, { where: { noticeId }, order: { sequence: 'ASC' } })).map(NoticeDecisionView.of);
  }

  /** The notice's latest decision with its notice's ref: 404 when there is none. */
  async latest(noticeId: string, manager: EntityManager = this.dataSource.manager): Promise<{ ref: string; decision: NoticeDecisionView }> {
    const notice = await manager.findOneBy(LegalNotice, { id: noticeId });
    if (!notice) throw notFound('legal_notice', noticeId);
    const [decision] = await manager.find(NoticeDecision, { where: { noticeId }, order: { sequence: 'DESC' }, take: 1 });
    if (!decision) throw refusal(HttpStatus.NOT_FOUND, 'decision.none', `legal notice ${notice.ref} has no decision yet`);
    return { ref: notice.ref, decision: NoticeDecisionView.of(decision) };
  }

  /** The latest decision's statement of reasons in the Transparency Database's JSON: 409 for a decision that restricts nothing. */
  async statement(noticeId: string): Promise<Statement> {
    const { ref, decision } = await this.latest(noticeId);
    const statement = statementOf(decision);
    if (!statement) throw refusal(HttpStatus.CONFLICT, 'decision.noStatement', `the latest decision on ${ref} (${decision.kind}) restricts nothing: no statement of reasons is owed`);
    return statement;
  }
}
