import { Translator, type Locale } from '../i18n/i18n.js';
import type { IncidentState } from '../incidents/escalation.js';
import type { Message } from '../notifications/message.js';
import type { Reminder } from './reminder.entity.js';
import { formatInZone, sayNote } from './reminder-note.js';

export { formatInZone } from './reminder-note.js';

export interface MessageFacts {
  reminder: Pick<Reminder, 'id' | 'kind' | 'subjectType' | 'subjectId' | 'dueAt' | 'owedBy' | 'sequence' | 'note'> & Partial<Pick<Reminder, 'noteFacts'>>;
  incident: { id: string; ref: string; title: string; state: IncidentState };
  recipient: { id: string; email: string };
  publicUrl: string;
  timeZone: string;
  /** How many response_due reminders a chain holds. */
  responseReminders: number;
  /** When it goes out (default: its due time); later than what is owed, it says it is overdue. */
  sentAt?: Date;
  /** The recipient's language (their own, else the desk's); English by default. */
  locale?: Locale;
}

/** A reminder that goes out within this of what it reminds of is on time, not overdue. */
const ON_TIME_MS = 60_000;

/** "3 days ago", "il y a 5 heures": how long ago, in the largest whole unit. */
function lateness(t: Translator, ms: number): string {
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  const format = new Intl.RelativeTimeFormat(t.locale, { numeric: 'always' });
  for (const [unit, size] of units) {
    const count = Math.floor(ms / size);
    if (count >= 1) return format.format(-count, unit);
  }
  return format.format(-1, 'minute');
}

/** What a reminder says on every channel, in the recipient's language: what is owed, by when, and where to act. */
export function composeReminder(facts: MessageFacts): Message {
  const { reminder, incident, recipient } = facts;
  const t = new Translator(facts.locale ?? 'en', facts.timeZone);
  const headline = t.t(`mail.headline.${reminder.kind}`);
  const url = `${facts.publicUrl}/incidents/${incident.id}`;
  const sentAt = facts.sentAt ?? reminder.dueAt;
  const late = sentAt.getTime() - reminder.owedBy.getTime();
  const owed = formatInZone(reminder.owedBy, facts.timeZone, t.locale);
  const when = late >= ON_TIME_MS ? t.t('mail.overdue', { when: owed, ago: lateness(t, late) }) : t.t('mail.owedBy', { when: owed });
  const place = reminder.kind === 'response_due' ? t.t('mail.place', { sequence: reminder.sequence, count: facts.responseReminders }) : null;
  // A note written by hand is said as written; one Calumet wrote, from its facts.
  const note = reminder.noteFacts?.length ? sayNote(t, reminder.noteFacts) : reminder.note;
  const about = { headline, ref: incident.ref, title: incident.title };
  const lines = [t.t('mail.about', about), note, when, place, t.t('mail.open', { url })];
  const text = lines.filter(Boolean).join('\n');
  return {
    recipient: { userId: recipient.id, email: recipient.email },
    incidentId: incident.id,
    kind: reminder.kind,
    dueAt: reminder.dueAt,
    subject: t.t('mail.subject', about),
    text,
    url,
    payload: {
      text: [`*[${incident.ref}] ${headline}*: ${incident.title}`, note, when, place, `<${url}|${t.t('mail.openLink')}>`].filter(Boolean).join('\n'),
      reminder: { id: reminder.id, kind: reminder.kind, dueAt: reminder.dueAt.toISOString(), sequence: reminder.sequence },
      incident: { id: incident.id, ref: incident.ref, title: incident.title, state: incident.state },
      subject: { type: reminder.subjectType, id: reminder.subjectId },
    },
  };
}
