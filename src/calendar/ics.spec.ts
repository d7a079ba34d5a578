import { endsItsDay, icsOf, sequenceOf } from './ics.js';

describe('icsOf', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const event = (fields: Partial<Parameters<typeof icsOf>[0]['events'][number]> = {}) => ({
    key: 'notice-1',
    dueAt: new Date('2026-11-10T22:59:59.999Z'),
    changedAt: new Date('2026-11-02T09:00:00Z'),
    summary: 'Délai légal',
    description: 'Line one\nLine two',
    url: 'https://calumet.example.org/legal-notices/1',
    ...fields,
  });
  const ics = (fields: Partial<ReturnType<typeof event>> = {}) => icsOf({ name: 'Calumet', timeZone: 'Europe/Paris', domain: 'calumet.example.org', events: [event(fields)], now });

  it('takes the last second of a day in the zone for an all-day deadline, and nothing else', () => {
    expect(endsItsDay(new Date('2026-11-10T22:59:59.999Z'), 'Europe/Paris')).toBe(true);
    expect(endsItsDay(new Date('2026-07-10T21:59:59Z'), 'Europe/Paris')).toBe(true);
    expect(endsItsDay(new Date('2026-11-10T23:59:59.999Z'), 'Europe/Paris')).toBe(false);
    expect(endsItsDay(new Date('2026-11-10T17:00:00Z'), 'Europe/Paris')).toBe(false);
  });

  it('writes an all-day event on the local date and a timed one in UTC, with a stable UID', () => {
    expect(ics()).toContain('DTSTART;VALUE=DATE:20261110\r\nDTEND;VALUE=DATE:20261111\r\n');
    expect(ics()).toContain('UID:notice-1@calumet.example.org\r\n');
    expect(ics({ dueAt: new Date('2026-11-30T17:00:00Z') })).toContain('DTSTART:20261130T170000Z\r\nDTEND:20261130T173000Z\r\n');
  });

  it('escapes commas, semicolons, backslashes and newlines, and folds lines at 75 octets without splitting a character', () => {
    const text = ics({ summary: 'a, b; c\\d', description: `${'é'.repeat(60)}\nend` });
    expect(text).toContain('SUMMARY:a\\, b\\; c\\\\d\r\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:${'é'.repeat(60)}\\nend\r\n`);
  });

  it('counts SEQUENCE in seconds from 2024, growing with the row’s changes', () => {
    expect(sequenceOf(new Date('2024-01-01T00:00:00Z'))).toBe(0);
    expect(sequenceOf(new Date('2023-06-01T00:00:00Z'))).toBe(0);
    expect(sequenceOf(new Date('2026-11-02T09:00:01Z'))).toBe(sequenceOf(new Date('2026-11-02T09:00:00Z')) + 1);
    expect(ics()).toContain(`SEQUENCE:${sequenceOf(new Date('2026-11-02T09:00:00Z'))}\r\n`);
  });
});
