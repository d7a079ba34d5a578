import { IntlMessageFormat } from 'intl-messageformat';
import { DateTime } from 'luxon';
import type { Problem } from '../common/problem.js';
import { en, type MessageKey } from './en.js';
import { ENUM_WORDS } from './enums.js';
import { fr } from './fr.js';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };
const compiled = new Map<string, IntlMessageFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The first language of Accept-Language Calumet speaks, by q-value; English otherwise. */
export function negotiateLocale(header: string | undefined): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: (tag ?? '').trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? 'en';
}

/** Messages, enum words and dates for one reader: their language, the desk's time zone. */
export class Translator {
  constructor(
    readonly locale: Locale,
    readonly timeZone: string,
  ) {}

  t(key: MessageKey, values?: Record<string, string | number>): string {
    const id = `${this.locale}:${key}`;
    let format = compiled.get(id);
    if (!format) {
      format = new IntlMessageFormat(CATALOGUES[this.locale][key], this.locale);
      compiled.set(id, format);
    }
    return String(format.format(values));
  }

  /**
   * A problem of a refused request in the reader's language: the catalogue's
   * `problem.<code>` with the problem's values and the field's name, or the
   * English sentence where the catalogue has no such message.
   */
  problem(problem: Problem): string {
    const key = `problem.${problem.code}`;
    if (!(key in CATALOGUES[this.locale])) return problem.message;
    return this.t(key as MessageKey, { field: problem.field ?? '', ...problem.values });
  }

  /** An enum value as a word ('legal_threat' → 'Legal threat'); the raw value when the catalogue lacks it. */
  word(group: string, value: string, values?: Record<string, string>): string {
    const text = ENUM_WORDS[this.locale][`${group}.${value}`];
    if (text === undefined) return value;
    return values ? text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '') : text;
  }

  /** The zone as readers know it (Europe/Paris → CET or CEST at that date). */
  zoneName(at: Date = new Date()): string {
    return DateTime.fromJSDate(at, { zone: this.timeZone }).setLocale(this.locale).toFormat('ZZZZ');
  }

  dateTime(value: Date | string | null | undefined): string {
    if (!value) return '';
    const p = this.parts(value);
    return this.locale === 'fr' ? `${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute} ${p.timeZoneName}` : `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
  }

  time(value: Date | string): string {
    const p = this.parts(value);
    return `${p.hour}:${p.minute}`;
  }

  date(value: Date | string): string {
    const p = this.parts(value);
    return `${p.day} ${p.month} ${p.year}`;
  }

  /** A page shows hundreds of dates: one cached Intl formatter per language and zone (luxon's formatting costs ten times more). */
  private parts(value: Date | string): Record<'day' | 'month' | 'year' | 'hour' | 'minute' | 'timeZoneName', string> {
    const key = `${this.locale}|${this.timeZone}`;
    let format = dateFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, { timeZone: this.timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' });
      dateFormats.set(key, format);
    }
    const out: Record<string, string> = {};
    for (const part of format.formatToParts(typeof value === 'string' ? new Date(value) : value)) out[part.type] = part.value;
    return out as Record<'day' | 'month' | 'year' | 'hour' | 'minute' | 'timeZoneName', string>;
  }

  /** A value for an <input type="datetime-local">, in the desk's zone (read back in CALUMET_TZ by the API's rule). */
  inputValue(value: Date | string): string {
    return DateTime.fromJSDate(typeof value === 'string' ? new Date(value) : value, { zone: this.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
  }

  /** 'in 2 days', 'il y a 3 heures': the largest whole unit. */
  relative(value: Date | string, now: Date = new Date()): string {
    const ms = new Date(value).getTime() - now.getTime();
    const format = new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' });
    const abs = Math.abs(ms);
    const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
    for (const [unit, size] of units) if (abs >= size) return format.format(Math.trunc(ms / size), unit);
    return format.format(0, 'minute');
  }
}
