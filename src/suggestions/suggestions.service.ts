import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
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
import { TimelineEvent } from '../timeline/timeline-event.entity.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { Signal } from '../signals/analyzer.js';
import { SUGGESTION_DECISIONS } from './suggestion-events.js';
import type { AcceptSuggestionDto, DismissSuggestionDto, SuggestionOutcomeView } from './suggestion.dto.js';
import { suggestionsOf } from './suggestions.js';

/**
 * The incident's suggestions, and their acceptance or dismissal. Decisions
 * are timeline events (suggestion.accepted / suggestion.dismissed), so a
 * dismissed suggestion stays dismissed and the record says who chose what.
 */
@Injectable()
export class SuggestionsService implements OnModuleInit {
  /** Acceptances under way in this process: a second click waits for nothing and gets 409. */
  private readonly accepting = new Set<string>();

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
    const comments = await manager.find(Comment, {
      where: { incidentId: incident.id, status: Not('deleted') },
      order: { postedAt: 'ASC', id: 'ASC' },
    });
    const decisions = await manager.find(TimelineEvent, { select: { payload: true }, where: { incidentId: incident.id, type: In([...SUGGESTION_DECISIONS]) } });
    const notices = await manager.find(LegalNotice, { select: { commentId: true }, where: { incidentId: incident.id, commentId: Not(IsNull()) } });
    return suggestionsOf({
      state: incident.state,
      stateChangedAt: incident.stateChangedAt,
      counterpartId: incident.counterpartId,
      comments: comments.map((comment) => ({ ...comment, signals: comment.signals as Signal[] })),
      decided: new Set(decisions.map((event) => String(event.payload['key']))),
      noticedCommentIds: new Set(notices.flatMap((notice) => (notice.commentId ? [notice.commentId] : []))),
    });
  }

  /**
   * Records what the suggestion proposes, with the user's edits, through the
   * service that owns it (a state move, a legal notice, a commitment), then
   * the acceptance in the timeline.
   */
  async accept(actor: Actor, incidentId: string, key: string, dto: AcceptSuggestionDto): Promise<SuggestionOutcomeView> {
    const lock = `${incidentId}/${key}`;
    if (this.accepting.has(lock)) throw new ConflictException(`suggestion ${key} is being accepted`);
    this.accepting.add(lock);
    try {
      const suggestion = await this.find(this.dataSource.manager, incidentId, key);
      const edits = dto.edits ?? {};
      let result: { type: string; id: string };
      if (suggestion.type === 'state') {
        const transition = await validateAs(TransitionDto, { reason: `Signal in a comment: “${suggestion.phrase}”`, ...edits, to: suggestion.state });
        result = { type: 'incident', id: (await this.incidents.transition(actor, incidentId, transition)).id };
      } else if (suggestion.type === 'legal_notice') {
        if (actor.kind === 'user' && !hasRole(actor.role, 'legal')) throw new ForbiddenException('only legal or admin users record legal notices');
        const notice = await validateAs(CreateLegalNoticeDto, { ...suggestion.draft, ...edits });
        result = { type: 'legal_notice', id: (await this.notices.create(actor, incidentId, notice)).id };
      } else {
        const commitment = await validateAs(CreateCommitmentDto, { ...suggestion.draft, ...edits });
        result = { type: 'commitment', id: (await this.commitments.create(actor, incidentId, commitment)).id };
      }
      await this.transactions.run(async (tx) => {
        await this.timeline.append(tx, incidentId, actor, 'suggestion.accepted', { key, type: suggestion.type, commentId: suggestion.commentId, result });
      });
      return { key, decision: 'accepted', result };
    } finally {
      this.accepting.delete(lock);
    }
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
    if (key.length > 200) throw new BadRequestException(['key is too long']);
    const suggestion = (await this.list(manager, incident)).find((candidate) => candidate.key === key);
    if (!suggestion) throw new NotFoundException(`incident ${incident.ref} has no open suggestion ${key} (unknown, already decided, or no longer relevant)`);
    return suggestion;
  }
}
