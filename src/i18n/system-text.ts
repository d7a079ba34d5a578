import type { Translator } from './i18n.js';

const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/** The reasons and details Calumet writes itself, in English, and how each reader reads them; a person's own reason is said as written. */
const SYSTEM_REASONS: Array<[RegExp, (t: Translator, match: RegExpExecArray) => string]> = [
  [/^legal notice (\S+) \((\w+)\) received$/, (t, [, ref, type]) => t.t('reason.noticeReceived', { ref: ref!, type: lowerFirst(t.word('noticeType', type!)) })],
  [/^opened$/, (t) => t.t('reason.opened')],
  [/^answered by an outbound comment$/, (t) => t.t('reason.answered')],
  [/^needsResponse cleared$/, (t) => t.t('reason.noReplyNeeded')],
  [/^comment deleted$/, (t) => t.t('reason.commentDeleted')],
  [/^incident (\w+)$/, (t, [, state]) => t.t('reason.incidentMoved', { state: lowerFirst(t.word('state', state!)) })],
  [/^recipient is no longer active$/, (t) => t.t('reason.recipientInactive')],
  [/^commitment (reopened|done|verified|cancelled)$/, (t, [, what]) => t.t('reason.commitment', { what: what! })],
  [/^commitment due time changed$/, (t) => t.t('reason.commitmentDue')],
  [/^the page shows (\w+)$/, (t, [, indexing]) => t.t('reason.pageShows', { indexing: t.word('indexing', indexing!) })],
  [/^computed again after a change of (.+)$/, (t, [, fields]) => t.t('reason.recomputed', { fields: t.list(fields!.split(', ').map((path) => lowerFirst(t.field(path.split('.').at(-1)!)))) })],
  [/^deadline changed: ([\s\S]*)$/, (t, [, reason]) => t.t('reason.deadlineChanged', { reason: reasonWords(t, reason!) })],
  [/^notice (\w+)$/, (t, [, status]) => t.t('reason.noticeMoved', { status: lowerFirst(t.word('noticeStatus', status!)) })],
  [/^the notice was assigned to someone else$/, (t) => t.t('reason.reassigned')],
  [/^decision (\w+) recorded$/, (t, [, kind]) => t.t('reason.decisionRecorded', { kind: lowerFirst(t.t(`decision.kind.${kind}` as Parameters<Translator['t']>[0])) })],
  [/^Signal in a comment: “([\s\S]*)”$/, (t, [, phrase]) => t.t('reason.signal', { phrase: phrase! })],
  // What a page check found (src/page-checks/judge.ts).
  [/^the page answers (\d+): it is gone$/, (t, [, status]) => t.t('reason.pageGone', { status: status! })],
  [/^the page answers (\d+), which neither shows nor disproves the commitment$/, (t, [, status]) => t.t('reason.pageInconclusive', { status: status! })],
  [/^no noindex directive in <meta name="robots">, <meta name="googlebot"> or X-Robots-Tag$/, (t) => t.t('reason.noNoindex')],
  [/^the page still answers (\d+)$/, (t, [, status]) => t.t('reason.pageStillThere', { status: status! })],
  [/^the page still mentions "([\s\S]*)"$/, (t, [, mention]) => t.t('reason.pageStillMentions', { mention: mention! })],
];

/** A reason of the timeline in the reader's language: Calumet's own said from the catalogue, a person's as they wrote it. */
export function reasonWords(t: Translator, reason: string): string {
  for (const [pattern, say] of SYSTEM_REASONS) {
    const match = pattern.exec(reason);
    if (match) return say(t, match);
  }
  return reason;
}
