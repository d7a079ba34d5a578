import { problem } from '../common/problem.js';
import { Workflow } from '../common/workflow.js';
import type { LegalNotice } from './legal-notice.entity.js';

export const NOTICE_STATUSES = ['received', 'under_review', 'responded', 'complied', 'contested', 'decided', 'filed', 'closed', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** A notice in one of these statuses is done with; every other status is open and blocks closing its incident. */
export const FINAL_NOTICE_STATUSES: readonly NoticeStatus[] = ['filed', 'closed', 'withdrawn'];
export const OPEN_NOTICE_STATUSES: readonly NoticeStatus[] = NOTICE_STATUSES.filter((status) => !FINAL_NOTICE_STATUSES.includes(status));
/** A notice received and not answered yet: its deadline runs and is reminded. */
export const AWAITING_ANSWER_STATUSES: readonly NoticeStatus[] = ['received', 'under_review'];
export const awaitsAnswer = (status: string): boolean => (AWAITING_ANSWER_STATUSES as readonly string[]).includes(status);

/** What the guards of the table read; `byDecision` when the move is a recorded decision's (POST /api/legal-notices/:id/decisions). */
export type NoticeMoveContext = Pick<LegalNotice, 'ref' | 'demands'> & { byDecision?: boolean };

/** The statuses a notice may be decided in (DSA art. 16(6), 17): before any other answer, and again once decided (a decision reviewed after a complaint, art. 20(4)). */
export const DECIDABLE_STATUSES: readonly NoticeStatus[] = ['received', 'under_review', 'decided'];
export const isDecidable = (status: string): boolean => (DECIDABLE_STATUSES as readonly string[]).includes(status);

/** A notice is decided by recording its decision with its reasons, never by a bare move. */
const decide = {
  to: 'decided',
  guard: ({ ref, byDecision }: NoticeMoveContext) =>
    byDecision ? null : problem('notice.decideWithReasons', `legal notice ${ref} is decided by recording the decision with its reasons (POST /api/legal-notices/:id/decisions)`, { values: { ref } }),
} as const;

const withdraw = { to: 'withdrawn' } as const;

/** A document that demands nothing (a bailiff's report) is kept on file; one that demands something must be answered or withdrawn. */
const file = {
  to: 'filed',
  guard: ({ ref, demands }: NoticeMoveContext) =>
    demands.length
      ? problem(
          'notice.cannotFile',
          `legal notice ${ref} cannot be filed: it makes ${demands.length === 1 ? '1 demand' : `${demands.length} demands`}; answer it (responded, complied, contested) or withdraw it`,
          { values: { ref, demands: demands.length } },
        )
      : null,
} as const;

/** docs/design.md §2-3: the statuses of a legal notice, in one table; withdrawn from any open status. */
export const noticeStatus = new Workflow<NoticeStatus, NoticeMoveContext>('legal notice', {
  received: [{ to: 'under_review' }, decide, file, withdraw],
  under_review: [{ to: 'responded' }, { to: 'complied' }, { to: 'contested' }, decide, file, withdraw],
  responded: [{ to: 'closed' }, withdraw],
  complied: [{ to: 'closed' }, withdraw],
  contested: [{ to: 'closed' }, withdraw],
  decided: [{ to: 'closed' }, withdraw],
  filed: [],
  closed: [],
  withdrawn: [],
}, 'noticeStatus');
