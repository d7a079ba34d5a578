import { latestPublication } from '../../posts/post.types.js';
import { html, type Html } from '../../common/html.js';
import { periodWords } from '../../deadlines/deadline-words.js';
import type { PageContext } from '../web-context.js';
import { chartBox, chartMarks } from './chart.js';
import type { DossierView } from '../../dossier/dossier.dto.js';
import type { StateChangeView } from '../../incidents/incident.dto.js';
import { authorName } from './incident/thread.part.js';
import { promiseLines } from './incident/commitments.part.js';
import { layout } from './layout.js';
import { noticeDeadline, noticeFacts, type NoticeNames } from './legal/notice.page.js';
import { eventSentence, reasonWords } from '../../dossier/event-sentences.js';
import { highlightSignals } from './signals.js';

/** The dossier a lawyer reads, in the reader's language: words for every value, names for every person, printable on A4. */
export function dossierPage(page: PageContext, data: { dossier: DossierView; history: StateChangeView[] }): Html {
  const { t } = page;
  const { dossier } = data;
  const incident = dossier.incident;
  const marks = chartMarks(t, dossier);
  const name = (id: string | null) => (id ? (dossier.people[id] ?? id) : t.t('incident.nobody'));
  // A notice's record in full, as on its own page (and in dossier.pdf): who sent it for whom, how it came, its letter, its demands, its basis.
  const partyOf = new Map(dossier.parties.map(({ party }) => [party.id, party]));
  const names: NoticeNames = { party: (id) => (id ? partyOf.get(id) : undefined), person: name, postPublishedAt: latestPublication(dossier.posts) };
  return layout(page, {
    title: t.t('dossier.title', { ref: incident.ref }),
    section: 'incidents',
    main: html`<article class="dossier" data-testid="dossier">
<p>${t.t('dossier.generated', { when: t.dateTime(dossier.generatedAt), role: t.word('role', dossier.generatedFor), zone: dossier.timeZone })}</p>
<p class="no-print"><a href="/incidents/${incident.id}/dossier.pdf" data-testid="dossier-pdf" download>${t.t('dossier.pdf')}</a></p>
<section aria-labelledby="d-overview"><h2 id="d-overview">${incident.title}</h2>
  <dl class="facts">
    <dt>${t.t('incidents.state')}</dt><dd>${t.word('state', incident.state)}</dd>
    <dt>${t.t('incidents.severity')}</dt><dd>${t.word('severity', incident.severity)}</dd>
    <dt>${t.t('incident.owner')}</dt><dd>${name(incident.ownerId)}</dd>
    <dt>${t.t('incident.openedAt')}</dt><dd>${t.dateTime(incident.openedAt)}</dd>
  </dl>
  ${incident.summary ? html`<p>${incident.summary}</p>` : ''}
</section>
<section aria-labelledby="d-parties"><h2 id="d-parties">${t.t('dossier.parties')}</h2>
  <ul>${dossier.parties.map(({ party }) => html`<li>${party.name}${party.organisation ? ` (${party.organisation})` : ''}</li>`)}</ul>
  ${dossier.posts.length ? html`<h3>${t.t('dossier.posts')}</h3><ul>${dossier.posts.map((post) => html`<li>${post.title ? html`${post.title} — ${post.url}` : post.url}</li>`)}</ul>` : ''}
</section>
<section aria-labelledby="d-escalation" class="chart"><h2 id="d-escalation">${t.t('dossier.escalation')}</h2>
  ${chartBox(t, 'd-escalation', t.t('incident.chartTitle', { ref: incident.ref }), data.history, marks.notices, marks.commitments)}
  <ol>${data.history.map((move) => html`<li>${t.dateTime(move.at)}${t.t('print.colon')} ${t.word('state', move.to)} — ${reasonWords(t, move.reason)}${move.recordedAt !== move.at ? html` (${t.t('dossier.recordedLate', { when: t.dateTime(move.recordedAt) })})` : ''}</li>`)}</ol>
</section>
<section aria-labelledby="d-thread"><h2 id="d-thread">${t.t('incident.thread')}</h2>
  <ol class="thread">${dossier.thread.map(
    (comment) => html`<li class="comment ${comment.direction} depth-${Math.min(comment.depth, 6)}">
    <p class="meta"><strong>${authorName(t, dossier, comment)}</strong> · ${t.word('direction', comment.direction)} · ${t.word('channel', comment.channel)} · ${t.dateTime(comment.postedAt)}${comment.inReplyTo ? ` · ${t.t('incident.inReplyTo', { author: comment.inReplyTo.author })}` : ''}</p>
    <p class="body">${highlightSignals(t, comment.body, comment.signals)}</p></li>`,
  )}</ol>
</section>
<section aria-labelledby="d-notices"><h2 id="d-notices">${t.t('incident.notices')}</h2>
  ${dossier.notices.length ? '' : html`<p>${t.t('incident.noticesEmpty')}</p>`}
  ${dossier.notices.map(
    (notice) => html`<article class="dossier-notice" data-testid="dossier-notice"><h3>${notice.ref} · ${t.word('noticeType', notice.type)} · ${t.word('noticeStatus', notice.status)}</h3>
    ${noticeDeadline(page, notice)}
    ${noticeFacts(page, notice, names)}</article>`,
  )}
</section>
${
  incident.prescriptions.length
    ? html`<section aria-labelledby="d-prescriptions"><h2 id="d-prescriptions">${t.t('prescription.heading')}</h2>
  <p>${t.t('prescription.warning')}</p>
  <ul>${incident.prescriptions.map((mark) => html`<li>${t.word('pressOffence', mark.offence)}${mark.ground ? ` · ${t.word('pressGround', mark.ground)}` : ''} · ${t.word('markSubject', mark.subjectType)} · ${mark.prescribesAt ? t.t('prescription.when', { when: t.dateTime(mark.prescribesAt) }) : t.t('prescription.noRule')}<br>${t.t('prescription.basis', { period: periodWords(t, mark.ground ? 'P1Y' : 'P3M'), published: t.dateTime(mark.publishedAt), reference: mark.reference ?? '' })}</li>`)}</ul></section>`
    : ''
}
<section aria-labelledby="d-commitments"><h2 id="d-commitments">${t.t('incident.commitments')}</h2>
  ${dossier.commitments.length ? '' : html`<p>${t.t('incident.commitmentsEmpty')}</p>`}
  <ul>${dossier.commitments.map((c) => html`<li data-testid="dossier-commitment">${t.word('commitmentKind', c.kind)} · ${t.word('commitmentStatus', c.status)} — ${c.description}
    <br>${promiseLines(page, c, { to: names.party(c.promisedToPartyId)?.name, owner: name(c.ownerId) })}${c.observations.map((o) => html`<br>${t.t('incident.lastObservation', { when: t.dateTime(o.at), verdict: t.word('verdict', o.verdict) })}`)}</li>`)}</ul>
</section>
${
  dossier.evidence
    ? html`<section aria-labelledby="d-evidence"><h2 id="d-evidence">${t.t('incident.evidence')}</h2>
  <ul>${dossier.evidence.map((item) => html`<li>${item.sourceUrl ?? item.fileName ?? t.word('evidenceKind', item.kind)} · ${t.word('evidenceKind', item.kind)} · ${t.dateTime(item.capturedAt)} · ${t.word('content', item.content)}<br><span class="hash">sha256 ${item.sha256}</span></li>`)}</ul></section>`
    : ''
}
<section aria-labelledby="d-timeline"><h2 id="d-timeline">${t.t('incident.timeline')}</h2>
  <p>${dossier.timeline.verification.valid ? t.t('incident.timelineValid', { count: dossier.timeline.verification.events, head: dossier.timeline.verification.head?.hash ?? '-' }) : t.t('incident.timelineBroken', { seq: dossier.timeline.verification.brokenAt ?? '?' })}</p>
  <ol data-testid="dossier-timeline">${dossier.timeline.events.map((event) => html`<li>${eventSentence(t, dossier, event)}</li>`)}</ol>
</section>
</article>`,
  });
}
