import { NOTICE_TYPES } from './notice-kinds.js';

/**
 * Which date starts the clock. acknowledgedAt is the registered mail's
 * acknowledgment of receipt; publishedAt, the publication of the words a
 * press-law prescription rule counts from (those rules only).
 */
export const CLOCK_STARTS = ['receivedAt', 'acknowledgedAt', 'sentAt', 'publishedAt'] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];
/** business skips Saturdays and Sundays; calendar counts every day. */
export const DAY_COUNTS = ['calendar', 'business'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];

/**
 * The keys of the press-law prescription rules (loi du 29 juillet 1881):
 * art. 65 (3 months) and art. 65-3 (1 year). They share the rule table with
 * the notice types, so one GET/PUT /api/deadline-rules edits them all.
 */
export const PRESCRIPTION_RULE_TYPES = ['press_prescription', 'press_prescription_65_3'] as const;
export type PrescriptionRuleType = (typeof PRESCRIPTION_RULE_TYPES)[number];

/** What a deadline rule is for: a type of legal notice, or a press-law prescription. */
export const RULE_TYPES = [...NOTICE_TYPES, ...PRESCRIPTION_RULE_TYPES] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const isPrescriptionRule = (type: string): type is PrescriptionRuleType => (PRESCRIPTION_RULE_TYPES as readonly string[]).includes(type);
