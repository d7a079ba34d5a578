import { DateTime } from 'luxon';
import { periodWords } from '../deadlines/deadline-words.js';
import type { CommitmentView } from '../commitments/commitment.dto.js';
import type { LegalNoticeView } from '../legal-notices/legal-notice.dto.js';
import type { DossierCommentView, DossierEvidenceView, DossierView } from './dossier.dto.js';
import { basisWords, warningWords } from '../deadlines/deadline-words.js';
import type { Translator } from '../i18n/i18n.js';
import { eventSentence, reasonWords } from './event-sentences.js';
import { html, trusted, type Html } from '../common/html.js';
import { dsaNoticeWords } from '../legal-notices/dsa-notice-words.js';
import { statementLines } from '../legal-notices/statement-letter.js';

/** Replies deeper than this are indented no further. */
const MAX_INDENT = 6;

const STYLE = `
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; max-width: 62em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin: 0 0 .2em; } h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 2em; } h3 { font-size: 12pt; margin-bottom: .3em; }
.meta { color: #555; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #bbb; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .4em 0; }
dt { font-weight: bold; } dd { margin: 0; }
.comment { border-left: 3px solid #bbb; padding: .2em .6em; margin: .6em 0; }
.comment.inbound { border-color: #a33; } .comment.outbound { border-color: #36a; }
${Array.from({ length: MAX_INDENT }, (_, n) => `.comment.depth-${n + 1} { margin-left: ${(n + 1) * 1.5}em; }`).join('\n')}
.reply-to { margin: 0; font-size: .85em; color: #555; }
.body { white-space: pre-wrap; }
.hash, code { font-family: 'DejaVu Sans Mono', Menlo, monospace; font-size: 8pt; word-break: break-all; }
.warning { color: #8a1c00; font-weight: bold; } .ok { color: #155d27; font-weight: bold; }
.privileged { border: 1px dashed #8a1c00; padding: .3em .6em; }
.notice { border: 1px solid #ccc; padding: .2em .8em .6em; margin: 1em 0; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; }
  h2, h3 { break-after: avoid; }
  .comment, .notice, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}`;

