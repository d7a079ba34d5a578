import { IntlMessageFormat } from 'intl-messageformat';
import type { DossierView } from './dossier.dto.js';
import type { TimelineEventView } from '../timeline/timeline.dto.js';
import { EVENT_SENTENCES } from '../i18n/events.js';
import { elide, type Translator } from '../i18n/i18n.js';
import { reasonWords } from '../i18n/system-text.js';

const formats = new Map<string, IntlMessageFormat>();
/** A dossier's messages by id, made once per dossier: a page turns every event of a long thread into a sentence. */
type Reader = Pick<DossierView, 'people' | 'parties' | 'thread'>;
const commentIndex = new WeakMap<Reader, Map<string, DossierView['thread'][number]>>();

function commentOf(dossier: Reader, id: unknown): DossierView['thread'][number] | undefined {
  let index = commentIndex.get(dossier);
  if (!index) {
    index = new Map(dossier.thread.map((comment) => [comment.id, comment]));
    commentIndex.set(dossier, index);
  }
  return typeof id === 'string' ? index.get(id) : undefined;
}

/**
 * One timeline event as a sentence in the reader's language, with names and
 * words, never ids: '17:02 — Marie-Aude moved the incident from Heated to
 * Legal threat: bailiff mentioned'. The time is when it happened (a move
 * logged late says so by its own time); `time: false` leaves it out, for a
 * table whose column already gives it to the second.
 */
export function eventSentence(t: Translator, dossier: Reader, event: TimelineEventView, options: { time?: boolean } = {}): string {
  const sentences = EVENT_SENTENCES[t.locale];
  const payload = event.payload;
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  const person = (id: string) => (id === 'system' ? sentences['system']! : (dossier.people[id] ?? id));
  const comment = commentOf(dossier, payload['commentId']);
  const author = comment ? (comment.partyId ? dossier.parties.find(({ party }) => party.id === comment.partyId)?.party.name : undefined) ?? (comment.authorUserId ? dossier.people[comment.authorUserId] : undefined) ?? comment.authorName ?? t.word('direction', comment.direction) : '?';
  // The journal is in the order things were recorded, each at its time; a move logged late says when it happened.
  const at = event.at;
  const happened = event.type === 'state.changed' && text('occurredAt') && Math.abs(Date.parse(text('occurredAt')) - Date.parse(event.at)) >= 60_000 ? text('occurredAt') : '';
  const type = event.type as string;
  const statusGroup = type === 'state.changed' ? 'state' : type === 'notice.status_changed' ? 'noticeStatus' : type === 'commitment.status_changed' ? 'commitmentStatus' : undefined;
  const kindGroup = type.startsWith('reminder.') ? 'reminderKind' : type.startsWith('evidence.') ? 'evidenceKind' : 'commitmentKind';
  /** A move's ends: enum words for a state, dates for a reminder put off, the value otherwise. */
  const end = (name: 'from' | 'to') => (statusGroup ? t.word(statusGroup, text(name)) : type.startsWith('reminder.') ? t.dateTime(text(name)) : text(name));
  const changes = Object.keys((payload['changes'] as Record<string, unknown> | undefined) ?? {});
  const values: Record<string, string | number> = {
    time: `${t.date(at)} ${t.time(at)}`,
    actor: person(event.actor),
    type: event.type,
    ref: text('ref'),
    title: text('title'),
    reason: reasonWords(t, text('reason')),
    late: happened ? ` (${t.t('dossier.happenedAt', { when: t.dateTime(happened) })})` : '',
    from: end('from'),
    to: end('to'),
    on: String(payload['on'] === true),
    direction: text('direction'),
    channel: t.word('channel', text('channel')),
    author,
    // A field's own word, by the last part of its path ('indexing.desired' → 'Indexing wanted').
    fields: t.list(changes.map((path) => t.field(path.split('.').at(-1)!))),
    added: Number(payload['added'] ?? 0),
    watching: String(payload['watching'] === true),
    assignee: person(text('to')),
    kind: t.word(kindGroup, text('kind')),
    verdict: t.word('verdict', text('verdict')),
    recipient: person(text('recipientUserId')),
    dueAt: t.dateTime(text('dueAt')),
    channels: t.list(Object.keys((payload['deliveries'] as Record<string, unknown> | undefined) ?? {}).map((channel) => t.word('deliveryChannel', channel))),
    error: text('error'),
    url: text('sourceUrl') || text('url'),
    desired: t.word('indexing', text('desired')),
    observed: t.word('indexing', text('observed')),
    kept: text('keptName'),
    merged: text('mergedName'),
  };
  if (event.type === 'notice.recorded') values['type'] = t.word('noticeType', text('type'));
  const key = event.type in sentences ? event.type : 'other';
  const timed = options.time ?? true;
  const id = `${t.locale}:${key}:${timed}`;
  let format = formats.get(id);
  if (!format) {
    // Every sentence opens with its time (src/i18n/events.ts); what follows the dash stands alone.
    format = new IntlMessageFormat(timed ? sentences[key]! : sentences[key]!.replace(/^\{time\} — /, ''), t.locale);
    formats.set(id, format);
  }
  const sentence = String(format.format(values));
  return t.locale === 'fr' ? elide(sentence) : sentence;
}

export { reasonWords } from '../i18n/system-text.js';
