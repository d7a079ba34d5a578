import type { MessageKey } from '../i18n/en.js';
import { minutePartsOf, Translator, type Locale } from '../i18n/i18n.js';
import { reasonWords } from '../i18n/system-text.js';

/**
 * A reminder's note as facts: sentences of the catalogues (`note.*`) with
 * their values, so that each recipient reads it in their language; the
 * English `note` the API shows is said from the same facts. A value named in
 * `words` is said as a word: `date` (a date in the desk's zone), `lower:<group>`
 * (an enum word, lower-cased: 'right of reply'), `or:<group>` (a list of enum
 * words, 'closed, heated, or legal threat'), `system` (a detail Calumet wrote in
 * English: src/i18n/system-text.ts).
 */
export interface NoteSentence {
  key: MessageKey & `note.${string}`;
  values: Record<string, string | number | string[]>;
  words?: Record<string, string>;
}
export type NoteFacts = NoteSentence[];

/**
 * "Wed 2 Dec 2026, 09:30 (Europe/Paris)", "mer. 2 déc. 2026, 09:30 (Europe/Paris)":
 * one Intl formatter per language and zone, each minute said once (every
 * inbound comment writes one into its reminder's note, inside its unit of work).
 */
export function formatInZone(date: Date, zone: string, locale: Locale = 'en'): string {
  const make = () => new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-US', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const part = minutePartsOf(`${locale}|${zone}|note`, make, date);
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} (${zone})`;
}

const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/** A note's facts in the reader's language, its sentences joined by a space. */
export function sayNote(t: Translator, facts: NoteFacts): string {
  return facts
    .map(({ key, values, words }) => {
      const said: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(values)) {
        const how = words?.[name];
        const list = Array.isArray(value) ? value : [String(value)];
        if (how === 'date') said[name] = formatInZone(new Date(String(value)), t.timeZone, t.locale);
        else if (how?.startsWith('lower:')) said[name] = lowerFirst(t.word(how.slice('lower:'.length), String(value)));
        else if (how === 'system') said[name] = reasonWords(t, String(value));
        else if (how?.startsWith('or:')) said[name] = t.list(list.map((item) => lowerFirst(t.word(how.slice('or:'.length), item))), 'disjunction');
        else said[name] = Array.isArray(value) ? t.list(value) : value;
      }
      return t.t(key, said);
    })
    .join(' ')
    .trim();
}

/** The English note the API keeps, from the facts. */
export const englishNote = (facts: NoteFacts, timeZone: string): string => sayNote(new Translator('en', timeZone), facts);

/** A reminder's note and its facts, for `schedule`: the English sentence the API shows, and what each recipient reads. */
export const noted = (facts: NoteFacts, timeZone = 'UTC'): { note: string; noteFacts: NoteFacts } => ({ note: englishNote(facts, timeZone), noteFacts: facts });
