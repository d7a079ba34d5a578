import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { CreateCommentDto } from '../../src/comments/comment.dto.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { CreateCommitmentDto } from '../../src/commitments/commitment.dto.js';
import { Commitment } from '../../src/commitments/commitment.entity.js';
import { CommitmentsService } from '../../src/commitments/commitments.service.js';
import { validateAs } from '../../src/common/validation.js';
import { AppConfig } from '../../src/config/app-config.js';
import { ExportsService } from '../../src/exports/exports.service.js';
import { IncidentsService } from '../../src/incidents/incidents.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { startMedium, type Medium } from './harness.js';

/** The calendar feeds and the CSV exports on each database: the feeds' table and lookups, the exports read page after page. */
describe('calendar feeds and CSV exports', () => {
  let t: Medium;
  let me: string;
  let incidentId: string;

  beforeAll(async () => {
    t = await startMedium();
    me = (await t.get(UsersService).create({ name: 'Léa Lefèvre', email: 'lea@example.org', role: 'community_manager' })).user.id;
    incidentId = (await t.get(IncidentsService).create(t.actor, { title: 'Le café', severity: 'high', ownerId: me })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const secretOf = (url: string) => url.slice(url.lastIndexOf('/') + 1, -'.ics'.length);
  const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));

  it('opens a feed by its secret only until it is renewed or turned off, or its person is deactivated', async () => {
    const calendars = t.get(CalendarService);
    const first = secretOf((await calendars.issue(me)).url);
    expect(await calendars.feed(first)).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const second = secretOf((await calendars.issue(me)).url);
    expect(await calendars.feed(first)).toBeNull();
    expect(await calendars.issuedAt(me)).toBeInstanceOf(Date);
    await t.get(UsersService).update(me, { active: false });
    expect(await calendars.feed(second)).toBeNull();
    await t.get(UsersService).update(me, { active: true });
    expect(await calendars.feed(second)).not.toBeNull();
    expect(await calendars.turnOff(me)).toBe(true);
    expect(await calendars.feed(second)).toBeNull();
    expect(await calendars.turnOff(me)).toBe(false);
    expect(await calendars.issuedAt(me)).toBeNull();
  });

  it('shows a commitment due at the end of a day in CALUMET_TZ as an all-day event on that day, and moves it in place', async () => {
    const zone = t.get(AppConfig).timeZone;
    const endOfDay = DateTime.fromISO('2026-12-24', { zone }).endOf('day');
    const commitment = await t
      .get(CommitmentsService)
      .create(t.actor, incidentId, await validateAs(CreateCommitmentDto, { kind: 'call_back', description: 'Rappeler, «\u202favant Noël\u202f»', dueAt: endOfDay.toJSDate().toISOString() }));
    const calendars = t.get(CalendarService);
    const secret = secretOf((await calendars.issue(me)).url);
    const [event] = events((await calendars.feed(secret))!);
    expect([event!.uid.startsWith(`commitment-${commitment.id}@`), event!.startDate.isDate, event!.startDate.toString(), event!.summary]).toEqual([
      true,
      true,
      '2026-12-24',
      'Commitment due: Rappeler, «\u202favant Noël\u202f»',
    ]);
    await t.write((manager) => manager.update(Commitment, commitment.id, { dueAt: new Date('2026-12-26T14:00:00Z'), updatedAt: new Date(Date.now() + 5_000) }));
    const [moved] = events((await calendars.feed(secret))!);
    expect([moved!.uid, moved!.startDate.isDate, moved!.startDate.toJSDate().toISOString()]).toEqual([event!.uid, false, '2026-12-26T14:00:00.000Z']);
    expect(moved!.sequence).toBeGreaterThan(event!.sequence);
  });

  it('exports a thread longer than a page of the list, oldest first, every body as written', async () => {
    const comments = t.get(CommentsService);
    const start = Date.parse('2026-11-01T08:00:00Z');
    for (let n = 0; n < 105; n += 1) {
      await comments.create(t.actor, incidentId, await validateAs(CreateCommentDto, { direction: 'inbound', authorName: 'Zoé', body: `Message n° ${n}\nsuite, «\u202fé\u202f»`, postedAt: new Date(start + n * 60_000).toISOString() }));
    }
    const file = await t.get(ExportsService).thread(incidentId);
    expect(file.text.startsWith('\ufeff')).toBe(true);
    const rows = parse(file.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(105);
    expect(rows.map((row) => row['body'])).toEqual(Array.from({ length: 105 }, (_, n) => `Message n° ${n}\nsuite, «\u202fé\u202f»`));
    expect(rows.every((row) => row['author'] === 'Zoé' && row['direction'] === 'inbound')).toBe(true);
  });
});
