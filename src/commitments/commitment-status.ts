import { problem } from '../common/problem.js';
import { Workflow } from '../common/workflow.js';
import { PAGE_CHECK_KINDS, type PageCheckKind } from '../page-checks/judge.js';

export const COMMITMENT_KINDS = [
  'noindex',
  'remove_content',
  'remove_mention',
  'publish_reply',
  'publish_correction',
  'send_message',
  'call_back',
  'other',
] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/** The kinds checked on a page once done. */
export const VERIFIABLE_KINDS: readonly PageCheckKind[] = PAGE_CHECK_KINDS;
export const isVerifiable = (kind: CommitmentKind): kind is PageCheckKind => (VERIFIABLE_KINDS as readonly string[]).includes(kind);

export const COMMITMENT_STATUSES = ['pending', 'done', 'verified', 'failed_verification', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export interface CommitmentContext {
  kind: CommitmentKind;
  /** Nothing may be done before this (a call promised "not before Thursday"). */
  notBefore?: Date | null;
  now?: Date;
}

const verifiable = (context: CommitmentContext) =>
  isVerifiable(context.kind)
    ? null
    : problem('commitment.notVerifiable', `a ${context.kind} commitment is not checked on a page; marking it done keeps it`, { values: { kind: context.kind }, words: { kind: 'commitmentKind' } });

const notTooEarly = ({ notBefore, now = new Date() }: CommitmentContext) =>
  notBefore && now.getTime() < notBefore.getTime()
    ? problem('commitment.tooEarly', `it was promised not before ${notBefore.toISOString()} (notBefore): it cannot be done yet`, {
        field: 'notBefore',
        values: { notBefore: notBefore.toISOString() },
        words: { notBefore: 'date' },
      })
    : null;

/**
 * pending → done → verified, with failed_verification when a check of a done
 * commitment fails (it goes back to verified when a later check passes, or to
 * done when its owner says it is fixed), and cancelled from any open status.
 * Done is refused before notBefore; a commitment marked done by mistake (or
 * whose check failed) is reopened to pending. A verified commitment is
 * checked again for a while (RECHECK_FOR) and fails if its page regresses.
 */
export const commitmentStatus = new Workflow<CommitmentStatus, CommitmentContext>('commitment', {
  pending: [{ to: 'done', guard: notTooEarly }, { to: 'cancelled' }],
  done: [{ to: 'verified', guard: verifiable }, { to: 'failed_verification', guard: verifiable }, { to: 'pending' }, { to: 'cancelled' }],
  failed_verification: [{ to: 'verified' }, { to: 'done' }, { to: 'pending' }, { to: 'cancelled' }],
  // A recheck after verification finds the page regressed (the noindex dropped by a theme update, the article back).
  verified: [{ to: 'failed_verification', guard: verifiable }],
  cancelled: [],
}, 'commitmentStatus');

/** Still owed, whatever the kind: not kept yet, or kept and then seen undone. */
export const COMMITMENT_STATUSES_OWED = ['pending', 'failed_verification'] as const satisfies readonly CommitmentStatus[];
export const isOwed = (status: CommitmentStatus): boolean => (COMMITMENT_STATUSES_OWED as readonly string[]).includes(status);
/** Still being checked on the page (for the kinds that are checked). */
export const COMMITMENT_STATUSES_CHECKED = ['done', 'failed_verification'] as const satisfies readonly CommitmentStatus[];

export const isBeingChecked = (status: CommitmentStatus): boolean => (COMMITMENT_STATUSES_CHECKED as readonly string[]).includes(status);
/** Checked on the page at their nextCheckAt: being checked, or verified and watched for a regression (RECHECK_FOR). */
export const COMMITMENT_STATUSES_WATCHED = [...COMMITMENT_STATUSES_CHECKED, 'verified'] as const satisfies readonly CommitmentStatus[];
export const isWatched = (status: CommitmentStatus): boolean => (COMMITMENT_STATUSES_WATCHED as readonly string[]).includes(status);

/**
 * Still open on the incident: owed, or done but not yet verified on the page
 * (for the kinds that are checked). Such commitments forbid closing the
 * incident. The SQL of the same rule is `openCommitments` (commitments.service).
 */
export const isOpen = (kind: CommitmentKind, status: CommitmentStatus): boolean =>
  isOwed(status) || (status === 'done' && isVerifiable(kind));
