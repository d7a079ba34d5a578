import { IntlMessageFormat } from 'intl-messageformat';
import { DateTime } from 'luxon';
import { en, type MessageKey } from './en.js';
import { ENUM_WORDS } from './enums.js';
import { fr } from './fr.js';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** The values a message may name: a list is said as one ('a, b and c') in the reader's language. */
export type MessageValue = string | number | readonly string[];

/** A problem of a refused request (its codes are typed in src/common/problem.ts, above this plumbing). */
export interface ProblemLike {
  /** The field it is about as a path (`demands.0.kind`); none when it is about the request as a whole. */
  field?: string;
  /** What is wrong: the catalogue's `problem.<code>`. */
  code: string;
  /** What the sentence names; a list is said as one ('a, b and c'). */
  values?: Record<string, MessageValue>;
  /**
   * How to say a value in the reader's language, by its name: a group of
   * enum words (`state`, `role`…), `date`, `field`, or `message:<prefix>`
   * (each item a message of the catalogue). Values without are said as they are.
   */
  words?: Record<string, string>;
  /** The English sentence. */
  message: string;
}

/** Whether the catalogues hold this key (a problem's code, a field's word). */
export const hasMessage = (key: string): key is MessageKey => key in en;
const compiled = new Map<string, IntlMessageFormat>();
/** The messages without values, as said: one per language and key. */
const plainMessages = new Map<string, string>();
type DateParts = Record<'day' | 'month' | 'year' | 'hour' | 'minute' | 'timeZoneName', string>;
type MinuteParts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;
/** One formatter per name (its language, zone and fields), and the parts of the minutes it already said. */
const minuteFormats = new Map<string, { format: Intl.DateTimeFormat; minutes: Map<number, MinuteParts> }>();
/** Minutes kept per formatter; past that its memory starts again (a few MB at most). */
const MINUTES_KEPT = 20_000;

/**
 * The parts of the minute of `at` as the formatter named `name` says them
 * (`make` builds it the first time): each minute formatted once and kept,
 * since only minutes are shown and `formatToParts` costs microseconds while a
 * page, or a batch of reminders' notes, says hundreds of dates.
 */
export function minutePartsOf(name: string, make: () => Intl.DateTimeFormat, at: Date | string): MinuteParts {
  const minute = Math.floor((typeof at === 'string' ? Date.parse(at) : at.getTime()) / 60_000);
  let formatter = minuteFormats.get(name);
  const known = formatter?.minutes.get(minute);
  if (known) return known;
  if (!formatter) minuteFormats.set(name, (formatter = { format: make(), minutes: new Map() }));
  const parts: MinuteParts = {};
  for (const part of formatter.format.formatToParts(minute * 60_000)) parts[part.type] = part.value;
  if (formatter.minutes.size >= MINUTES_KEPT) formatter.minutes.clear();
  formatter.minutes.set(minute, parts);
  return parts;
}

/** The first language of Accept-Language Calumet speaks, by q-value; the desk's (English by default) otherwise. */
export function negotiateLocale(header: string | undefined, fallback: Locale = 'en'): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: (tag ?? '').trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? fallback;
}

/**
 * French elision where a value met a short word: « de Apaisement » →
 * « d’Apaisement », « que admin » → « qu’admin », « de Le fondateur » → « du
 * fondateur ». Words before an h are left as they are (h aspiré or muet cannot
 * be told from the spelling).
 */
