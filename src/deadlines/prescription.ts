import { DateTime } from 'luxon';
import type { DeadlineRule } from './deadline-rule.entity.js';
import type { PrescriptionRuleType } from './deadline-rule.types.js';
import { addPeriod, findRule } from './deadline-calculator.js';

/** The press offences a message can be marked for (loi du 29 juillet 1881, art. 29: diffamation al. 1, injure al. 2). */
export const PRESS_OFFENCES = ['defamation', 'insult'] as const;
export type PressOffence = (typeof PRESS_OFFENCES)[number];

/**
 * The grounds of art. 65-3 of the loi du 29 juillet 1881 that make the
 * prescription one year: defamation or insult (art. 32 al. 2 and 3, art. 33
 * al. 3 and 4) or provocation (art. 24 al. 7 and 8) because of origin,
 * ethnicity, nation, race or religion, sex, sexual orientation or gender
 * identity, or disability; and the denial or trivialisation of crimes
 * against humanity (art. 24 bis).
 */
export const PRESS_GROUNDS_65_3 = ['origin', 'ethnicity', 'nation', 'race', 'religion', 'sex', 'sexual_orientation', 'gender_identity', 'disability', 'crime_denial'] as const;
export type PressGround = (typeof PRESS_GROUNDS_65_3)[number];

/** Press-law prescription is French law: the rules are looked up for FR (a FR row, else EU, else *). */
export const PRESCRIPTION_JURISDICTION = 'FR';

/** The rule key for a mark: art. 65-3's year with a ground, art. 65's three months without. */
export const prescriptionRuleType = (ground: PressGround | null): PrescriptionRuleType => (ground ? 'press_prescription_65_3' : 'press_prescription');

export interface Prescription {
  /** The end of the last day on which the action may be brought, in the zone; null when no rule applies. */
  prescribesAt: Date | null;
  /** The rule that gave it. */
  rule: Pick<DeadlineRule, 'jurisdiction' | 'noticeType' | 'period' | 'reference'> | null;
}

/**
 * When the action for a press offence is time-barred: the publication's day
 * (in `timeZone`) does not count, the period runs date to date (months clamp
 * to the month's end: 30 November + 3 months = 28 February, 29 in a leap
 * year), and the last day is whole (23:59:59.999 in `timeZone`). Never moved
 * to the next working day: it is a prescription, not a procedural deadline.
 */
export function prescriptionOf(rules: readonly DeadlineRule[], publishedAt: Date, ground: PressGround | null, timeZone: string): Prescription {
  const rule = findRule(rules, prescriptionRuleType(ground), PRESCRIPTION_JURISDICTION);
  if (!rule) return { prescribesAt: null, rule: null };
  const lastDay = addPeriod(DateTime.fromJSDate(publishedAt, { zone: timeZone }), rule.period, 'calendar');
  return {
    prescribesAt: lastDay.endOf('day').toJSDate(),
    rule: { jurisdiction: rule.jurisdiction, noticeType: rule.noticeType, period: rule.period, reference: rule.reference },
  };
}
