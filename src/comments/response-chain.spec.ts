import { firstReminderAt, nextChainStep, responseSlaMs } from './response-chain.js';

describe('response chain', () => {
  const firedAt = new Date('2026-11-26T10:00:00Z');
  const hour = 3_600_000;

  it('uses the SLA of the incident severity', () => {
    const sla = { critical: hour, high: 4 * hour, medium: 24 * hour, low: 72 * hour };
    expect(responseSlaMs(sla, 'critical')).toBe(hour);
    expect(responseSlaMs(sla, 'low')).toBe(72 * hour);
  });

  it('repeats one SLA period after the last reminder fired, with the next sequence', () => {
    expect(nextChainStep(1, firedAt, hour, 3)).toEqual({ kind: 'response_due', sequence: 2, dueAt: new Date('2026-11-26T11:00:00Z') });
    expect(nextChainStep(2, firedAt, hour, 3)).toEqual({ kind: 'response_due', sequence: 3, dueAt: new Date('2026-11-26T11:00:00Z') });
  });

  it('escalates one period after the last reminder of the chain went out unanswered', () => {
    expect(nextChainStep(3, firedAt, 4 * hour, 3)).toEqual({ kind: 'escalation_notice', sequence: 1, dueAt: new Date('2026-11-26T14:00:00Z') });
  });

  it('escalates after the first reminder when the chain holds one', () => {
    expect(nextChainStep(1, firedAt, hour, 1).kind).toBe('escalation_notice');
  });

  it('reminds of a reply not yet owed when it is owed', () => {
    expect(firstReminderAt(new Date('2026-11-26T14:00:00Z'), firedAt, 5 * 60_000)).toEqual(new Date('2026-11-26T14:00:00Z'));
  });

  it('reminds of a comment logged after its reply was owed no sooner than the grace period after it was logged', () => {
    expect(firstReminderAt(new Date('2026-11-20T14:00:00Z'), firedAt, 5 * 60_000)).toEqual(new Date('2026-11-26T10:05:00Z'));
  });
});
