import type { ResponseSla } from '../config/app-config.js';
import type { Severity } from '../incidents/escalation.js';

export type ChainStep = { kind: 'response_due' | 'escalation_notice'; sequence: number; dueAt: Date };

export const responseSlaMs = (sla: ResponseSla, severity: Severity): number => sla[severity];

/**
 * After the nth response_due went out and the comment is still unanswered:
 * the next reminder one SLA period after it fired, until `chainLength` have
 * gone out; then the escalation notice, one more period later.
 */
export function nextChainStep(sentSequence: number, firedAt: Date, slaMs: number, chainLength: number): ChainStep {
  const dueAt = new Date(firedAt.getTime() + slaMs);
  return sentSequence < chainLength ? { kind: 'response_due', sequence: sentSequence + 1, dueAt } : { kind: 'escalation_notice', sequence: 1, dueAt };
}

/**
 * When a comment's first reply reminder fires: when the reply is owed, or,
 * for a comment logged after that (history logged after the fact), no sooner
 * than `graceMs` after it was logged, so the reply logged a moment later
 * cancels it before anyone is told.
 */
export function firstReminderAt(owedBy: Date, loggedAt: Date, graceMs: number): Date {
  return owedBy.getTime() >= loggedAt.getTime() ? owedBy : new Date(loggedAt.getTime() + graceMs);
}
