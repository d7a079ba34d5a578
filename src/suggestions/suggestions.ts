import type { CommentSignals } from '../comments/comment.types.js';
import { escalation, ESCALATION_LEVEL, OPEN_STATES, type IncidentState } from '../incidents/escalation.js';
import type { SuggestionPassage, SuggestionView } from '../incidents/suggestions.registry.js';
import { isAsserted, suggestedState, type Signal } from '../signals/analyzer.js';
import { sideOf } from '../signals/sides.js';

export type SuggestionComment = CommentSignals;

/** Who a comment is from: its party, if it has one. */
type CommentParty = Pick<CommentSignals, 'id' | 'partyId'>;

export interface PostFacts {
  url: string;
  publishedAt: Date | null;
}

/**
 * Where state suggestions start: after the comment whose suggestion the last
 * move followed (the thread goes on from there), or, after a move of one's
 * own, with the comments logged since.
 */
export type StateAnchor = { postedAfter: Date } | { loggedAfter: Date } | null;

export interface SuggestionContext {
  state: IncidentState;
  counterpartId: string | null;
  /** The comments with signals, oldest first. */
  comments: SuggestionComment[];
  /** The comments those answer, for whom a promise was made to (any subset holding them). */
  parents: ReadonlyArray<CommentParty>;
  /** Keys already accepted, dismissed or fulfilled. */
  decided: ReadonlySet<string>;
  anchor: StateAnchor;
  /** The types of the received notices the incident records: their suggestion is done. */
  noticeTypes: ReadonlySet<string>;
  /** The comments marked for their press-law prescription (docs/legal.md): their suggestion is done. */
  markedComments: ReadonlySet<string>;
  /** The incident's posts by id, and the newest (for a comment logged without its post). */
  posts: ReadonlyMap<string, PostFacts>;
  newestPost: PostFacts | null;
}

/** Commitments checked on a page: their draft names the comment's post. */
const CHECKED_ON_PAGE = new Set(['noindex', 'remove_content', 'remove_mention']);

/** A move the signals point to, while the incident is open, may make it and does not already stand at or beyond it. */
function stateIsAhead(state: IncidentState, target: IncidentState): boolean {
  if (!OPEN_STATES.includes(state) || !escalation.canMove(state, target)) return false;
  return target !== 'legal_threat' || ESCALATION_LEVEL[state]! < ESCALATION_LEVEL.legal_threat!;
}

/** Whether a move to `to` does what a suggestion to move to `target` proposed (a formal dispute goes beyond a legal threat). */
export const moveFulfils = (target: string, to: string): boolean => to === target || (target === 'legal_threat' && to === 'formal_dispute');

const passage = (comment: SuggestionComment, signal: Signal): SuggestionPassage => ({
  commentId: comment.id,
  phrase: signal.phrase,
  start: signal.start,
  end: signal.end,
  ...(signal.rule ? { rule: signal.rule } : {}),
});

/** The signals that may point to a press offence, and which (loi du 29 juillet 1881, art. 29: defamation imputes a fact, insult does not). */
const PRESS_OFFENCE_OF: Partial<Record<string, 'defamation' | 'insult'>> = { accusation: 'defamation', hostility: 'insult' };

const STATE_KINDS: Record<'legal_threat' | 'de_escalating', ReadonlySet<string>> = {
  legal_threat: new Set(['legal_threat']),
  de_escalating: new Set(['apology', 'de_escalation']),
};

/**
 * What the comments of an incident suggest recording (docs/signals.md), never
 * applied by themselves, from what is said (mentions never suggest) by the
 * side that can say it: a state move from the other side's latest comment
 * pointing to it; one draft legal notice per notice type the other side's
 * words name, quoting every passage; the commitments our own comments make.
 * A bystander's words suggest nothing.
 */