export function elide(text: string): string {
  return text
    .replace(/(?<![\p{L}\p{N}’'-])(de|De|à|À) (le|Le|les|Les) (?=\p{L})/gu, (_, before: string, article: string) => {
      const plural = article.toLowerCase() === 'les';
      const capital = before === 'De' || before === 'À';
      const word = before.toLowerCase() === 'de' ? (plural ? 'des' : 'du') : plural ? 'aux' : 'au';
      return `${capital ? word.charAt(0).toUpperCase() + word.slice(1) : word} `;
    })
    .replace(/(?<![\p{L}\p{N}’'-])(de|De|que|Que|le|Le|la|La|ne|Ne|se|Se|jusque|lorsque|puisque) (?=[aeiouyàâäéèêëîïôöûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜ])/gu, (_, word: string) => `${word.slice(0, -1)}’`);
}

/** Messages, enum words and dates for one reader: their language, the desk's time zone. */
export class Translator {
  constructor(
    readonly locale: Locale,
    readonly timeZone: string,
  ) {}

  t(key: MessageKey, values?: Record<string, MessageValue>): string {
    const id = `${this.locale}:${key}`;
    // A message without values reads the same every time: a page says "Reply" hundreds of times.
    if (!values) {
      const known = plainMessages.get(id);
      if (known !== undefined) return known;
    }
    let format = compiled.get(id);
    if (!format) {
      format = new IntlMessageFormat(CATALOGUES[this.locale][key], this.locale);
      compiled.set(id, format);
    }
    const text = String(format.format(values && this.lists(values)));
    const said = this.locale === 'fr' ? elide(text) : text;
    if (!values) plainMessages.set(id, said);
    return said;
  }

  /**
   * A problem of a refused request in the reader's language: the catalogue's
   * `problem.<code>.<field>` (a field's own sentence) or `problem.<code>`,
   * with the problem's values said as words and the field's name as a word;
   * the English sentence where the catalogue has no such message.
   */
  problem(problem: ProblemLike): string {
    const leaf = problem.field?.split('.').filter((part) => !/^\d+$/.test(part)).at(-1);
    const key = [leaf ? `problem.${problem.code}.${leaf}` : '', `problem.${problem.code}`].find(hasMessage);
    if (!key) return problem.message;
    const values: Record<string, MessageValue> = { field: problem.field ? this.fieldNamed(this.field(problem.field), CATALOGUES[this.locale][key]) : '' };
    for (const [name, value] of Object.entries(problem.values ?? {})) values[name] = this.say(value, problem.words?.[name], problem.values ?? {});
    try {
      return this.t(key, values);
    } catch {
      // A value the sentence names is missing: the English sentence is still true.
      return problem.message;
    }
  }

  /**
   * The field a problem is about, as its sentence starts with it. French says
   * it as « Le champ « Quand » ne doit pas être dans le futur. », where the
   * bare label (« Quand ne doit pas… », « Reçue le ne doit pas… ») does not
   * read as a sentence; a sentence that names its field as a heading
   * (« L’adresse : … ») keeps the label; English says the label alone ("When must not be…").
   */
  private fieldNamed(label: string, sentence: string): string {
    return this.locale === 'fr' && !/^\{field\}\s*:/u.test(sentence) ? `Le champ ${this.quoted(label)}` : label;
  }

  /** A field's label quoted within a French sentence (« Pas avant »); as it is in English. */
  private quoted(label: string): string {
    return this.locale === 'fr' ? `«\u202f${label}\u202f»` : label;
  }

  /** A field's name as a word: 'demands.0.kind' → 'Demand 1 › Kind' (`field.<name>` of the catalogue, the name itself otherwise). */
  field(path: string): string {
    const parts: string[] = [];
    for (const part of path.split('.')) {
      if (/^\d+$/.test(part) && parts.length) parts[parts.length - 1] += ` ${Number(part) + 1}`;
      else parts.push(hasMessage(`field.${part}`) ? this.t(`field.${part}` as MessageKey) : part);
    }
    return parts.join(' › ');
  }

  /** One value of a problem in words: see ProblemLike.words. */
  private say(value: MessageValue, how: string | undefined, all: Record<string, MessageValue>): MessageValue {
    if (!how) return value;
    const one = (item: string): string => {
      if (how === 'date') return this.dateTime(item);
      if (how === 'field') return this.quoted(this.field(item));
      if (how.startsWith('message:')) {
        const key = `${how.slice('message:'.length)}.${item}`;
        return hasMessage(key) ? this.t(key, all) : item;
      }
      return this.word(how, item);
    };
    return typeof value === 'number' ? value : typeof value === 'string' ? one(value) : value.map(one);
  }

  /** Lists said as one, in the reader's language ('a, b et c'). */
  private lists(values: Record<string, MessageValue>): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(values)) out[name] = typeof value === 'string' || typeof value === 'number' ? value : this.list(value);
    return out;
  }

  list(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
    return new Intl.ListFormat(this.locale, { style: 'long', type }).format(items);
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

  /** A calendar date (2026-12-18, a day a letter states, no time of its own): that day, whatever the desk's zone (noon UTC said in UTC). */
  day(isoDate: string): string {
    const p = this.parts(`${isoDate}T12:00:00Z`, 'UTC');
    return `${p.day} ${p.month} ${p.year}`;
  }

  /** A page shows hundreds of dates: one Intl formatter per language and zone (luxon's formatting costs ten times more), each minute said once. */
  private parts(value: Date | string, timeZone = this.timeZone): DateParts {
    const { locale } = this;
    const make = () => new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' });
    return minutePartsOf(`${locale}|${timeZone}|date`, make, value) as DateParts;
  }

  /** A value for an <input type="datetime-local">, in the desk's zone (read back in CALUMET_TZ by the API's rule). */
  inputValue(value: Date | string): string {
    return DateTime.fromJSDate(typeof value === 'string' ? new Date(value) : value, { zone: this.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
  }

  /**
   * 'in 2 days', 'il y a 3 heures': the largest whole unit. Days are the calendar days between the two in the desk's
   * zone, as « demain » and « après-demain » say them: Thursday 02:52 seen on Monday 02:53 is in 3 days, not the day
   * after tomorrow.
   */
  relative(value: Date | string, now: Date = new Date()): string {
    const ms = new Date(value).getTime() - now.getTime();
    const format = new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' });
    const abs = Math.abs(ms);
    if (abs >= 86_400_000) {
      const day = (at: Date | string) => DateTime.fromJSDate(new Date(at), { zone: this.timeZone }).startOf('day');
      const days = Math.round(day(value).diff(day(now), 'days').days);
      if (days !== 0) return format.format(days, 'day');
    }
    const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['hour', 3_600_000], ['minute', 60_000]];
    for (const [unit, size] of units) if (abs >= size) return format.format(Math.trunc(ms / size), unit);
    // Within a minute: "now" / « maintenant » (a minute's 0 said « cette minute-ci »).
    return format.format(0, 'second');
  }
}
