import { ConflictException } from '@nestjs/common';
import { commitmentStatus, COMMITMENT_STATUSES, isOpen, type CommitmentStatus } from './commitment-status.js';

const ALLOWED: Record<CommitmentStatus, CommitmentStatus[]> = {
  pending: ['done', 'cancelled'],
  done: ['verified', 'failed_verification', 'cancelled'],
  failed_verification: ['verified', 'done', 'cancelled'],
  verified: [],
  cancelled: [],
};

describe('commitment status workflow', () => {
  const pairs = COMMITMENT_STATUSES.flatMap((from) => COMMITMENT_STATUSES.map((to) => [from, to] as const));

  it.each(pairs.filter(([from, to]) => ALLOWED[from].includes(to)))('allows %s -> %s for a noindex commitment', (from, to) => {
    expect(() => commitmentStatus.assertMove(from, to, { kind: 'noindex' })).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED[from].includes(to)))('refuses %s -> %s', (from, to) => {
    expect(() => commitmentStatus.assertMove(from, to, { kind: 'noindex' })).toThrow(ConflictException);
  });

  it('does not verify kinds that are not checked on a page', () => {
    expect(() => commitmentStatus.assertMove('done', 'verified', { kind: 'call_back' })).toThrow(/not checked on a page/);
    expect(() => commitmentStatus.assertMove('done', 'failed_verification', { kind: 'send_message' })).toThrow(/not checked on a page/);
  });

  it.each([
    ['noindex', 'pending', true],
    ['noindex', 'done', true],
    ['noindex', 'failed_verification', true],
    ['noindex', 'verified', false],
    ['remove_mention', 'done', true],
    ['call_back', 'done', false],
    ['call_back', 'pending', true],
    ['send_message', 'cancelled', false],
  ] as const)('counts a %s commitment that is %s as open: %s', (kind, status, open) => {
    expect(isOpen(kind, status)).toBe(open);
  });
});
