import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { badRequest, fieldProblem, refusal } from '../common/problem.js';
import { hasRole, SYSTEM, type Actor } from '../common/roles.js';
import { CommentsService } from '../comments/comments.service.js';
import { validateAs } from '../common/validation.js';
import { CreateCommitmentDto } from '../commitments/commitment.dto.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { TransitionDto, type IncidentView } from '../incidents/incident.dto.js';
import type { IncidentState } from '../incidents/escalation.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { SuggestionsProvider, type SuggestionView } from '../incidents/suggestions.registry.js';
import { CreateLegalNoticeDto } from '../legal-notices/legal-notice.dto.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { PartiesService } from '../parties/parties.service.js';
import { parties as partyReads } from '../parties/party-reads.js';
import { missingAmong } from '../database/references.js';
import { PostsService } from '../posts/posts.service.js';
import { newestPost } from '../posts/post.types.js';
import { MarkPrescriptionDto } from '../prescriptions/prescription.dto.js';
import { prescriptionReads } from '../prescriptions/prescription-reads.js';
import { PrescriptionsService } from '../prescriptions/prescriptions.service.js';
import '../prescriptions/prescription-events.js';
import { lockIncidents } from '../reminders/incident-lock.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import { TimelineEvent } from '../timeline/timeline-event.entity.js';
import type { AppendedEvent, TimelineEvents } from '../timeline/timeline-events.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { SUGGESTION_DECISIONS } from './suggestion-events.js';
import type { AcceptSuggestionDto, DismissSuggestionDto, SuggestionOutcomeView } from './suggestion.dto.js';
import { moveFulfils, proposal, samePersonSuggestions, suggestionsOf, type PostFacts, type SamePersonProposal, type StateAnchor } from './suggestions.js';

/** The timeline events suggestions remember: the decisions on them, and the moves (where state suggestions start again). */
const REMEMBERED = [...SUGGESTION_DECISIONS, 'state.changed', 'party.same_proposed'];

type Fulfilled = TimelineEvents['suggestion.fulfilled'];
/** A timeline event and what it recorded, to list the suggestions as they stood before it. */
interface Before {
  seq: number;
  state?: IncidentState;
  noticeId?: string;
  /** The mark the event recorded: not counted as standing before it. */
  markId?: string;
}

/** The longest suggestion key looked for. */
const KEY_MAX = 200;

/**
 * The incident's suggestions, and their acceptance or dismissal. Decisions
 * are timeline events (suggestion.accepted / suggestion.dismissed), so a
 * dismissed suggestion stays dismissed and the record says who chose what;
 * a suggestion whose proposal someone records by hand (a move, a notice, a
 * commitment) is closed by a suggestion.fulfilled event naming what did it,
 * and shown as done.
 */
