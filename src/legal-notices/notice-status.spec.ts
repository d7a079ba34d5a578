import { ConflictException } from '@nestjs/common';
import { NOTICE_STATUSES, noticeStatus, OPEN_NOTICE_STATUSES, type NoticeStatus } from './notice-status.js';

const ALLOWED: Record<NoticeStatus, NoticeStatus[]> = {
  received: ['under_review', 'withdrawn'],
  under_review: ['responded', 'complied', 'contested', 'withdrawn'],
  responded: ['closed', 'withdrawn'],
  complied: ['closed', 'withdrawn'],
  contested: ['closed', 'withdrawn'],
  closed: [],
  withdrawn: [],
};

describe('legal notice status workflow', () => {
  const pairs = NOTICE_STATUSES.flatMap((from) => NOTICE_STATUSES.map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => ALLOWED[from].includes(to)))('allows %s -> %s', (from, to) => {
    expect(() => noticeStatus.assertMove(from, to, undefined, 'legal')).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED[from].includes(to)))('refuses %s -> %s with 409 naming the allowed moves', (from, to) => {
    expect(() => noticeStatus.assertMove(from, to, undefined, 'legal')).toThrow(ConflictException);
    expect(() => noticeStatus.assertMove(from, to, undefined, 'legal')).toThrow(
      `legal notice cannot move from ${from} to ${to}; allowed from ${from}: ${ALLOWED[from].join(', ') || 'none'}`,
    );
  });

  it('lets a notice be withdrawn from every open status, and from no final one', () => {
    expect(OPEN_NOTICE_STATUSES).toEqual(['received', 'under_review', 'responded', 'complied', 'contested']);
    for (const status of NOTICE_STATUSES) expect(noticeStatus.canMove(status, 'withdrawn')).toBe(OPEN_NOTICE_STATUSES.includes(status));
  });
});
