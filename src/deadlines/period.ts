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

/** Units a period may be typed in, in English and in French, singular and plural, whole or cut short. */
const UNIT_WORDS: Readonly<Record<string, 'Y' | 'M' | 'W' | 'D'>> = {
  y: 'Y', yr: 'Y', yrs: 'Y', year: 'Y', years: 'Y', an: 'Y', ans: 'Y', année: 'Y', années: 'Y', annee: 'Y', annees: 'Y',
  m: 'M', mo: 'M', month: 'M', months: 'M', mois: 'M',
  w: 'W', wk: 'W', wks: 'W', week: 'W', weeks: 'W', sem: 'W', semaine: 'W', semaines: 'W',
  d: 'D', day: 'D', days: 'D', j: 'D', jour: 'D', jours: 'D',
};

/**
 * A period as a person types it, in words or as ISO 8601: « 3 jours »,
 * « 1 an et 6 mois », "2 weeks", "1 year, 6 months", "p3d". Its ISO-8601
 * form (P3D, P1Y6M) when it is a period parsePeriod accepts, else null.
 */
export function readPeriod(typed: string): string | null {
  const text = typed.trim().toLocaleLowerCase('fr');
  if (/^p/.test(text)) return parsePeriod(text.toUpperCase()) ? text.toUpperCase() : null;
  const counts = { Y: 0, M: 0, W: 0, D: 0 };
  let understood = true;
  const rest = text.replace(/(\d+)\s*(\p{L}+)\.?/gu, (_, count: string, word: string) => {
    const unit = UNIT_WORDS[word];
    if (unit) counts[unit] += Number(count);
    else understood = false;
    return ' ';
  });
  // Between the parts, only commas, « et », "and" and spaces.
  if (!understood || rest.replace(/,|\bet\b|\band\b|\s/gu, '') !== '') return null;
  const iso = `P${Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([unit, count]) => `${count}${unit}`)
    .join('')}`;
  return parsePeriod(iso) ? iso : null;
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
