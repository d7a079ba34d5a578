import { DateTime } from 'luxon';

/**
 * The hour (in CALUMET_TZ) something due by the end of its day is reminded
 * of: that day's morning, when people can act on it, rather than 23:59, one
 * minute before it passes (a deadline counted in days, a reply the law gives
 * days for).
 */
export const MORNING_HOUR = 9;

/** Whether `at` is the last minute of its day in `zone`: a time due by the end of a day. */
export function endsWithDay(at: Date, zone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone });
  return local.hour === 23 && local.minute === 59;
}

/** MORNING_HOUR of the day `at` falls on, in `zone`. */
export function morningOf(at: Date, zone: string): Date {
  return DateTime.fromJSDate(at, { zone }).set({ hour: MORNING_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** When to remind of something due at `due`: the morning of its day when it is due by the day's end, else at `due` itself. */
export function remindTimeOf(due: Date, zone: string): Date {
  return endsWithDay(due, zone) ? morningOf(due, zone) : due;
}
