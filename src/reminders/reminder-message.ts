import type { Incident } from '../incidents/incident.entity.js';
import type { Message } from '../notifications/message.js';
import type { User } from '../users/user.entity.js';
import type { Reminder, ReminderKind } from './reminder.entity.js';

const HEADLINES: Record<ReminderKind, string> = {
  response_due: 'Reply owed',
  escalation_notice: 'Escalation: a reply is still owed',
  deadline_warning: 'Legal deadline approaching',
  deadline_due: 'Legal deadline reached',
  commitment_due: 'Commitment due',
  verification_failed: 'The live page does not show what was promised',
  follow_up: 'Follow-up',
};

export interface MessageFacts {
  reminder: Pick<Reminder, 'id' | 'kind' | 'subjectType' | 'subjectId' | 'dueAt' | 'owedBy' | 'sequence' | 'note'>;
  incident: Pick<Incident, 'id' | 'ref' | 'title' | 'state'>;
  recipient: Pick<User, 'id' | 'email'>;
  publicUrl: string;
  timeZone: string;
  /** How many response_due reminders a chain holds. */
  responseReminders: number;
  /** When it goes out (default: its due time); later than what is owed, it says it is overdue. */
  sentAt?: Date;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Wed 2 Dec 2026, 09:30 (Europe/Paris)": luxon's `ccc d LLL yyyy, HH:mm (z)`,
 * written with one Intl formatter kept per zone (every inbound comment writes
 * one into its reminder's note, inside its unit of work; luxon built a new
 * formatter at each call).
 */
export function formatInZone(date: Date, zone: string): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(zone, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(date)) part[type] = value;
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} (${zone})`;
}

/** A reminder that goes out within this of what it reminds of is on time, not overdue. */
const ON_TIME_MS = 60_000;

/** "3 days", "5 hours", "20 minutes": how long ago, in the largest whole unit. */
function lateness(ms: number): string {
  const units: Array<[string, number]> = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  for (const [name, size] of units) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count} ${name}${count > 1 ? 's' : ''}`;
  }
  return 'less than a minute';
}

/** What a reminder says on every channel: what is owed, by when, and where to act. */
export function composeReminder(facts: MessageFacts): Message {
  const { reminder, incident, recipient } = facts;
  const headline = HEADLINES[reminder.kind];
  const url = `${facts.publicUrl}/incidents/${incident.id}`;
  const sentAt = facts.sentAt ?? reminder.dueAt;
  const overdue = sentAt.getTime() - reminder.owedBy.getTime() >= ON_TIME_MS;
  const when = overdue
    ? `Overdue: owed since ${formatInZone(reminder.owedBy, facts.timeZone)} (${lateness(sentAt.getTime() - reminder.owedBy.getTime())} ago).`
    : `Owed by ${formatInZone(reminder.owedBy, facts.timeZone)}.`;
  const place = reminder.kind === 'response_due' ? `Reminder ${reminder.sequence} of ${facts.responseReminders}.` : null;
  const lines = [`${headline} on ${incident.ref} “${incident.title}”.`, reminder.note, when, place, `Open the incident: ${url}`];
  const text = lines.filter(Boolean).join('\n');
  return {
    recipient: { userId: recipient.id, email: recipient.email },
    incidentId: incident.id,
    kind: reminder.kind,
    dueAt: reminder.dueAt,
    subject: `[${incident.ref}] ${headline}: ${incident.title}`,
    text,
    url,
    payload: {
      text: [`*[${incident.ref}] ${headline}*: ${incident.title}`, reminder.note, when, place, `<${url}|Open the incident>`].filter(Boolean).join('\n'),
      reminder: { id: reminder.id, kind: reminder.kind, dueAt: reminder.dueAt.toISOString(), sequence: reminder.sequence },
      incident: { id: incident.id, ref: incident.ref, title: incident.title, state: incident.state },
      subject: { type: reminder.subjectType, id: reminder.subjectId },
    },
  };
}
