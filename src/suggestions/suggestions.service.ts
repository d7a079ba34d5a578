import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { badRequest, fieldProblem, refusal } from '../common/problem.js';
import { hasRole, type Actor } from '../common/roles.js';
import { Comment } from '../comments/comment.entity.js';
import { validateAs } from '../common/validation.js';
import { CreateCommitmentDto } from '../commitments/commitment.dto.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { TransactionService } from '../database/transaction.service.js';
import { TransitionDto } from '../incidents/incident.dto.js';
import type { Incident } from '../incidents/incident.entity.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { SuggestionsRegistry, type SuggestionView } from '../incidents/suggestions.registry.js';
import { CreateLegalNoticeDto } from '../legal-notices/legal-notice.dto.js';
import { LegalNotice } from '../legal-notices/legal-notice.entity.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { lockIncidents } from '../reminders/incident-lock.js';
import { TimelineEvent } from '../timeline/timeline-event.entity.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { Signal } from '../signals/analyzer.js';
import { SUGGESTION_DECISIONS } from './suggestion-events.js';
import type { AcceptSuggestionDto, DismissSuggestionDto, SuggestionOutcomeView } from './suggestion.dto.js';
import { suggestionsOf } from './suggestions.js';

/** Matches the partial index ix_comments_signals word for word, so only the few comments with signals are read, never the thread. */
const WITH_SIGNALS = "c.signals <> '[]'";
/** What suggestions read of a comment with signals: never its body, which may be long and is not needed. */
const PROMPTING_FIELDS = ['c.id', 'c.direction', 'c.partyId', 'c.parentId', 'c.postedAt', 'c.createdAt', 'c.status', 'c.signals'];
/** What a commitment's draft needs of the comment an outbound one answers. */
const PARENT_FIELDS = { id: true, partyId: true } as const;

/**
 * The incident's suggestions, and their acceptance or dismissal. Decisions
 * are timeline events (suggestion.accepted / suggestion.dismissed), so a
 * dismissed suggestion stays dismissed and the record says who chose what.
 */
/** The longest suggestion key looked for. */
const KEY_MAX = 200;

@Injectable()
export class SuggestionsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly registry: SuggestionsRegistry,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly notices: LegalNoticesService,
    private readonly commitments: CommitmentsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({ list: (manager, incident) => this.list(manager, incident) });
  }

  async list(manager: EntityManager, incident: Incident): Promise<SuggestionView[]> {
    const prompting = await manager
      .createQueryBuilder(Comment, 'c')
      .select(PROMPTING_FIELDS)
      .where('c.incidentId = :incidentId', { incidentId: incident.id })
      .andWhere(WITH_SIGNALS)
      .andWhere("c.status <> 'deleted'")
      .orderBy('c.postedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    const parentIds = [...new Set(prompting.flatMap((comment) => (comment.direction === 'outbound' && comment.parentId ? [comment.parentId] : [])))];
    const parents = parentIds.length ? await manager.find(Comment, { select: PARENT_FIELDS, where: { id: In(parentIds) } }) : [];
    const decisions = await manager.find(TimelineEvent, { select: { payload: true }, where: { incidentId: incident.id, type: In([...SUGGESTION_DECISIONS]) } });
    const notices = await manager.find(LegalNotice, { select: { commentId: true }, where: { incidentId: incident.id, commentId: Not(IsNull()) } });
    return suggestionsOf({
      state: incident.state,
      stateChangedAt: incident.stateChangedAt,
      counterpartId: incident.counterpartId,
      comments: prompting.map((comment) => ({ ...comment, signals: comment.signals as Signal[] })),
      parents,
      decided: new Set(decisions.map((event) => String(event.payload['key']))),
      noticedCommentIds: new Set(notices.flatMap((notice) => (notice.commentId ? [notice.commentId] : []))),
    });
  }

  /**
   * Records what the suggestion proposes, with the user's edits, through the
   * service that owns it (a state move, a legal notice, a commitment), and
   * its acceptance in the timeline, in one transaction: both or neither. The
   * incident is locked first, so a second acceptance finds it decided (404).
   */
  async accept(actor: Actor, incidentId: string, key: string, dto: AcceptSuggestionDto): Promise<SuggestionOutcomeView> {
    const proposed = await this.find(this.dataSource.manager, incidentId, key);
    const edits = dto.edits ?? {};
    if (proposed.type === 'legal_notice' && actor.kind === 'user' && !hasRole(actor.role, 'legal')) {
      throw refusal(HttpStatus.FORBIDDEN, 'suggestion.legalOnly', 'only legal or admin users record legal notices');
    }
    const input =
      proposed.type === 'state'
        ? await validateAs(TransitionDto, { reason: `Signal in a comment: “${proposed.phrase}”`, ...edits, to: proposed.state })
        : proposed.type === 'legal_notice'
          ? await validateAs(CreateLegalNoticeDto, { ...proposed.draft, ...edits })
          : await validateAs(CreateCommitmentDto, { ...proposed.draft, ...edits });
    return this.transactions.run(async (tx) => {
      await lockIncidents(tx, [incidentId]);
      const suggestion = await this.find(tx.manager, incidentId, key);
      const result =
        suggestion.type === 'state'
          ? { type: 'incident', id: (await this.incidents.transitionIn(tx, actor, incidentId, input as TransitionDto)).id }
          : suggestion.type === 'legal_notice'
            ? { type: 'legal_notice', id: (await this.notices.record(tx, actor, incidentId, input as CreateLegalNoticeDto)).id }
            : { type: 'commitment', id: (await this.commitments.add(tx, actor, incidentId, input as CreateCommitmentDto)).id };
      await this.timeline.append(tx, incidentId, actor, 'suggestion.accepted', { key, type: suggestion.type, commentId: suggestion.commentId, result });
      return { key, decision: 'accepted' as const, result };
    });
  }

  async dismiss(actor: Actor, incidentId: string, key: string, dto: DismissSuggestionDto): Promise<SuggestionOutcomeView> {
    return this.transactions.run(async (tx) => {
      const suggestion = await this.find(tx.manager, incidentId, key);
      await this.timeline.append(tx, incidentId, actor, 'suggestion.dismissed', { key, type: suggestion.type, commentId: suggestion.commentId, reason: dto.reason ?? null });
      return { key, decision: 'dismissed' as const };
    });
  }

  private async find(manager: EntityManager, incidentId: string, key: string): Promise<SuggestionView> {
    const incident = await this.incidents.find(manager, incidentId);
    if (key.length > KEY_MAX) throw badRequest(fieldProblem('key', 'validation.maxLength', 'key is too long', { max: KEY_MAX }));
    const suggestion = (await this.list(manager, incident)).find((candidate) => candidate.key === key);
    if (!suggestion) {
      throw refusal(HttpStatus.NOT_FOUND, 'suggestion.unknown', `incident ${incident.ref} has no open suggestion ${key} (unknown, already decided, or no longer relevant)`, { values: { ref: incident.ref, key } });
    }
    return suggestion;
  }
}