@Injectable()
export class SuggestionsService {
  /** The suggestion each transaction is accepting: what accepting records does not also fulfil it. */
  private readonly accepting = new WeakMap<Tx, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly notices: LegalNoticesService,
    private readonly commitments: CommitmentsService,
    private readonly parties: PartiesService,
    private readonly comments: CommentsService,
    private readonly posts: PostsService,
    private readonly prescriptions: PrescriptionsService,
  ) {}

  /** The open suggestions and those done by hand; `before`: as they stood before that event of the timeline and what it recorded. */
  @SuggestionsProvider()
  async list(manager: EntityManager, incident: Pick<IncidentView, 'id' | 'state' | 'counterpartId'>, before?: Before): Promise<SuggestionView[]> {
    const prompting = await this.comments.withSignals(manager, incident.id);
    const parents = await this.comments.partiesOf(manager, prompting.flatMap((comment) => (comment.direction === 'outbound' && comment.parentId ? [comment.parentId] : [])));
    // Ordered here, not in SQL: asked for in seq order, SQLite walks the whole timeline by (incident_id, seq) rather than ix_timeline_incident_type's few rows.
    const stored = (
      await manager.find(TimelineEvent, {
        select: { id: true, seq: true, type: true, actor: true, at: true, payload: true },
        where: { incidentId: incident.id, type: In(REMEMBERED), ...(before ? { seq: LessThan(before.seq) } : {}) },
      })
    ).sort((a, b) => a.seq - b.seq);
    const events = await this.timeline.revealed(manager, stored);
    const noticeTypes = await this.notices.receivedTypes(manager, incident.id, before?.noticeId);
    const marks = await prescriptionReads.ofIncident(manager, incident.id, false);
    const markedComments = new Set(marks.filter((mark) => mark.subjectType === 'comment' && mark.id !== before?.markId).map((mark) => mark.subjectId));
    const posts = await this.postsOf(manager, incident.id);
    const decisions = events.filter((event) => SUGGESTION_DECISIONS.includes(event.type as (typeof SUGGESTION_DECISIONS)[number]));
    const decided = new Set(decisions.map((event) => String(event.payload['key'])));
    const open = suggestionsOf({
      state: before?.state ?? incident.state,
      counterpartId: incident.counterpartId,
      comments: prompting,
      parents,
      decided,
      anchor: anchorOf(events, prompting),
      noticeTypes,
      markedComments,
      posts: posts.byId,
      newestPost: posts.newest,
    });
    // The warnings of every drafted notice, from one read of what they share.
    const drafted = open.filter((suggestion) => suggestion.type === 'legal_notice');
    const warnings = await this.notices.draftValidities(manager, incident.id, drafted.map((suggestion) => suggestion.draft as Parameters<LegalNoticesService['draftValidity']>[2]));
    drafted.forEach((suggestion, i) => (suggestion.warnings = warnings[i]!));
    const proposals = events.filter((event) => event.type === 'party.same_proposed').map((event) => event.payload as unknown as SamePersonProposal);
    const named = [...new Set(proposals.flatMap((proposal) => [proposal.partyId, proposal.candidateId]))];
    const gone = new Set(await missingAmong(manager, partyReads, named));
    const standing = new Set(named.filter((id) => !gone.has(id)));
    return [...open, ...samePersonSuggestions(proposals, standing, decided), ...decisions.filter((event) => event.type === 'suggestion.fulfilled').map(doneView)];
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
          : proposed.type === 'commitment'
            ? await validateAs(CreateCommitmentDto, { ...proposed.draft, ...edits })
            : proposed.type === 'prescription'
              ? await validateAs(MarkPrescriptionDto, { ...proposed.draft, ...edits, subjectType: 'comment', subjectId: proposed.commentId })
              : null;
    return this.transactions.run(async (tx) => {
      await lockIncidents(tx, [incidentId]);
      const suggestion = await this.find(tx.manager, incidentId, key);
      this.accepting.set(tx, key);
      try {
        const result =
          suggestion.type === 'state'
            ? { type: 'incident', id: (await this.incidents.transitionIn(tx, actor, incidentId, input as TransitionDto)).id }
            : suggestion.type === 'legal_notice'
              ? { type: 'legal_notice', id: (await this.notices.record(tx, actor, incidentId, input as CreateLegalNoticeDto)).id }
              : suggestion.type === 'commitment'
                ? { type: 'commitment', id: (await this.commitments.add(tx, actor, incidentId, input as CreateCommitmentDto)).id }
                : suggestion.type === 'prescription'
                  ? { type: 'prescription', id: (await this.prescriptions.markIn(tx, actor, incidentId, input as MarkPrescriptionDto)).id }
                  : { type: 'party', id: (await this.parties.mergeIn(tx, actor, String(suggestion.draft!['keepPartyId']), String(suggestion.draft!['mergePartyId']))).party.id };
        await this.timeline.append(tx, incidentId, actor, 'suggestion.accepted', { key, type: suggestion.type, commentId: suggestion.commentId, result });
        return { key, decision: 'accepted' as const, result };
      } finally {
        this.accepting.delete(tx);
      }
    });
  }

  async dismiss(actor: Actor, incidentId: string, key: string, dto: DismissSuggestionDto): Promise<SuggestionOutcomeView> {
    return this.transactions.run(async (tx) => {
      const suggestion = await this.find(tx.manager, incidentId, key);
      await this.timeline.append(tx, incidentId, actor, 'suggestion.dismissed', { key, type: suggestion.type, commentId: suggestion.commentId, reason: dto.reason ?? null });
      return { key, decision: 'dismissed' as const };
    });
  }

  @OnTimelineEvent({ type: 'state.changed', priority: 20 })
  async onStateChanged(tx: Tx, event: AppendedEvent<'state.changed'>): Promise<void> {
    await this.fulfil(tx, event, 'state', 'incident', event.incidentId, (target) => moveFulfils(target, event.payload.to), event.payload.from as IncidentState);
  }

  @OnTimelineEvent({ type: 'notice.recorded', priority: 20 })
  async onNoticeRecorded(tx: Tx, event: AppendedEvent<'notice.recorded'>): Promise<void> {
    if (event.payload.direction !== 'received') return;
    await this.fulfil(tx, event, 'legal_notice', 'legal_notice', event.payload.noticeId, (type) => type === event.payload.type);
  }

  @OnTimelineEvent({ type: 'prescription.marked' })
  async onPrescriptionMarked(tx: Tx, event: AppendedEvent<'prescription.marked'>): Promise<void> {
    if (event.payload.subjectType !== 'comment') return;
    await this.fulfil(tx, event, 'prescription', 'prescription', event.payload.markId, (subjectId) => subjectId === event.payload.subjectId);
  }

  @OnTimelineEvent({ type: 'commitment.created' })
  async onCommitmentCreated(tx: Tx, event: AppendedEvent<'commitment.created'>): Promise<void> {
    await this.fulfil(tx, event, 'commitment', 'commitment', event.payload.commitmentId, (kind) => kind === event.payload.kind);
  }

  /**
   * Closes the suggestions of `type` that were open before the event and
   * whose proposal it records, unless the event is the acceptance of that
   * very suggestion: each gets a suggestion.fulfilled event naming the move,
   * notice or commitment recorded by hand.
   */
  private async fulfil(
    tx: Tx,
    event: AppendedEvent<'state.changed' | 'notice.recorded' | 'commitment.created' | 'prescription.marked'>,
    type: SuggestionView['type'],
    recordType: string,
    recordId: string,
    does: (proposal: string) => boolean,
    stateBefore?: IncidentState,
  ): Promise<void> {
    const incident = await this.incidents.find(tx.manager, event.incidentId);
    const before = await this.list(tx.manager, incident, { seq: event.seq, state: stateBefore, noticeId: recordType === 'legal_notice' ? recordId : undefined, markId: recordType === 'prescription' ? recordId : undefined });
    const what =
      event.type === 'state.changed'
        ? (event as AppendedEvent<'state.changed'>).payload.to
        : event.type === 'prescription.marked'
          ? (event as AppendedEvent<'prescription.marked'>).payload.offence
          : String((event.payload as { type?: string; kind?: string }).type ?? (event.payload as { kind?: string }).kind);
    for (const suggestion of before) {
      if (suggestion.status !== 'open' || suggestion.type !== type || suggestion.key === this.accepting.get(tx) || !does(proposal(suggestion))) continue;
      // Calumet closes it; the move, notice or commitment it names says who recorded that.
      await this.timeline.append(tx, event.incidentId, SYSTEM, 'suggestion.fulfilled', {
        key: suggestion.key,
        type: suggestion.type,
        commentId: suggestion.commentId,
        phrase: suggestion.phrase,
        proposal: proposal(suggestion),
        fulfilledBy: { event: event.type, seq: event.seq, type: recordType, id: recordId, what, actor: event.actor },
      });
    }
  }

  private async postsOf(manager: EntityManager, incidentId: string): Promise<{ byId: Map<string, PostFacts>; newest: PostFacts | null }> {
    const posts = await this.posts.publicationsOf(manager, incidentId);
    return { byId: new Map(posts.map((post) => [post.id, post])), newest: newestPost(posts) };
  }

  private async find(manager: EntityManager, incidentId: string, key: string): Promise<SuggestionView> {
    const incident = await this.incidents.find(manager, incidentId);
    if (key.length > KEY_MAX) throw badRequest(fieldProblem('key', 'validation.maxLength', 'key is too long', { max: KEY_MAX }));
    const suggestion = (await this.list(manager, incident)).find((candidate) => candidate.key === key && candidate.status === 'open');
    if (!suggestion) {
      throw refusal(HttpStatus.NOT_FOUND, 'suggestion.unknown', `incident ${incident.ref} has no open suggestion ${key} (unknown, already decided, or no longer relevant)`, { values: { ref: incident.ref, key } });
    }
    return suggestion;
  }
}

