import type { EntityManager } from 'typeorm';
import type { Translator } from '../i18n/i18n.js';
import { methodHook } from './hooks.js';

/**
 * One dated thing a person owes, as their calendar feed shows it (one VEVENT).
 * A source says what and when, in the person's words; the feed
 * (src/calendar) turns it into iCalendar.
 */
export interface CalendarEntry {
  /**
   * Names the thing across every version of the feed: the source's kind and
   * its row's id (`notice-<id>`). It becomes the event's UID, so a change
   * (a deadline moved) replaces the event in the person's calendar instead of
   * adding one. Never derived from what may change (a date, a title).
   */
  key: string;
  /** The incident it belongs to: the description names it. */
  incidentId: string;
  /**
   * When it is owed. A moment at the last millisecond of a day in CALUMET_TZ
   * (a legal deadline, 23:59:59.999) is shown as an all-day event on that
   * day; any other moment as a timed event.
   */
  dueAt: Date;
  /** When its row last changed: the event's LAST-MODIFIED, and its SEQUENCE grows with it. */
  changedAt: Date;
  /** The event's title, in the reader's language (`t`). */
  summary: string;
  /** A few more words for the event's description (the notice's type, the commitment's text), in the reader's language. */
  detail?: string;
  /** Where it is on the desk: a path of the site (`/legal-notices/<id>`), made absolute with PUBLIC_URL. */
  path: string;
}

/** What a source is asked: whose feed it is and how to say things to them. */
export interface CalendarRequest {
  userId: string;
  /** Reads outside any unit of work (the feed writes nothing). */
  manager: EntityManager;
  /** The person's language and the desk's time zone. */
  t: Translator;
  now: Date;
}

export interface CalendarEntriesHook {
  /** What the source adds, for messages: "legal deadlines". */
  source: string;
  /** The order of the sources in the feed: lower first. Two sources with one priority fail the boot. */
  priority: number;
}

type ListEntries = (request: CalendarRequest) => Promise<CalendarEntry[]>;

/**
 * Marks a provider's method as a source of the personal calendar feed
 * (`GET /calendar/<secret>.ics`): given a person, the dated things they owe
 * from its feature's rows, read through the owner's `*-reads.ts`. Adding a
 * kind of date to the feed is one such method (docs/architecture.md, "Hooks").
 */
export const CalendarEntries = methodHook<CalendarEntriesHook, ListEntries>();
