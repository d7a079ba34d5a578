import { Duration } from 'luxon';
import { CURRENT_SEEDED_DEADLINE_RULES } from '../database/migrations/1796340000000-right-of-reply-length.js';
import type { MessageKey } from '../i18n/en.js';
import { hasMessage, type Translator } from '../i18n/i18n.js';
import type { DeadlineBasisFacts, ValidityWarning } from './deadline-calculator.js';
import type { DayCount } from './deadline-rule.types.js';
import { ANYWHERE, EU } from './jurisdictions.js';
import { periodDays } from './period.js';

/** A rule's period in words: '3 days', '3 jours ouvrés', '1 mois'. */
export function periodWords(t: Translator, period: string, dayCount: DayCount = 'calendar'): string {
  const days = periodDays(period);
  if (dayCount === 'business' && days !== null) return t.t('deadline.businessDays', { days });
  const duration = Duration.fromISO(period, { locale: t.locale });
  return duration.isValid ? duration.toHuman() : period;
}

const jurisdictionWords = (t: Translator, jurisdiction: string): string =>
  jurisdiction === ANYWHERE ? t.t('deadline.jurisdiction.anywhere') : jurisdiction === EU ? t.t('deadline.jurisdiction.eu') : jurisdiction;

/** A calendar date (YYYY-MM-DD) in the reader's words: '2 March 2026', '2 mars 2026'. */
function dayWords(t: Translator, day: string | string[] | undefined): string {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return String(day ?? '');
  return new Intl.DateTimeFormat(t.locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/**
 * The rule (or the hand) that gave a notice its deadline, in the reader's
 * language, from its facts: « Droit de réponse (FR) : 3 jours à compter de la
 * réception (…) ». Notices recorded before the facts were kept say their
 * English sentence (a deadline set by hand is still said as such).
 */
export function basisWords(t: Translator, facts: DeadlineBasisFacts | null | undefined, sentence: string | null): string {
  if (!facts) {
    const byHand = /^set by hand: ([\s\S]*)$/.exec(sentence ?? '');
    return byHand ? t.t('deadline.basis.manual', { reason: byHand[1]! }) : (sentence ?? '');
  }
  if (facts.kind === 'manual') return t.t('deadline.basis.manual', { reason: facts.reason });
  const common = { type: t.word('noticeType', facts.noticeType), jurisdiction: jurisdictionWords(t, facts.jurisdiction), reference: facts.reference };
  if (facts.kind === 'stated') return t.t('deadline.basis.stated', common);
  return t.t('deadline.basis.rule', { ...common, period: periodWords(t, facts.period, facts.dayCount), clock: facts.clockStarts, noStated: String(facts.noStatedDeadline) });
}

/** A validity warning in the reader's language, from its values; its English sentence when it was recorded without them. */
export function warningWords(t: Translator, warning: Pick<ValidityWarning, 'code' | 'message' | 'values'>): string {
  const key = `deadline.warning.${warning.code}`;
  const values = warning.values;
  if (!values || !hasMessage(key)) return warning.message;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const list = (name: string) => (Array.isArray(values[name]) ? (values[name] as string[]) : []);
  try {
    return t.t(key as MessageKey, {
      period: text('period') ? periodWords(t, text('period'), (text('dayCount') || 'calendar') as DayCount) : '',
      clock: text('clockStarts'),
      age: text('age') ? periodWords(t, text('age')) : '',
      requestedOn: dayWords(t, values['requestedOn']),
      publishedOn: dayWords(t, values['publishedOn']),
      limit: dayWords(t, values['limit']),
      via: lowerFirst(t.word('receivedVia', text('via'))),
      proving: t.list(list('proving').map((via) => lowerFirst(t.word('receivedVia', via))), 'disjunction'),
      reference: text('reference'),
      basis: text('basis'),
      replyCharacters: Number(text('replyCharacters')),
      replyLines: Number(text('replyLines')),
      originalCharacters: Number(text('originalCharacters')),
      originalLines: Number(text('originalLines')),
      maxLines: Number(text('maxLines')),
      width: Number(text('width')),
    });
  } catch {
    return warning.message;
  }
}

/**
 * The seeded rules' notes, as the migrations wrote them (in English, naming a field by its API name), by notice type.
 * While an admin has not rewritten one, the desk says it in the reader's language; a rewritten note keeps its words.
 */
const SEEDED_NOTES = new Map<string, string>(CURRENT_SEEDED_DEADLINE_RULES.map((rule) => [rule.noticeType, rule.note]));

/** A rule's note as the desk shows it: a seeded note not rewritten in the reader's language, any other as written. */
export function ruleNoteWords(t: Translator, rule: { noticeType: string; note: string | null }): string | null {
  const key = `deadline.seededNote.${rule.noticeType}`;
  return rule.note !== null && SEEDED_NOTES.get(rule.noticeType) === rule.note && hasMessage(key) ? t.t(key) : rule.note;
}
