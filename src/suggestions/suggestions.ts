import type { Comment } from '../comments/comment.entity.js';
import { escalation, ESCALATION_LEVEL, OPEN_STATES, type IncidentState } from '../incidents/escalation.js';
import type { SuggestionView } from '../incidents/suggestions.registry.js';
import { suggestedState, type Signal } from '../signals/analyzer.js';

export type SuggestionComment = Pick<Comment, 'id' | 'direction' | 'partyId' | 'parentId' | 'postedAt' | 'createdAt' | 'status'> & { signals: Signal[] };

export interface SuggestionContext {
  state: IncidentState;
  stateChangedAt: Date;
  counterpartId: string | null;
  /** The comments with signals, oldest first. */
  comments: SuggestionComment[];
  /** The comments those answer, for whom a promise was made to (any subset holding them). */
  parents: ReadonlyArray<Pick<Comment, 'id' | 'partyId'>>;
  /** Keys already accepted or dismissed. */
  decided: ReadonlySet<string>;
  /** Comments a legal notice of the incident already names. */
  noticedCommentIds: ReadonlySet<string>;
}

/** Which notice type the words of a threat point to, most specific first. */
const NOTICE_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/droit de reponse|right of reply/, 'right_of_reply'],
  [/demeure|formal notice|cease and desist/, 'formal_notice'],
  [/huissier|commissaire|constat|bailiff/, 'bailiff_report'],
  [/marque|trademark|trade mark|contrefacon/, 'trademark_claim'],
  [/diffam|defam|libel|slander/, 'defamation_claim'],
];

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function noticeTypeOf(phrases: readonly string[]): string {
  const text = fold(phrases.join(' | '));
  return NOTICE_TYPES.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

/** A move the signals point to, while the incident is open, may make it and does not already stand at or beyond it. */
function stateIsAhead(state: IncidentState, target: IncidentState): boolean {
  if (!OPEN_STATES.includes(state) || !escalation.canMove(state, target)) return false;
  return target !== 'legal_threat' || ESCALATION_LEVEL[state]! < ESCALATION_LEVEL.legal_threat!;
}

/**
 * What the comments of an incident suggest recording (docs/design.md §5), never
 * applied by themselves: a state move (from the newest inbound comment
 * pointing to it, logged since the last move), a draft legal notice per
 * inbound legal threat, and the commitments our own (outbound) comments make.
 */
export function suggestionsOf(context: SuggestionContext): SuggestionView[] {
  const live = context.comments.filter((comment) => comment.status !== 'deleted' && comment.signals.length);
  const byId = new Map<string, Pick<Comment, 'id' | 'partyId'>>([...context.parents, ...context.comments].map((comment) => [comment.id, comment]));
  const suggestions: SuggestionView[] = [];
  const open = (suggestion: SuggestionView) => {
    if (!context.decided.has(suggestion.key)) suggestions.push(suggestion);
  };

  for (const target of ['legal_threat', 'de_escalating'] as const) {
    if (!stateIsAhead(context.state, target)) continue;
    const prompting = live.filter(
      (comment) => comment.direction === 'inbound' && comment.createdAt > context.stateChangedAt && suggestedState(comment.signals) === target,
    );
    const latest = prompting[prompting.length - 1];
    if (!latest) continue;
    const phrase = latest.signals.find((signal) => (target === 'legal_threat' ? signal.kind === 'legal_threat' : signal.kind === 'apology' || signal.kind === 'de_escalation'))!.phrase;
    open({ key: `state-${target}-${latest.id}`, type: 'state', commentId: latest.id, phrase, state: target });
  }

  for (const comment of live) {
    if (comment.direction === 'inbound') {
      const threats = comment.signals.filter((signal) => signal.kind === 'legal_threat').map((signal) => signal.phrase);
      if (!threats.length || context.noticedCommentIds.has(comment.id)) continue;
      open({
        key: `notice-${comment.id}`,
        type: 'legal_notice',
        commentId: comment.id,
        phrase: threats[0]!,
        draft: {
          type: noticeTypeOf(threats),
          direction: 'received',
          ...(comment.partyId ? { senderPartyId: comment.partyId } : {}),
          receivedVia: 'comment',
          receivedAt: comment.postedAt.toISOString(),
          commentId: comment.id,
          summary: threats.join(' … '),
        },
      });
      continue;
    }
    const promisedTo = (comment.parentId ? byId.get(comment.parentId)?.partyId : null) ?? context.counterpartId;
    const seen = new Set<string>();
    for (const signal of comment.signals) {
      if (signal.kind !== 'commitment' || !signal.commitmentKind || seen.has(signal.commitmentKind)) continue;
      seen.add(signal.commitmentKind);
      open({
        key: `commitment-${signal.commitmentKind}-${comment.id}`,
        type: 'commitment',
        commentId: comment.id,
        phrase: signal.phrase,
        draft: {
          kind: signal.commitmentKind,
          description: signal.phrase,
          promisedAt: comment.postedAt.toISOString(),
          ...(promisedTo ? { promisedToPartyId: promisedTo } : {}),
        },
      });
    }
  }
  return suggestions;
}
