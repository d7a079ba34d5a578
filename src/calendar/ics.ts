import ical, { ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';

/** One event of the feed, everything said: the entry's facts, its words, its desk address. */
export interface FeedEvent {
  key: string;
  dueAt: Date;
  changedAt: Date;
  summary: string;
  description: string;
  url: string;
}

export interface FeedFacts {
  /** The calendar's name as clients list it (X-WR-CALNAME). */
  name: string;
  /** CALUMET_TZ: where a day ends. */
  timeZone: string;
  /** Where the UIDs live: the host of PUBLIC_URL. */
  domain: string;
  events: FeedEvent[];
  /** DTSTAMP: when this copy of the feed was made. */
  now: Date;
}

/** A timed event lasts this long, so clients draw it as a block at its time. */
const TIMED_MINUTES = 30;
/** SEQUENCE counts seconds since this instant, so it grows with every change of the row and stays a 32-bit integer (RFC 5545 3.3.8) until 2092. */
const SEQUENCE_EPOCH_MS = Date.UTC(2024, 0, 1);

/** Whether a moment is the last second of its day in the zone (a deadline "by the end of the day": 23:59:59, with or without its .999). */
export function endsItsDay(at: Date, timeZone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return local.hour === 23 && local.minute === 59 && local.second === 59;
}

/** The event's SEQUENCE: seconds from 2024 to its row's last change, never below 0. */
export const sequenceOf = (changedAt: Date): number => Math.max(0, Math.floor((changedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000));

/**
 * The feed as iCalendar (RFC 5545), written by ical-generator (CRLF lines,
 * 75-octet folding, escaping of , ; \ and newlines). No VTIMEZONE and no
 * TZID: a deadline at the end of a day in CALUMET_TZ is an all-day event
 * (DTSTART;VALUE=DATE, that day in CALUMET_TZ, DTEND the day after), which
 * Outlook, Google Calendar and Thunderbird all show on that date whatever the
 * reader's own zone; anything else is a timed event in UTC (…Z), which they
 * all read and show in the reader's zone. A TZID would need a VTIMEZONE that
 * Outlook insists on and Google ignores.
 */
export function icsOf(facts: FeedFacts): string {
  const calendar = ical({
    name: facts.name,
    prodId: { company: 'Calumet', product: 'Calendar feed', language: 'EN' },
    // REFRESH-INTERVAL and X-PUBLISHED-TTL: how often clients that heed them come back.
    ttl: 60 * 60,
  });
  for (const event of facts.events) {
    const allDay = endsItsDay(event.dueAt, facts.timeZone);
    const day = DateTime.fromJSDate(event.dueAt, { zone: facts.timeZone }).startOf('day');
    calendar.createEvent({
      id: `${event.key}@${facts.domain}`,
      allDay,
      start: allDay ? day : event.dueAt,
      end: allDay ? day.plus({ days: 1 }) : new Date(event.dueAt.getTime() + TIMED_MINUTES * 60_000),
      stamp: facts.now,
      lastModified: event.changedAt,
      sequence: sequenceOf(event.changedAt),
      summary: event.summary,
      description: event.description,
      url: event.url,
      // A reminder of work, not a meeting: it leaves the person's time free.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
