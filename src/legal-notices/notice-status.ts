import { Workflow } from '../common/workflow.js';

export const NOTICE_STATUSES = ['received', 'under_review', 'responded', 'complied', 'contested', 'closed', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** A notice in one of these statuses is done with; every other status is open and blocks closing its incident. */
export const FINAL_NOTICE_STATUSES: readonly NoticeStatus[] = ['closed', 'withdrawn'];
export const OPEN_NOTICE_STATUSES: readonly NoticeStatus[] = NOTICE_STATUSES.filter((status) => !FINAL_NOTICE_STATUSES.includes(status));

const withdraw = { to: 'withdrawn' } as const;

/** DESIGN.md §2: the statuses of a legal notice, in one table; withdrawn from any open status. */
export const noticeStatus = new Workflow<NoticeStatus>('legal notice', {
  received: [{ to: 'under_review' }, withdraw],
  under_review: [{ to: 'responded' }, { to: 'complied' }, { to: 'contested' }, withdraw],
  responded: [{ to: 'closed' }, withdraw],
  complied: [{ to: 'closed' }, withdraw],
  contested: [{ to: 'closed' }, withdraw],
  closed: [],
  withdrawn: [],
});
