import { PRESS_GROUNDS_65_3, PRESS_OFFENCES, type PressGround, type PressOffence } from '../deadlines/prescription.js';

export { PRESS_GROUNDS_65_3, PRESS_OFFENCES, type PressGround, type PressOffence };

/** What can be marked: a message of the incident's thread, or one of the incident's posts. */
export const MARKED_SUBJECTS = ['comment', 'post'] as const;
export type MarkedSubject = (typeof MARKED_SUBJECTS)[number];

/** A mark stands until a person removes it (with a reason); a removed mark is kept, with who removed it and why. */
export const MARK_STATUSES = ['active', 'removed'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

/** Days before the prescription date at which its reminders go out. */
export const PRESCRIPTION_LEAD_DAYS = [30, 7, 1] as const;