/**
 * Where state suggestions start again after the last move: past the comment
 * whose state suggestion that move accepted or fulfilled (the thread goes on
 * from there: the apology that came after the threat), else, after a move of
 * one's own, among the comments logged since.
 */
function anchorOf(events: readonly TimelineEvent[], comments: ReadonlyArray<{ id: string; postedAt: Date }>): StateAnchor {
  const lastMove = events.filter((event) => event.type === 'state.changed').at(-1);
  if (!lastMove) return null;
  const followed = events.find((event) => event.seq > lastMove.seq && event.type !== 'suggestion.dismissed' && event.payload['type'] === 'state');
  const prompt = followed && comments.find((comment) => comment.id === followed.payload['commentId']);
  return prompt ? { postedAfter: prompt.postedAt } : { loggedAfter: lastMove.at };
}

function doneView(event: TimelineEvent): SuggestionView {
  const payload = event.payload as unknown as Fulfilled;
  return {
    key: payload.key,
    type: payload.type as SuggestionView['type'],
    status: 'done',
    commentId: payload.commentId,
    phrase: payload.phrase,
    passages: [],
    ...(payload.type === 'state' ? { state: payload.proposal as SuggestionView['state'] } : { draft: { [payload.type === 'legal_notice' ? 'type' : 'kind']: payload.proposal } }),
    fulfilledBy: { ...payload.fulfilledBy, at: event.at.toISOString() },
  };
}
