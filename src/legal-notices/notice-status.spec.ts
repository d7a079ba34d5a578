import { ConflictException } from '@nestjs/common';
import type { Demand } from './legal-notice.entity.js';
import { AWAITING_ANSWER_STATUSES, NOTICE_STATUSES, noticeStatus, OPEN_NOTICE_STATUSES, type NoticeStatus } from './notice-status.js';

const ALLOWED: Record<NoticeStatus, NoticeStatus[]> = {
  received: ['under_review', 'decided', 'filed', 'withdrawn'],
  under_review: ['responded', 'complied', 'contested', 'decided', 'filed', 'withdrawn'],
  responded: ['closed', 'withdrawn'],
  complied: ['closed', 'withdrawn'],
  contested: ['closed', 'withdrawn'],
  decided: ['closed', 'withdrawn'],
  filed: [],
  closed: [],
  withdrawn: [],
};

const nothingDemanded = { ref: 'LN-2026-0001', demands: [], byDecision: true };
const demand = (description: string): Demand => ({ kind: 'remove_mention', description, targetUrl: null });

describe('legal notice status workflow', () => {
  const pairs = NOTICE_STATUSES.flatMap((from) => NOTICE_STATUSES.map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => ALLOWED[from].includes(to)))('allows %s -> %s', (from, to) => {
    expect(() => noticeStatus.assertMove(from, to, nothingDemanded, 'legal')).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED[from].includes(to)))('refuses %s -> %s with 409 naming the allowed moves', (from, to) => {
    expect(() => noticeStatus.assertMove(from, to, nothingDemanded, 'legal')).toThrow(ConflictException);
    expect(() => noticeStatus.assertMove(from, to, nothingDemanded, 'legal')).toThrow(
      `legal notice cannot move from ${from} to ${to}; allowed from ${from}: ${ALLOWED[from].join(', ') || 'none'}`,
    );
  });

  it('lets a notice be withdrawn from every open status, and from no final one', () => {
    expect(OPEN_NOTICE_STATUSES).toEqual(['received', 'under_review', 'responded', 'complied', 'contested', 'decided']);
    for (const status of NOTICE_STATUSES) expect(noticeStatus.canMove(status, 'withdrawn')).toBe(OPEN_NOTICE_STATUSES.includes(status));
  });

  it.each(['received', 'under_review'] as const)('refuses to file a notice that makes demands, from %s, with 409 naming them', (from) => {
    const oneDemand = { ref: 'LN-2026-0002', demands: [demand('Remove every mention')] };
    expect(() => noticeStatus.assertMove(from, 'filed', oneDemand, 'legal')).toThrow(ConflictException);
    expect(() => noticeStatus.assertMove(from, 'filed', oneDemand, 'legal')).toThrow(
      'legal notice LN-2026-0002 cannot be filed: it makes 1 demand; answer it (responded, complied, contested) or withdraw it',
    );
    expect(() => noticeStatus.assertMove(from, 'filed', { ...oneDemand, demands: [demand('a'), demand('b')] }, 'legal')).toThrow('it makes 2 demands');
  });
});

describe('a decided notice', () => {
  it.each(['received', 'under_review'] as const)('is decided from %s only with its decision, never by a bare move (409)', (from) => {
    expect(() => noticeStatus.assertMove(from, 'decided', { ref: 'LN-2026-0003', demands: [] }, 'legal')).toThrow(
      'legal notice LN-2026-0003 is decided by recording the decision with its reasons',
    );
  });
});

describe('a notice awaiting an answer', () => {
  const ANSWERS: NoticeStatus[] = ['responded', 'complied', 'contested'];
  const reaches = (from: NoticeStatus, seen = new Set<NoticeStatus>()): boolean =>
    noticeStatus.allowedFrom(from).some((to) => ANSWERS.includes(to) || (!seen.has(to) && reaches(to, seen.add(to))));

  it('is exactly one the workflow can still take to an answer', () => {
    expect([...AWAITING_ANSWER_STATUSES].sort()).toEqual(NOTICE_STATUSES.filter((status) => reaches(status)).sort());
  });

  it('is open', () => {
    for (const status of AWAITING_ANSWER_STATUSES) expect(OPEN_NOTICE_STATUSES).toContain(status);
  });
});
