import { ValidateBy } from 'class-validator';
import { Duration } from 'luxon';

const DAY_UNITS = new Set(['years', 'months', 'weeks', 'days']);

/**
 * An ISO-8601 period of whole years, months, weeks and days (P3D, P1M, P8D),
 * or null: deadlines fall on days, so hours are not accepted, and neither
 * are negative, fractional or zero periods.
 */
export function parsePeriod(period: string): Duration | null {
  const duration = Duration.fromISO(period, { locale: 'en' });
  if (!duration.isValid) return null;
  const parts = Object.entries(duration.toObject());
  const wellFormed = parts.every(([unit, value]) => DAY_UNITS.has(unit) && Number.isInteger(value) && value! >= 0);
  return wellFormed && parts.some(([, value]) => value! > 0) ? duration : null;
}

/** A period made of days only (what business-day counting needs), as its number of days. */
export function periodDays(period: string): number | null {
  const duration = parsePeriod(period);
  return duration && Object.keys(duration.toObject()).every((unit) => unit === 'days') ? duration.days : null;
}

/** An ISO-8601 period of whole days, weeks, months or years, refused with 400 naming the field otherwise. */
export const IsDayPeriod = () =>
  ValidateBy({
    name: 'isDayPeriod',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parsePeriod(value) !== null,
      defaultMessage: (args) => `${args?.property} must be an ISO-8601 period of whole days, weeks, months or years, such as P3D or P1M`,
    },
  });
