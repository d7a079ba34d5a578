import { html, trusted, type Html } from '../common/html.js';
import type { Translator } from '../i18n/i18n.js';
import type { PartyExportView } from './privacy.dto.js';

/** The export's print style: inline in the API's page, a stylesheet of its own on the desk. */
export const PARTY_EXPORT_CSS = `
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; max-width: 62em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 2em; }
.meta { color: #555; } .body { white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: .25em .4em; text-align: left; vertical-align: top; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; } dt { font-weight: bold; } dd { margin: 0; }
@page { size: A4; margin: 16mm 14mm; }`;

/** How the party appears in an incident (a column that names it) or a notice, in the reader's words. */
const AS: Record<string, string> = {
  'comments.party_id': 'privacy.as.author',
  'incidents.counterpart_id': 'privacy.as.counterpart',
  'legal_notices.sender_party_id': 'privacy.as.sender',
  'legal_notices.on_behalf_of_party_id': 'privacy.as.onBehalfOf',
  'legal_notices.counsel_party_id': 'privacy.as.counsel',
  'commitments.promised_to_party_id': 'privacy.as.promisedTo',
  sender: 'privacy.as.sender',
  on_behalf_of: 'privacy.as.onBehalfOf',
  counsel: 'privacy.as.counsel',
  their_message: 'privacy.as.theirMessage',
};

const section = (title: string, rows: Html[], none: string): Html => html`<h2>${title}</h2>${rows.length ? rows : html`<p>${none}</p>`}`;

/** The access request's export as a printable page, every value escaped, in the reader's language. */
export function renderPartyExportHtml(view: PartyExportView, t: Translator, options: { stylesheet?: string } = {}): string {
  const m = t.t.bind(t);
  const as = (names: string[]) => names.map((name) => (AS[name] ? m(AS[name] as never) : name)).join(', ');
  const { party } = view;
  const none = m('privacy.none');
  const title = m('privacy.title', { name: party.name });
  const facts: Array<[string, string | null]> = [
    ['kind', party.kind],
    ['name', party.name],
    ['organisation', party.organisation],
    ['email', party.email],
    ['url', party.url],
    ['postalAddress', party.postalAddress],
    ['notes', party.notes],
  ];
  return html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="data:,">
${options.stylesheet ? html`<link rel="stylesheet" href="${options.stylesheet}">` : html`<style>${trusted(PARTY_EXPORT_CSS)}</style>`}
</head>
<body>
<h1>${title}</h1>
<p class="meta">${m('privacy.generatedAt', { at: t.dateTime(view.generatedAt) })}${party.erasedAt ? html` — ${m('privacy.erased', { at: t.dateTime(party.erasedAt) })}` : ''}</p>
<h2>${m('privacy.party')}</h2>
<dl>${facts.map(([field, value]) => html`<dt>${t.field(field)}</dt><dd>${value ?? '—'}</dd>`)}</dl>
${section(m('privacy.incidents'), view.incidents.length ? [html`<table>${view.incidents.map((incident) => html`<tr><td>${incident.ref}</td><td>${incident.title}</td><td>${t.word('state', incident.state)}</td><td>${as(incident.names)}</td></tr>`)}</table>`] : [], none)}
${section(
  m('privacy.messages'),
  view.messages.map(
    (message) => html`<article><p class="meta">${t.dateTime(message.postedAt)} — ${t.word('channel', message.channel)}${message.url ? html` — ${message.url}` : ''}</p><p class="body">${message.body}</p>${
      message.revisions.length ? html`<p class="meta">${m('privacy.revisions')}</p>${message.revisions.map((revision) => html`<p class="body">${t.dateTime(revision.seenAt)}: ${revision.body}</p>`)}` : ''
    }</article>`,
  ),
  none,
)}
${section(m('privacy.notices'), view.notices.map((notice) => html`<p>${notice.ref} — ${t.word('noticeType', notice.type)} — ${t.word('noticeStatus', notice.status)} — ${as(notice.roles)}${notice.summary ? html`<br><span class="body">${notice.summary}</span>` : ''}</p>`), none)}
${section(m('privacy.commitments'), view.commitments.map((commitment) => html`<p>${t.dateTime(commitment.promisedAt)} — ${t.word('commitmentKind', commitment.kind)} — ${t.word('commitmentStatus', commitment.status)} — ${commitment.description}</p>`), none)}
${section(m('privacy.timeline'), view.timeline.map((value) => html`<p>${t.dateTime(value.at)} — ${m('privacy.event', { seq: value.seq })} — ${t.field(value.field)} — <span class="body">${value.value}</span></p>`), none)}
${section(m('privacy.erasures'), view.erasures.map((erasure) => html`<p>${t.dateTime(erasure.at)} — ${erasure.values}</p>`), none)}
</body>
</html>`.text;
}
