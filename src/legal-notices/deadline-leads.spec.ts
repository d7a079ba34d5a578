import { DateTime } from 'luxon';
import { deadlineLeads } from './deadline-reminders.js';

const HOUR = 3_600_000;
const LEADS = [48 * HOUR, 24 * HOUR, 0];
const PARIS = 'Europe/Paris';
const at = (local: string) => DateTime.fromISO(local, { zone: PARIS }).toJSDate();
const local = (date: Date) => DateTime.fromJSDate(date, { zone: PARIS }).toFormat("yyyy-MM-dd'T'HH:mm");
const leadsOf = (respondBy: Date, now: Date, leadTimes = LEADS) => deadlineLeads(respondBy, leadTimes, PARIS, now).map((lead) => `${lead.kind}#${lead.sequence}@${local(lead.dueAt)}`);

describe('deadlineLeads', () => {
  it('reminds of a deadline that ends with its day in the morning of two days before, the day before and the last day', () => {
    const respondBy = at('2026-12-12T23:59:59.999');
    expect(leadsOf(respondBy, at('2026-12-04T10:00'))).toEqual(['deadline_warning#1@2026-12-10T09:00', 'deadline_warning#2@2026-12-11T09:00', 'deadline_due#3@2026-12-12T09:00']);
    for (const lead of deadlineLeads(respondBy, LEADS, PARIS, at('2026-12-04T10:00'))) expect(lead.owedBy).toEqual(respondBy);
  });

  it('keeps each reminder on its day across a change of the clocks', () => {
    // Summer time ends on 25 October 2026 at 03:00 in Paris: 48 hours before 26 October 23:59 is 24 October 23:59 by the calendar, not 25 October 00:59.
    expect(leadsOf(at('2026-10-26T23:59:59.999'), at('2026-10-01T10:00'))).toEqual(['deadline_warning#1@2026-10-24T09:00', 'deadline_warning#2@2026-10-25T09:00', 'deadline_due#3@2026-10-26T09:00']);
    expect(leadsOf(at('2026-03-30T23:59:59.999'), at('2026-03-01T10:00'))).toEqual(['deadline_warning#1@2026-03-28T09:00', 'deadline_warning#2@2026-03-29T09:00', 'deadline_due#3@2026-03-30T09:00']);
  });

  it('reminds of a deadline at a time of day exactly each lead time before it', () => {
    expect(leadsOf(at('2026-12-12T14:30'), at('2026-12-04T10:00'))).toEqual(['deadline_warning#1@2026-12-10T14:30', 'deadline_warning#2@2026-12-11T14:30', 'deadline_due#3@2026-12-12T14:30']);
    // A lead time of hours and days: the days by the calendar, the hours by the clock, then the morning.
    expect(leadsOf(at('2026-12-12T23:59:59.999'), at('2026-12-04T10:00'), [36 * HOUR])).toEqual(['deadline_warning#1@2026-12-11T09:00']);
  });

  it('leaves out the reminders already past, but for the last day’s: recorded that day after the morning, the deadline is reminded of now', () => {
    const respondBy = at('2026-12-12T23:59:59.999');
    expect(leadsOf(respondBy, at('2026-12-11T08:00'))).toEqual(['deadline_warning#2@2026-12-11T09:00', 'deadline_due#3@2026-12-12T09:00']);
    expect(leadsOf(respondBy, at('2026-12-11T10:00'))).toEqual(['deadline_due#3@2026-12-12T09:00']);
    expect(leadsOf(respondBy, at('2026-12-12T15:00'))).toEqual(['deadline_due#3@2026-12-12T15:00']);
    expect(leadsOf(respondBy, at('2026-12-13T00:30'))).toEqual([]);
  });
});
