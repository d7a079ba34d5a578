/** The kinds, statuses and subjects of reminders: what other features name without reading the table. */

export const REMINDER_KINDS = [
  'response_due',
  'deadline_warning',
  'deadline_due',
  'commitment_due',
  'follow_up',
  'verification_failed',
  'escalation_notice',
  /** A press-law prescription approaching (30, 7 and 1 days before it; src/prescriptions). */
  'prescription_warning',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_STATUSES = ['scheduled', 'sent', 'cancelled', 'failed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** What a reminder is about: the row whose state decides whether it is still owed. */
export const SUBJECT_TYPES = ['incident', 'comment', 'notice', 'commitment', 'post', 'prescription'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export type Subject = { type: SubjectType; id: string };