export function suggestionsOf(context: SuggestionContext): SuggestionView[] {
  const live = context.comments.filter((comment) => comment.status !== 'deleted');
  const said = (comment: SuggestionComment) => comment.signals.filter(isAsserted);
  const side = (comment: SuggestionComment) => sideOf(comment, context.counterpartId);
  const theirs = live.filter((comment) => side(comment) === 'counterpart');
  const byId = new Map<string, CommentParty>([...context.parents, ...context.comments].map((comment) => [comment.id, comment]));
  const suggestions: SuggestionView[] = [];
  const open = (suggestion: Omit<SuggestionView, 'status' | 'commentId' | 'phrase'>) => {
    const [first] = suggestion.passages;
    if (!context.decided.has(suggestion.key)) suggestions.push({ ...suggestion, status: 'open', commentId: first!.commentId, phrase: first!.phrase });
  };
  const anchor = context.anchor;
  const sinceAnchor = (comment: SuggestionComment) =>
    !anchor || ('postedAfter' in anchor ? comment.postedAt > anchor.postedAfter : comment.createdAt > anchor.loggedAfter);

  for (const target of ['legal_threat', 'de_escalating'] as const) {
    if (!stateIsAhead(context.state, target)) continue;
    const latest = theirs.filter((comment) => sinceAnchor(comment) && suggestedState(said(comment)) === target).at(-1);
    if (!latest) continue;
    const passages = said(latest)
      .filter((signal) => STATE_KINDS[target].has(signal.kind))
      .map((signal) => passage(latest, signal));
    open({ key: `state-${target}-${latest.id}`, type: 'state', passages, state: target });
  }

  const named = new Map<string, Array<{ comment: SuggestionComment; signal: Signal }>>();
  for (const comment of theirs) {
    for (const signal of said(comment)) {
      if (signal.kind !== 'legal_threat' || !signal.noticeType || context.noticeTypes.has(signal.noticeType)) continue;
      named.set(signal.noticeType, [...(named.get(signal.noticeType) ?? []), { comment, signal }]);
    }
  }
  for (const [type, found] of named) {
    const { comment: first, signal } = found[0]!;
    const post = (first.postId ? context.posts.get(first.postId) : null) ?? context.newestPost;
    open({
      key: `notice-${type}-${first.id}`,
      type: 'legal_notice',
      passages: found.map(({ comment, signal: said }) => passage(comment, said)),
      draft: {
        type,
        direction: 'received',
        ...((first.partyId ?? context.counterpartId) ? { senderPartyId: first.partyId ?? context.counterpartId } : {}),
        receivedVia: 'comment',
        receivedAt: first.postedAt.toISOString(),
        commentId: first.id,
        summary: found.map(({ signal: said }) => said.phrase).join(' … '),
        // The right of reply claimed in French words is the French one (LCEN art. 6-IV, décret 2007-1527).
        ...(type === 'right_of_reply' && signal.rule?.startsWith('fr/') ? { jurisdiction: 'FR' } : {}),
        ...(post?.publishedAt ? { contentPublishedAt: post.publishedAt.toISOString() } : {}),
      },
    });
  }

  // The other side's accusation (an imputed fact) or insult may be a press offence whose prescription runs from its publication: mark it to follow the clock. Whether it is defamatory is for a person to judge.
  for (const comment of theirs) {
    if (context.markedComments.has(comment.id)) continue;
    const offending = said(comment).filter((signal) => PRESS_OFFENCE_OF[signal.kind]);
    if (!offending.length) continue;
    open({
      key: `prescription-${comment.id}`,
      type: 'prescription',
      passages: offending.map((signal) => passage(comment, signal)),
      draft: { subjectType: 'comment', subjectId: comment.id, offence: offending.some((signal) => signal.kind === 'accusation') ? 'defamation' : 'insult' },
    });
  }

  for (const comment of live) {
    if (side(comment) !== 'ours') continue;
    const promisedTo = (comment.parentId ? byId.get(comment.parentId)?.partyId : null) ?? context.counterpartId;
    const post = (comment.postId ? context.posts.get(comment.postId) : null) ?? context.newestPost;
    const seen = new Set<string>();
    for (const signal of said(comment)) {
      if (signal.kind !== 'commitment' || !signal.commitmentKind || seen.has(signal.commitmentKind)) continue;
      seen.add(signal.commitmentKind);
      open({
        key: `commitment-${signal.commitmentKind}-${comment.id}`,
        type: 'commitment',
        passages: [passage(comment, signal)],
        draft: {
          kind: signal.commitmentKind,
          description: signal.phrase,
          promisedAt: comment.postedAt.toISOString(),
          ...(promisedTo ? { promisedToPartyId: promisedTo } : {}),
          ...(post && CHECKED_ON_PAGE.has(signal.commitmentKind) ? { targetUrl: post.url } : {}),
        },
      });
    }
  }
  return suggestions;
}

/** An import's proposal that a new party is a party of the incident (party.same_proposed). */
export interface SamePersonProposal {
  partyId: string;
  candidateId: string;
  partyName: string;
  candidateName: string;
  commentId: string;
}

/** One click merges a party an import created into the incident's party it may be, while both still stand and nobody decided. */
export function samePersonSuggestions(proposals: readonly SamePersonProposal[], standing: ReadonlySet<string>, decided: ReadonlySet<string>): SuggestionView[] {
  return proposals.flatMap(({ partyId, candidateId, partyName, candidateName, commentId }) => {
    const key = `same_party-${partyId}-${candidateId}`;
    if (decided.has(key) || !standing.has(partyId) || !standing.has(candidateId)) return [];
    return [
      {
        key,
        type: 'same_party' as const,
        status: 'open' as const,
        commentId,
        phrase: partyName,
        passages: [],
        draft: { keepPartyId: candidateId, mergePartyId: partyId, keepName: candidateName, mergeName: partyName },
      },
    ];
  });
}

/** What a suggestion proposes, as the move, notice or commitment recorded by hand is compared with it. */
export function proposal(suggestion: Pick<SuggestionView, 'type' | 'state' | 'draft'>): string {
  if (suggestion.type === 'state') return suggestion.state!;
  if (suggestion.type === 'prescription') return String(suggestion.draft?.['subjectId']);
  return String(suggestion.draft?.[suggestion.type === 'legal_notice' ? 'type' : 'kind']);
}
