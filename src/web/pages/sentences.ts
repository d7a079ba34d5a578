import { IntlMessageFormat } from 'intl-messageformat';
import type { DossierView } from '../../dossier/dossier.dto.js';
import type { TimelineEventView } from '../../timeline/timeline.dto.js';
import { EVENT_SENTENCES } from '../../i18n/events.js';
import type { Translator } from '../../i18n/i18n.js';

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
 * logged late says so by its own time).
 */
export function eventSentence(t: Translator, dossier: Reader, event: TimelineEventView): string {
  const sentences = EVENT_SENTENCES[t.locale];
  const payload = event.payload;
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  const person = (id: string) => (id === 'system' ? sentences['system']! : (dossier.people[id] ?? id));
  const comment = commentOf(dossier, payload['commentId']);
  const author = comment ? (comment.partyId ? dossier.parties.find(({ party }) => party.id === comment.partyId)?.party.name : undefined) ?? (comment.authorUserId ? dossier.people[comment.authorUserId] : undefined) ?? comment.authorName ?? t.word('direction', comment.direction) : '?';
  const at = event.type === 'state.changed' && text('occurredAt') ? text('occurredAt') : event.at;
  const values: Record<string, string> = {
    time: `${t.date(at)} ${t.time(at)}`,
    actor: person(event.actor),
    type: event.type,
    ref: text('ref'),
    title: text('title'),
    reason: text('reason'),
    from: event.type === 'state.changed' ? t.word('state', text('from')) : event.type === 'notice.status_changed' ? t.word('noticeStatus', text('from')) : text('from'),
    to:
      event.type === 'state.changed'
        ? t.word('state', text('to'))
        : event.type === 'notice.status_changed'
          ? t.word('noticeStatus', text('to'))
          : event.type === 'commitment.status_changed'
            ? t.word('commitmentStatus', text('to'))
            : text('to'),
    on: String(payload['on'] === true),
    direction: text('direction'),
    channel: t.word('channel', text('channel')),
    author,
    fields: Object.keys((payload['changes'] as Record<string, unknown> | undefined) ?? {}).join(', '),
    added: String(payload['added'] ?? ''),
    watching: String(payload['watching'] === true),
    assignee: person(text('to')),
    kind: t.word('commitmentKind', text('kind')),
    verdict: t.word('verdict', text('verdict')),
  };
  if (event.type === 'notice.recorded') values['type'] = t.word('noticeType', text('type'));
  const key = event.type in sentences ? event.type : 'other';
  const id = `${t.locale}:${key}`;
  let format = formats.get(id);
  if (!format) {
    format = new IntlMessageFormat(sentences[key]!, t.locale);
    formats.set(id, format);
  }
  return String(format.format(values));
}
