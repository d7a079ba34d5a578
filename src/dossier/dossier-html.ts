import { DateTime } from 'luxon';
import type { CommitmentView } from '../commitments/commitment.dto.js';
import type { LegalNoticeView } from '../legal-notices/legal-notice.dto.js';
import type { DossierCommentView, DossierEvidenceView, DossierView } from './dossier.dto.js';
import { html, SafeHtml } from './html.js';

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

/** The dossier as a page a lawyer can read and print; every value from the record is escaped. */
export function renderDossierHtml(dossier: DossierView): string {
  const ctx = context(dossier);
  const { incident } = dossier;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Dossier ${incident.ref}: ${incident.title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
<h1>Dossier ${incident.ref}: ${incident.title}</h1>
<p class="meta">Generated ${ctx.when(dossier.generatedAt)} for a ${dossier.generatedFor} reader. Times are in ${dossier.timeZone}.</p>
<dl class="facts">
<dt>State</dt><dd>${incident.state}</dd>
<dt>Severity</dt><dd>${incident.severity}</dd>
<dt>Owner</dt><dd>${ctx.person(incident.ownerId)}</dd>
<dt>Opened</dt><dd>${ctx.when(incident.openedAt)}</dd>
${incident.resolvedAt ? html`<dt>Resolved</dt><dd>${ctx.when(incident.resolvedAt)}</dd>` : ''}
${incident.closedAt ? html`<dt>Closed</dt><dd>${ctx.when(incident.closedAt)}</dd>` : ''}
<dt>Legal hold</dt><dd>${incident.legalHold.on ? html`<span class="warning">on</span> since ${ctx.when(incident.legalHold.at)} (${incident.legalHold.reason})` : 'off'}</dd>
${incident.tags.length ? html`<dt>Tags</dt><dd>${incident.tags.join(', ')}</dd>` : ''}
${incident.summary ? html`<dt>Summary</dt><dd class="body">${incident.summary}</dd>` : ''}
${incident.resolution ? html`<dt>Resolution</dt><dd class="body">${incident.resolution}</dd>` : ''}
</dl>
</header>

<section>
<h2>Parties</h2>
${
  dossier.parties.length
    ? html`<table><tr><th>Name</th><th>Kind</th><th>Organisation</th><th>Contact</th><th>Role</th></tr>
${dossier.parties.map(
  ({ party, roles }) =>
    html`<tr><td>${party.name}</td><td>${party.kind}</td><td>${party.organisation}</td><td>${[party.email, party.postalAddress].filter(Boolean).join('; ')} ${ctx.link(party.url)}</td><td>${roles.join('; ')}</td></tr>`,
)}</table>`
    : html`<p>No party recorded.</p>`
}
</section>

<section>
<h2>Posts</h2>
${
  dossier.posts.length
    ? html`<table><tr><th>Post</th><th>Platform</th><th>Published</th><th>Indexing (wanted / seen)</th></tr>
${dossier.posts.map(
  (post) =>
    html`<tr><td>${post.title ?? ''} ${ctx.link(post.url)}</td><td>${post.platform}, ${post.ownership}</td><td>${ctx.when(post.publishedAt)}</td><td>${post.indexing.desired} / ${post.indexing.observed}</td></tr>`,
)}</table>`
    : html`<p>No post linked.</p>`
}
</section>

<section>
<h2>The thread</h2>
${dossier.thread.length ? dossier.thread.map((comment) => ctx.comment(comment)) : html`<p>No message recorded.</p>`}
</section>

<section>
<h2>Escalation</h2>
${
  dossier.escalation.length
    ? html`<table><tr><th>When</th><th>Move</th><th>By</th><th>Reason</th></tr>
${dossier.escalation.map(
  (move) =>
    html`<tr><td>${ctx.when(move.at)}${move.recordedAt.slice(0, 16) !== move.at.slice(0, 16) ? html`<br><small>recorded ${ctx.when(move.recordedAt)}</small>` : ''}</td><td>${move.from} → ${move.to}</td><td>${ctx.person(move.actor)}</td><td>${move.reason}</td></tr>`,
)}</table>`
    : html`<p>The incident has not moved since it was reported.</p>`
}
</section>

<section>
<h2>Legal notices</h2>
${dossier.notices.length ? dossier.notices.map((notice) => ctx.notice(notice)) : html`<p>No legal notice recorded.</p>`}
</section>

<section>
<h2>Commitments</h2>
${
  dossier.commitments.length
    ? html`<table><tr><th>Promised</th><th>What</th><th>To</th><th>Owner</th><th>Due</th><th>Status</th><th>Last check</th></tr>
${dossier.commitments.map((item) => ctx.commitment(item))}</table>`
    : html`<p>No commitment made.</p>`
}
</section>

<section>
<h2>Evidence</h2>
${
  dossier.evidence === null
    ? html`<p>Evidence is shown to legal and admin readers only.</p>`
    : dossier.evidence.length
      ? html`<table><tr><th>Captured</th><th>What</th><th>Type, size</th><th>SHA-256</th><th>Content now</th><th>Linked to</th></tr>
${dossier.evidence.map((item) => ctx.evidence(item))}</table>`
      : html`<p>No evidence kept.</p>`
}
</section>

<section>
<h2>Timeline</h2>
${
  dossier.timeline.verification.valid
    ? html`<p class="ok">Hash chain verified: ${dossier.timeline.verification.events} events, none altered, none missing.</p>`
    : html`<p class="warning">Hash chain BROKEN at event ${dossier.timeline.verification.brokenAt}: ${dossier.timeline.verification.reason}.</p>`
}
<table><tr><th>#</th><th>When</th><th>By</th><th>Event</th><th>Facts</th><th>Hash</th></tr>
${dossier.timeline.events.map(
  (event) =>
    html`<tr><td>${event.seq}</td><td>${ctx.when(event.at)}</td><td>${ctx.person(event.actor)}</td><td>${event.type}</td><td><code>${JSON.stringify(event.payload)}</code></td><td class="hash">${event.hash}</td></tr>`,
)}</table>
</section>
</body>
</html>
`.value;
}

/** The helpers that turn ids and dates of this dossier into words. */
function context(dossier: DossierView) {
  const partyNames = new Map(dossier.parties.map(({ party }) => [party.id, party.name]));
  const noticeRefs = new Map(dossier.notices.map((notice) => [notice.id, notice.ref]));
  const commentsById = new Map(dossier.thread.map((comment) => [comment.id, comment]));

  const when = (iso: string | null): SafeHtml | string => {
    if (!iso) return '';
    const local = DateTime.fromISO(iso, { zone: dossier.timeZone });
    return html`<time datetime="${iso}">${local.toFormat('yyyy-MM-dd HH:mm:ss')} (UTC${local.toFormat('ZZ')})</time>`;
  };
  const person = (id: string | null): string => (!id ? '' : id === 'system' ? 'Calumet (automatic)' : (dossier.people[id] ?? id));
  const party = (id: string | null): string => (id ? (partyNames.get(id) ?? id) : '');
  const commentOf = (id: string): SafeHtml => html`the comment of ${when(commentsById.get(id)?.postedAt ?? null) || id}`;
  const link = (url: string | null): SafeHtml | string => (url && /^https?:\/\//i.test(url) ? html`<a href="${url}">${url}</a>` : (url ?? ''));

  const comment = (item: DossierCommentView): SafeHtml => {
    const author = item.direction === 'inbound' ? party(item.partyId) || item.authorName : person(item.authorUserId) || item.authorName;
    return html`<div class="comment ${item.direction} depth-${Math.min(item.depth, MAX_INDENT)}">
${item.inReplyTo ? html`<p class="reply-to">In reply to ${item.inReplyTo.author}, ${when(item.inReplyTo.postedAt)}</p>` : ''}
<p class="meta">${when(item.postedAt)}: ${item.direction === 'inbound' ? 'from' : 'by us,'} ${author} (${item.channel}${item.status === 'visible' ? '' : `, ${item.status}`})${
      item.revisions.length ? `, edited ${item.revisions.length} time(s)` : ''
    } ${link(item.url)}</p>
<div class="body">${item.body}</div>
</div>`;
  };

  const notice = (item: LegalNoticeView): SafeHtml => html`<div class="notice">
<h3>${item.ref}: ${item.type} (${item.direction}), ${item.status}</h3>
<dl class="facts">
${item.senderPartyId ? html`<dt>Sender</dt><dd>${party(item.senderPartyId)}</dd>` : ''}
${item.onBehalfOfPartyId ? html`<dt>On behalf of</dt><dd>${party(item.onBehalfOfPartyId)}</dd>` : ''}
${item.counselPartyId ? html`<dt>Counsel</dt><dd>${party(item.counselPartyId)}</dd>` : ''}
${item.receivedVia ? html`<dt>Received via</dt><dd>${item.receivedVia}</dd>` : ''}
${item.commentId ? html`<dt>Came as</dt><dd>${commentOf(item.commentId)}</dd>` : ''}
${
  item.registeredMail
    ? html`<dt>Registered mail</dt><dd>tracking ${item.registeredMail.trackingNumber ?? 'unknown'}; sent ${when(item.registeredMail.sentAt) || 'unknown'}; acknowledged ${
        when(item.registeredMail.acknowledgedAt) || 'not yet'
      }</dd>`
    : ''
}
${item.sentAt ? html`<dt>Sent</dt><dd>${when(item.sentAt)}</dd>` : ''}
${item.receivedAt ? html`<dt>Received</dt><dd>${when(item.receivedAt)}</dd>` : ''}
<dt>Jurisdiction</dt><dd>${item.jurisdiction}</dd>
${item.legalBasis ? html`<dt>Legal basis</dt><dd>${item.legalBasis}</dd>` : ''}
${item.summary ? html`<dt>Says</dt><dd class="body">${item.summary}</dd>` : ''}
${item.requestedReply ? html`<dt>Reply sought</dt><dd class="body">${item.requestedReply}</dd>` : ''}
${item.assigneeId ? html`<dt>Assigned to</dt><dd>${person(item.assigneeId)}</dd>` : ''}
${
  item.demands.length
    ? html`<dt>Demands</dt><dd><ul>${item.demands.map((demand) => html`<li>${demand.kind}: ${demand.description} ${link(demand.targetUrl)}</li>`)}</ul></dd>`
    : ''
}
${item.statedDeadline ? html`<dt>Deadline it states</dt><dd>${item.statedDeadline}</dd>` : ''}
<dt>Respond by</dt><dd>${item.respondBy ? when(item.respondBy) : 'no deadline'}${item.respondByManual ? ' (set by hand)' : ''}</dd>
<dt>Basis</dt><dd>${item.deadlineBasis ?? 'no deadline rule applies'}</dd>
${item.validity.length ? html`<dt>Validity</dt><dd>${item.validity.map((warning) => html`<p class="warning">${warning.message}</p>`)}</dd>` : ''}
<dt>Action taken</dt><dd>${item.actionTaken}</dd>
</dl>
${item.privilegedNotes ? html`<div class="privileged"><strong>Privileged (legal and admin only):</strong><div class="body">${item.privilegedNotes}</div></div>` : ''}
</div>`;

  const evidence = (item: DossierEvidenceView): SafeHtml => {
    const what = item.kind === 'url_capture' || item.kind === 'page_capture' ? html`${item.kind === 'page_capture' ? 'browser capture of ' : ''}page ${link(item.sourceUrl)}${item.finalUrl !== item.sourceUrl ? html` → ${link(item.finalUrl)}` : ''} (HTTP ${item.httpStatus})` : item.kind === 'file' ? `file ${item.fileName ?? ''}` : 'text';
    const links = [item.linkedCommentId ? commentOf(item.linkedCommentId) : '', item.linkedNoticeId ? `notice ${noticeRefs.get(item.linkedNoticeId) ?? item.linkedNoticeId}` : '']
      .filter(Boolean)
      .map((link) => html`<div>${link}</div>`);
    return html`<tr><td>${when(item.capturedAt)} by ${person(item.capturedBy)}</td><td>${what}${item.note ? html`<br>${item.note}` : ''}</td><td>${item.contentType}, ${item.size} bytes</td><td class="hash">${item.sha256}</td><td class="${item.content === 'intact' ? 'ok' : 'warning'}">${item.content}</td><td>${links}</td></tr>`;
  };

  const commitment = (item: CommitmentView): SafeHtml => {
    const last = item.observations[item.observations.length - 1];
    const due = [item.notBefore ? html`not before ${when(item.notBefore)}` : '', item.dueAt ? html`by ${when(item.dueAt)}` : ''].filter(Boolean);
    return html`<tr><td>${when(item.promisedAt)}</td><td>${item.kind}: ${item.description} ${link(item.targetUrl)}${item.mentionText ? html` (mention: ${item.mentionText})` : ''}</td><td>${party(
      item.promisedToPartyId,
    )}</td><td>${person(item.ownerId)}</td><td>${due.length ? due.map((part) => html`<div>${part}</div>`) : ''}</td><td class="${item.status === 'verified' ? 'ok' : item.status === 'failed_verification' ? 'warning' : ''}">${item.status}</td><td>${
      last ? html`${when(last.at)}: ${last.verdict}${last.httpStatus ? ` (HTTP ${last.httpStatus})` : ''}${last.detail ? html`<br>${last.detail}` : ''}` : item.verifiable ? 'not checked yet' : 'not checked on a page'
    }</td></tr>`;
  };

  return { when, person, link, comment, notice, evidence, commitment };
}
