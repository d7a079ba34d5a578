import { DateTime } from 'luxon';
import { endsWithDay, remindTimeOf } from './day-end.js';

const at = (local: string, zone = 'Europe/Paris') => DateTime.fromISO(local, { zone }).toJSDate();

describe('day-end', () => {
  it('reminds of what is due by the end of a day in that day’s morning, in the desk’s zone', () => {
    expect(endsWithDay(at('2026-12-02T23:59:59.999'), 'Europe/Paris')).toBe(true);
    expect(remindTimeOf(at('2026-12-02T23:59:59.999'), 'Europe/Paris')).toEqual(at('2026-12-02T09:00'));
    // The same instant is not the end of a day in New York.
    expect(endsWithDay(at('2026-12-02T23:59:59.999'), 'America/New_York')).toBe(false);
    expect(remindTimeOf(at('2026-12-02T23:59:59.999'), 'America/New_York')).toEqual(at('2026-12-02T23:59:59.999'));
  });

  it('reminds of what is due at a time of day at that time', () => {
    expect(remindTimeOf(at('2026-12-02T18:00'), 'Europe/Paris')).toEqual(at('2026-12-02T18:00'));
    expect(remindTimeOf(at('2026-12-02T23:58'), 'Europe/Paris')).toEqual(at('2026-12-02T23:58'));
  });
});
