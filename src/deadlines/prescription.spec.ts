import { CURRENT_SEEDED_DEADLINE_RULES } from '../database/migrations/1796330000000-press-prescription.js';
import type { DeadlineRule } from './deadline-rule.entity.js';
import { prescriptionOf, type PressGround } from './prescription.js';

const PARIS = 'Europe/Paris';
const SEEDED: readonly DeadlineRule[] = CURRENT_SEEDED_DEADLINE_RULES;
const prescribes = (publishedAt: string, ground: PressGround | null = null, timeZone = PARIS) => prescriptionOf(SEEDED, new Date(publishedAt), ground, timeZone).prescribesAt?.toISOString() ?? null;

describe('press-law prescription (loi du 29 juillet 1881, art. 65 and 65-3)', () => {
  it('is three months after the publication, to the end of the same date (the day of publication not counted)', () => {
    // Published 10 March 2027 in Paris: the last day is 10 June 2027, to 23:59:59.999 Paris summer time.
    expect(prescribes('2027-03-10T09:00:00+01:00')).toBe('2027-06-10T21:59:59.999Z');
  });

  it('names the rule and its reference', () => {
    const { rule } = prescriptionOf(SEEDED, new Date('2027-03-10T09:00:00+01:00'), null, PARIS);
    expect(rule).toEqual({ jurisdiction: 'FR', noticeType: 'press_prescription', period: 'P3M', reference: 'Loi du 29 juillet 1881, art. 65' });
  });

  it('is one year with an art. 65-3 ground', () => {
    expect(prescribes('2027-03-10T09:00:00+01:00', 'religion')).toBe('2028-03-10T22:59:59.999Z');
    expect(prescriptionOf(SEEDED, new Date('2027-03-10T09:00:00+01:00'), 'disability', PARIS).rule?.reference).toBe('Loi du 29 juillet 1881, art. 65-3');
  });

  it('ends on the last day of a shorter month: 30 November + 3 months is 28 February, or 29 in a leap year', () => {
    expect(prescribes('2026-11-30T12:00:00+01:00')).toBe('2027-02-28T22:59:59.999Z');
    expect(prescribes('2027-11-30T12:00:00+01:00')).toBe('2028-02-29T22:59:59.999Z');
  });

  it('ends on 28 February a year after a leap day (the earlier day, never later than the law’s)', () => {
    expect(prescribes('2028-02-29T10:00:00+01:00', 'sexual_orientation')).toBe('2029-02-28T22:59:59.999Z');
  });

  it('reads the publication’s day in CALUMET_TZ: 23:30 UTC on 31 January is 1 February in Paris', () => {
    expect(prescribes('2027-01-31T23:30:00Z')).toBe('2027-05-01T21:59:59.999Z');
    // The same instant in UTC is still 31 January: three months on is 30 April.
    expect(prescribes('2027-01-31T23:30:00Z', null, 'UTC')).toBe('2027-04-30T23:59:59.999Z');
  });

  it('is not moved when it falls on a weekend (a prescription, not a procedural deadline)', () => {
    // 5 September 2027 is a Sunday.
    expect(prescribes('2027-06-05T10:00:00+02:00')).toBe('2027-09-05T21:59:59.999Z');
  });

  it('is null when no rule applies (an admin removed the rows)', () => {
    const rules = SEEDED.filter((rule) => !rule.noticeType.startsWith('press_'));
    expect(prescriptionOf(rules, new Date('2027-03-10T09:00:00Z'), null, PARIS)).toEqual({ prescribesAt: null, rule: null });
  });

  it('follows an edited rule: an admin’s period is used', () => {
    const rules = SEEDED.map((rule) => (rule.noticeType === 'press_prescription' ? { ...rule, period: 'P4M' } : rule));
    expect(prescriptionOf(rules, new Date('2027-03-10T09:00:00+01:00'), null, PARIS).prescribesAt?.toISOString()).toBe('2027-07-10T21:59:59.999Z');
  });
});
