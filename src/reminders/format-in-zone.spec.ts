import { DateTime } from 'luxon';
import { formatInZone } from './reminder-message.js';

describe(formatInZone.name, () => {
  it('writes what luxon writes for `ccc d LLL yyyy, HH:mm (z)`, in every zone, across changes of offset, midnight and the year', () => {
    const zones = ['Europe/Paris', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
    const start = Date.UTC(2026, 0, 1);
    for (const zone of zones) {
      // Every 7 hours and 13 minutes through a year: each weekday, month, hour and both offsets of a zone with summer time.
      for (let t = start; t < start + 366 * 86_400_000; t += 26_000_000) {
        const date = new Date(t);
        expect(formatInZone(date, zone)).toBe(DateTime.fromJSDate(date, { zone }).toFormat("ccc d LLL yyyy, HH:mm '('z')'"));
      }
    }
  });

  it('reads midnight as 00, not 24', () => {
    expect(formatInZone(new Date('2026-11-30T23:00:00Z'), 'Europe/Paris')).toBe('Tue 1 Dec 2026, 00:00 (Europe/Paris)');
  });
});