/** The dossier as a page a lawyer can read and print, in the reader's language; every value from the record is escaped. */
export function renderDossierHtml(dossier: DossierView, t: Translator): string {
  const ctx = context(dossier, t);
  const { incident } = dossier;
  const m = t.t.bind(t);
  return html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<title>${m('print.title', { ref: incident.ref, title: incident.title })}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<header>
<h1>${m('print.title', { ref: incident.ref, title: incident.title })}</h1>
<p class="meta">${m('print.generated', { when: ctx.whenText(dossier.generatedAt), role: t.word('role', dossier.generatedFor), zone: dossier.timeZone })}</p>
<dl class="facts">
<dt>${m('print.state')}</dt><dd>${t.word('state', incident.state)}</dd>
<dt>${m('print.severity')}</dt><dd>${t.word('severity', incident.severity)}</dd>
<dt>${m('print.owner')}</dt><dd>${ctx.person(incident.ownerId)}</dd>
<dt>${m('print.opened')}</dt><dd>${ctx.when(incident.openedAt)}</dd>
${incident.resolvedAt ? html`<dt>${m('print.resolved')}</dt><dd>${ctx.when(incident.resolvedAt)}</dd>` : ''}
${incident.closedAt ? html`<dt>${m('print.closed')}</dt><dd>${ctx.when(incident.closedAt)}</dd>` : ''}
<dt>${m('print.legalHold')}</dt><dd>${incident.legalHold.on ? html`<span class="warning">${m('print.holdOn')}</span> ${m('print.holdSince', { when: ctx.whenText(incident.legalHold.at), reason: incident.legalHold.reason ?? '' })}` : m('print.holdOff')}</dd>
${incident.tags.length ? html`<dt>${m('print.tags')}</dt><dd>${incident.tags.join(', ')}</dd>` : ''}
${incident.summary ? html`<dt>${m('print.summary')}</dt><dd class="body">${incident.summary}</dd>` : ''}
${incident.resolution ? html`<dt>${m('print.resolution')}</dt><dd class="body">${incident.resolution}</dd>` : ''}
</dl>
</header>

<section>
<h2>${m('print.parties')}</h2>
${
  dossier.parties.length
    ? html`<table><tr><th>${m('print.name')}</th><th>${m('print.kind')}</th><th>${m('print.organisation')}</th><th>${m('print.contact')}</th><th>${m('print.role')}</th></tr>
${dossier.parties.map(
  ({ party, roles }) =>
    html`<tr><td>${party.name}</td><td>${t.word('partyKind', party.kind)}</td><td>${party.organisation}</td><td>${[party.email, party.postalAddress].filter(Boolean).join('; ')} ${ctx.link(party.url)}</td><td>${roles.map((role) => ctx.partyRole(role)).join('; ')}</td></tr>`,
)}</table>`
    : html`<p>${m('print.noParty')}</p>`
}
</section>

<section>
<h2>${m('print.posts')}</h2>
${
  dossier.posts.length
    ? html`<table><tr><th>${m('print.post')}</th><th>${m('print.platform')}</th><th>${m('print.published')}</th><th>${m('print.indexing')}</th></tr>
${dossier.posts.map(
  (post) =>
    html`<tr><td>${post.title ?? ''} ${ctx.link(post.url)}</td><td>${t.word('platform', post.platform)}, ${t.word('ownership', post.ownership)}</td><td>${ctx.when(post.publishedAt)}</td><td>${t.word('indexing', post.indexing.desired)} / ${t.word('indexing', post.indexing.observed)}</td></tr>`,
)}</table>`
    : html`<p>${m('print.noPost')}</p>`
}
</section>

<section>
<h2>${m('print.thread')}</h2>
${dossier.thread.length ? dossier.thread.map((comment) => ctx.comment(comment)) : html`<p>${m('print.noMessage')}</p>`}
</section>

<section>
<h2>${m('print.escalation')}</h2>
${
  dossier.escalation.length
    ? html`<table><tr><th>${m('print.when')}</th><th>${m('print.move')}</th><th>${m('print.by')}</th><th>${m('print.reason')}</th></tr>
${dossier.escalation.map(
  (move) =>
    html`<tr><td>${ctx.when(move.at)}${move.recordedAt.slice(0, 16) !== move.at.slice(0, 16) ? html`<br><small>${m('print.recorded', { when: ctx.whenText(move.recordedAt) })}</small>` : ''}</td><td>${t.word('state', move.from)} → ${t.word('state', move.to)}</td><td>${ctx.person(move.actor)}</td><td>${reasonWords(t, move.reason)}</td></tr>`,
)}</table>`
    : html`<p>${m('print.noMove')}</p>`
}
</section>

<section>
<h2>${m('print.notices')}</h2>
${dossier.notices.length ? dossier.notices.map((notice) => ctx.notice(notice)) : html`<p>${m('print.noNotice')}</p>`}
</section>

${
  incident.prescriptions.length
    ? html`<section>
<h2>${m('prescription.heading')}</h2>
<p class="warning">${m('prescription.warning')}</p>
<ul>${incident.prescriptions.map(
        (mark) =>
          html`<li>${t.word('pressOffence', mark.offence)}${mark.ground ? ` · ${t.word('pressGround', mark.ground)}` : ''} · ${t.word('markSubject', mark.subjectType)} · ${mark.prescribesAt ? m('prescription.when', { when: ctx.whenText(mark.prescribesAt) }) : m('prescription.noRule')}<br><small>${m('prescription.basis', { period: periodWords(t, mark.ground ? 'P1Y' : 'P3M'), published: ctx.whenText(mark.publishedAt), reference: mark.reference ?? '' })}</small></li>`,
      )}</ul>
</section>`
    : ''
}

<section>
<h2>${m('print.commitments')}</h2>
${
  dossier.commitments.length
    ? html`<table><tr><th>${m('print.promised')}</th><th>${m('print.what')}</th><th>${m('print.to')}</th><th>${m('print.owner')}</th><th>${m('print.due')}</th><th>${m('print.status')}</th><th>${m('print.lastCheck')}</th></tr>
${dossier.commitments.map((item) => ctx.commitment(item))}</table>`
    : html`<p>${m('print.noCommitment')}</p>`
}
</section>

<section>
<h2>${m('print.evidence')}</h2>
${
  dossier.evidence === null
    ? html`<p>${m('print.evidenceHidden')}</p>`
    : dossier.evidence.length
      ? html`<table><tr><th>${m('print.captured')}</th><th>${m('print.what')}</th><th>${m('print.typeSize')}</th><th>SHA-256</th><th>${m('print.contentNow')}</th><th>${m('print.linkedTo')}</th></tr>
${dossier.evidence.map((item) => ctx.evidence(item))}</table>`
      : html`<p>${m('print.noEvidence')}</p>`
}
</section>

<section>
<h2>${m('print.timeline')}</h2>
${
  dossier.timeline.verification.valid
    ? html`<p class="ok">${m('print.chainOk', { count: dossier.timeline.verification.events })}</p>`
    : html`<p class="warning">${m('print.chainBroken', { seq: dossier.timeline.verification.brokenAt ?? '?', reason: dossier.timeline.verification.reason ?? '' })}</p>`
}
<table><tr><th>#</th><th>${m('print.when')}</th><th>${m('print.event')}</th><th>${m('print.hash')}</th></tr>
${dossier.timeline.events.map(
  (event) => html`<tr><td>${event.seq}</td><td>${ctx.when(event.at)}</td><td>${eventSentence(t, dossier, event, { time: false })}</td><td class="hash">${event.hash}</td></tr>`,
)}</table>
</section>

<section class="recorded-facts">
<h2>${m('print.facts')}</h2>
<p>${m('print.factsIntro')}</p>
<table><tr><th>#</th><th>${m('print.event')}</th><th>JSON</th></tr>
${dossier.timeline.events.map((event) => html`<tr><td>${event.seq}</td><td><code>${event.type}</code></td><td><code>${JSON.stringify(event.payload)}</code></td></tr>`)}</table>
</section>
</body>
</html>
`.text;
}

/** The party roles the dossier's API names in English, said in the reader's language. */
const PARTY_ROLES: Array<[RegExp, string]> = [
  [/^counterpart$/, 'print.partyRole.counterpart'],
  [/^sender of (.+)$/, 'print.partyRole.sender'],
  [/^on whose behalf (.+) was sent$/, 'print.partyRole.onBehalf'],
  [/^counsel in (.+)$/, 'print.partyRole.counsel'],
  [/^author of comments$/, 'print.partyRole.author'],
  [/^to whom promises were made$/, 'print.partyRole.promisee'],
];

/** The helpers that turn ids, codes and dates of this dossier into words. */
function context(dossier: DossierView, t: Translator) {
  const m = t.t.bind(t);
  const partyNames = new Map(dossier.parties.map(({ party }) => [party.id, party.name]));
  const noticeRefs = new Map(dossier.notices.map((notice) => [notice.id, notice.ref]));
  const commentsById = new Map(dossier.thread.map((comment) => [comment.id, comment]));

  /** To the second, with the offset: what a record's time is, in any language. */
  const whenText = (iso: string | null): string => {
    if (!iso) return '';
    const local = DateTime.fromISO(iso, { zone: dossier.timeZone });
    return `${local.toFormat('yyyy-MM-dd HH:mm:ss')} (UTC${local.toFormat('ZZ')})`;
  };
  /** A day a paper gives without an hour (a letter's posting, its acknowledgement of receipt), in the dossier's zone. */
  const dayText = (iso: string | null): string => (iso ? DateTime.fromISO(iso, { zone: dossier.timeZone }).toFormat('yyyy-MM-dd') : '');
  const when = (iso: string | null): Html | string => (iso ? html`<time datetime="${iso}">${whenText(iso)}</time>` : '');
  const person = (id: string | null): string => (!id ? '' : id === 'system' ? 'Calumet' : (dossier.people[id] ?? id));
  const party = (id: string | null): string => (id ? (partyNames.get(id) ?? id) : '');
  const commentOf = (id: string): string => m('print.commentOf', { when: whenText(commentsById.get(id)?.postedAt ?? null) || id });
  const link = (url: string | null): Html | string => (url && /^https?:\/\//i.test(url) ? html`<a href="${url}">${url}</a>` : (url ?? ''));
  const partyRole = (role: string): string => {
    for (const [pattern, key] of PARTY_ROLES) {
      const match = pattern.exec(role);
      if (match) return m(key as Parameters<Translator['t']>[0], { ref: match[1] ?? '' });
    }
    return role;
  };

  const comment = (item: DossierCommentView): Html => {
    const author = item.direction === 'inbound' ? party(item.partyId) || item.authorName : person(item.authorUserId) || item.authorName;
    const said = [t.word('channel', item.channel), ...(item.status === 'visible' ? [] : [t.word('commentStatus', item.status)])].join(', ');
    return html`<div class="comment ${item.direction} depth-${Math.min(item.depth, MAX_INDENT)}">
${item.inReplyTo ? html`<p class="reply-to">${m('print.inReplyTo', { author: item.inReplyTo.author, when: whenText(item.inReplyTo.postedAt) })}</p>` : ''}
<p class="meta">${when(item.postedAt)}${m('print.colon')} ${item.direction === 'inbound' ? m('print.from', { author: author ?? '' }) : m('print.byUs', { author: author ?? '' })} (${said})${
      item.revisions.length ? `, ${m('print.edited', { count: item.revisions.length })}` : ''
    } ${link(item.url)}</p>
<div class="body">${item.body}</div>
</div>`;
  };

  /** What the notifier of a notice under the DSA stated on the public form (art. 16(2)). */
  const dsaFacts = (facts: NonNullable<LegalNoticeView['dsaNotice']>): Html => {
    const said = dsaNoticeWords(t, facts);
    return html`<h4>${m('legal.dsa.heading')}</h4>
<dl class="facts">
<dt>${m('legal.dsa.urls')}</dt><dd>${facts.urls.map((url) => html`${link(url)}<br>`)}</dd>
<dt>${m('legal.dsa.category')}</dt><dd>${said.category}</dd>
<dt>${m('legal.dsa.notifier')}</dt><dd>${said.notifier}</dd>
<dt>${m('field.goodFaith')}</dt><dd>${said.goodFaith}</dd>
</dl>`;
  };

  /** The decisions on the notice, each with its statement of reasons (DSA art. 17(3)), as the author was told. */
  const decisionsOf = (item: LegalNoticeView): Html | '' => {
    const decisions = dossier.decisions.filter((decision) => decision.noticeId === item.id);
    return decisions.length
      ? html`${decisions.map(
          (decision) => html`<h4>${m('print.decisionHeading', { sequence: decision.sequence, when: whenText(decision.decidedAt), who: person(decision.decidedBy) })}</h4>
<dl class="facts">${statementLines(t, { ref: item.ref, decision }).map((line) => html`<dt>${line.label}</dt><dd class="body">${line.value}</dd>`)}</dl>`,
        )}`
      : '';
  };

  const notice = (item: LegalNoticeView): Html => html`<div class="notice">
<h3>${m('print.noticeHeading', { ref: item.ref, type: t.word('noticeType', item.type), direction: t.word('noticeDirection', item.direction), status: t.word('noticeStatus', item.status) })}</h3>
<dl class="facts">
${item.senderPartyId ? html`<dt>${m('print.sender')}</dt><dd>${party(item.senderPartyId)}</dd>` : ''}
${item.onBehalfOfPartyId ? html`<dt>${m('print.onBehalfOf')}</dt><dd>${party(item.onBehalfOfPartyId)}</dd>` : ''}
${item.counselPartyId ? html`<dt>${m('print.counsel')}</dt><dd>${party(item.counselPartyId)}</dd>` : ''}
${item.receivedVia ? html`<dt>${m('print.receivedVia')}</dt><dd>${t.word('receivedVia', item.receivedVia)}</dd>` : ''}
${item.commentId ? html`<dt>${m('print.cameAs')}</dt><dd>${commentOf(item.commentId)}</dd>` : ''}
${
  item.registeredMail
    ? html`<dt>${m('print.registeredMail')}</dt><dd>${m('print.mailFacts', {
        tracking: item.registeredMail.trackingNumber ?? m('print.unknown'),
        sent: dayText(item.registeredMail.sentAt) || m('print.unknown'),
        acknowledged: dayText(item.registeredMail.acknowledgedAt) || m('print.notYet'),
      })}</dd>`
    : ''
}
${item.sentAt ? html`<dt>${m('print.sent')}</dt><dd>${when(item.sentAt)}</dd>` : ''}
${item.receivedAt ? html`<dt>${m('print.received')}</dt><dd>${when(item.receivedAt)}</dd>` : ''}
<dt>${m('print.jurisdiction')}</dt><dd>${item.jurisdiction}</dd>
${item.legalBasis ? html`<dt>${m('print.legalBasis')}</dt><dd>${item.legalBasis}</dd>` : ''}
${item.summary ? html`<dt>${m('print.says')}</dt><dd class="body">${item.summary}</dd>` : ''}
${item.requestedReply ? html`<dt>${m('print.replySought')}</dt><dd class="body">${item.requestedReply}</dd>` : ''}
${item.assigneeId ? html`<dt>${m('print.assignedTo')}</dt><dd>${person(item.assigneeId)}</dd>` : ''}
${
  item.demands.length
    ? html`<dt>${m('print.demands')}</dt><dd><ul>${item.demands.map((demand) => html`<li>${m('print.labelled', { label: t.word('demandKind', demand.kind), text: demand.description })} ${link(demand.targetUrl)}</li>`)}</ul></dd>`
    : ''
}
${item.statedDeadline ? html`<dt>${m('print.statedDeadline')}</dt><dd>${item.statedDeadline}</dd>` : ''}
<dt>${m('print.respondBy')}</dt><dd>${item.respondBy ? when(item.respondBy) : m('print.noDeadline')}${item.respondByManual ? ` ${m('print.setByHand')}` : ''}</dd>
<dt>${m('print.basis')}</dt><dd>${item.deadlineBasis ? basisWords(t, item.deadlineBasisFacts, item.deadlineBasis) : m('print.noRule')}</dd>
${item.validity.length ? html`<dt>${m('print.validity')}</dt><dd>${item.validity.map((warning) => html`<p class="warning">${warningWords(t, warning)}</p>`)}</dd>` : ''}
<dt>${m('print.actionTaken')}</dt><dd>${t.word('actionTaken', item.actionTaken)}</dd>
</dl>
${item.dsaNotice ? dsaFacts(item.dsaNotice) : ''}
${decisionsOf(item)}
${item.privilegedNotes ? html`<div class="privileged"><strong>${m('print.privileged')}</strong><div class="body">${item.privilegedNotes}</div></div>` : ''}
</div>`;

  const evidence = (item: DossierEvidenceView): Html => {
    const page = item.kind === 'page_capture' ? m('print.browserCapture') : m('print.page');
    const what =
      item.kind === 'url_capture' || item.kind === 'page_capture'
        ? html`${page} ${link(item.sourceUrl)}${item.finalUrl !== item.sourceUrl ? html` → ${link(item.finalUrl)}` : ''} (HTTP ${item.httpStatus})`
        : item.kind === 'file'
          ? m('print.file', { name: item.fileName ?? '' })
          : m('print.text');
    const links = [item.linkedCommentId ? commentOf(item.linkedCommentId) : '', item.linkedNoticeId ? m('print.noticeRef', { ref: noticeRefs.get(item.linkedNoticeId) ?? item.linkedNoticeId }) : '']
      .filter(Boolean)
      .map((text) => html`<div>${text}</div>`);
    return html`<tr><td>${m('print.capturedBy', { when: whenText(item.capturedAt), who: person(item.capturedBy) })}</td><td>${what}${item.note ? html`<br>${item.note}` : ''}</td><td>${item.contentType}, ${m('print.bytes', { size: item.size })}</td><td class="hash">${item.sha256}</td><td class="${item.content === 'intact' ? 'ok' : 'warning'}">${t.word('content', item.content)}</td><td>${links}</td></tr>`;
  };

  const commitment = (item: CommitmentView): Html => {
    const last = item.observations[item.observations.length - 1];
    const due = [item.notBefore ? m('print.notBefore', { when: whenText(item.notBefore) }) : '', item.dueAt ? m('print.byWhen', { when: whenText(item.dueAt) }) : ''].filter(Boolean);
    return html`<tr><td>${when(item.promisedAt)}</td><td>${m('print.labelled', { label: t.word('commitmentKind', item.kind), text: item.description })} ${link(item.targetUrl)}${item.mentionText ? ` ${m(item.kind === 'publish_reply' ? 'print.reply' : 'print.mention', { text: item.mentionText })}` : ''}</td><td>${party(
      item.promisedToPartyId,
    )}</td><td>${person(item.ownerId)}</td><td>${due.map((part) => html`<div>${part}</div>`)}</td><td class="${item.status === 'verified' ? 'ok' : item.status === 'failed_verification' ? 'warning' : ''}">${t.word('commitmentStatus', item.status)}</td><td>${
      last ? html`${when(last.at)}${m('print.colon')} ${t.word('verdict', last.verdict)}${last.httpStatus ? ` (HTTP ${last.httpStatus})` : ''}${last.detail ? html`<br>${reasonWords(t, last.detail)}` : ''}` : item.verifiable ? m('print.notChecked') : m('print.notOnPage')
    }</td></tr>`;
  };

  return { when, whenText, person, link, partyRole, comment, notice, evidence, commitment };
}
