import { ConflictException } from '@nestjs/common';
import { commitmentStatus, COMMITMENT_STATUSES, isOpen, type CommitmentStatus } from './commitment-status.js';

const ALLOWED: Record<CommitmentStatus, CommitmentStatus[]> = {
  pending: ['done', 'cancelled'],
  done: ['verified', 'failed_verification', 'pending', 'cancelled'],
  failed_verification: ['verified', 'done', 'pending', 'cancelled'],
  verified: ['failed_verification'],
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

  it('refuses done before notBefore, naming it, and allows it from then on', () => {
    const notBefore = new Date('2026-12-03T08:00:00Z');
    expect(() => commitmentStatus.assertMove('pending', 'done', { kind: 'call_back', notBefore, now: new Date('2026-12-01T10:00:00Z') })).toThrow(
      'it was promised not before 2026-12-03T08:00:00.000Z (notBefore): it cannot be done yet',
    );
    expect(() => commitmentStatus.assertMove('pending', 'done', { kind: 'call_back', notBefore, now: notBefore })).not.toThrow();
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
