import { MAX_BODY } from '../../comments/comment.dto.js';
import { CHANNELS, DIRECTIONS } from '../../comments/comment.entity.js';
import { hasRole } from '../../common/roles.js';
import type { DossierView } from '../../dossier/dossier.dto.js';
import type { DossierGlance } from '../../dossier/dossier.service.js';
import type { IncidentDetailView, StateChangeView } from '../../incidents/incident.dto.js';
import type { ReminderView } from '../../reminders/reminder.dto.js';
import type { VerificationView } from '../../timeline/timeline.dto.js';
import { html, type Html } from '../html.js';
import type { Translator } from '../../i18n/i18n.js';
import type { PageContext } from '../web-context.js';
import { escalationChart } from './chart.js';
import { formView } from '../form-view.js';
import { layout } from './layout.js';
import { highlightSignals } from './signals.js';
import { eventSentence } from './sentences.js';

export interface IncidentPageData {
  dossier: DossierGlance;
  history: StateChangeView[];
  reminders: ReminderView[];
}

/** What naming the people of a thread needs. */
export type ThreadReader = Pick<DossierView, 'people' | 'parties' | 'thread'>;

const DAY_MS = 86_400_000;
/** The incident page ends with the latest events; the dossier has every one. */
export const TIMELINE_SHOWN = 50;

/** Who wrote a message of the thread, by name. */
export function authorName(t: Translator, dossier: ThreadReader, comment: DossierView['thread'][number]): string {
  const party = comment.partyId ? dossier.parties.find(({ party: p }) => p.id === comment.partyId)?.party.name : undefined;
  const user = comment.authorUserId ? dossier.people[comment.authorUserId] : undefined;
  return (comment.direction === 'inbound' ? party : user) ?? comment.authorName ?? t.word('direction', comment.direction);
}

export function deadlineBadge(t: Translator, respondBy: string | null, now = Date.now()): Html {
  if (!respondBy) return html``;
  const ms = Date.parse(respondBy) - now;
  if (ms < 0) return html`<span class="badge red">${t.t('badge.deadlinePast')}</span>`;
  return html`<span class="badge ${ms < 2 * DAY_MS ? 'red' : ms < 7 * DAY_MS ? 'amber' : ''}">${t.t('badge.deadlineClose', { when: t.relative(respondBy) })}</span>`;
}

export function incidentPage(page: PageContext, data: IncidentPageData, notice?: string): Html {
  const { t, user } = page;
  const { dossier } = data;
  const incident = dossier.incident;
  const canWrite = !!user && hasRole(user.role, 'community_manager');
  const name = (id: string | null) => (id ? (dossier.people[id] ?? id) : t.t('incident.nobody'));
  const counterpart = dossier.parties.find(({ party }) => party.id === incident.counterpartId)?.party.name;

  return layout(page, {
    title: `${incident.ref} · ${incident.title}`,
    section: 'incidents',
    notice,
    main: html`<div data-incident-id="${incident.id}" data-live-message="${t.t('incident.live')}">
<section class="card" aria-labelledby="overview">
  <h2 id="overview">${t.t('incident.overview')}</h2>
  <p><span class="badge" data-testid="incident-state">${t.word('state', incident.state)}</span>
  <span class="badge">${t.word('severity', incident.severity)}</span>
  ${incident.legalHold.on ? html`<span class="badge red">${t.t('badge.legalHold')}</span>` : ''}
  ${incident.openCounts['commentsAwaitingResponse'] ? html`<span class="badge red">${t.t('badge.repliesOwed', { count: incident.openCounts['commentsAwaitingResponse'] })}</span>` : ''}</p>
  ${incident.summary ? html`<p>${incident.summary}</p>` : ''}
  <dl class="facts">
    <dt>${t.t('incident.owner')}</dt><dd>${name(incident.ownerId)}</dd>
    <dt>${t.t('incident.backupOwner')}</dt><dd>${name(incident.backupOwnerId)}</dd>
    <dt>${t.t('incident.counterpart')}</dt><dd>${counterpart ?? t.t('incident.nobody')}</dd>
    <dt>${t.t('incident.openedAt')}</dt><dd>${t.dateTime(incident.openedAt)}</dd>
    ${incident.tags.length ? html`<dt>${t.t('incident.tags')}</dt><dd>${incident.tags.join(', ')}</dd>` : ''}
  </dl>
  <p><a href="/incidents/${incident.id}/dossier">${t.t('incident.dossier')}</a></p>
</section>

<section class="card chart" aria-labelledby="chart-heading" data-testid="escalation-chart">
  <h2 id="chart-heading">${t.t('incident.chart')}</h2>
  ${escalationChart(
    t,
    t.t('incident.chartTitle', { ref: incident.ref }),
    data.history,
    [
      ...dossier.notices.map((n) => ({ at: n.receivedAt ?? n.sentAt ?? n.createdAt, kind: 'notice' as const, label: `${n.ref} ${t.word('noticeType', n.type)}` })),
      ...dossier.commitments.map((c) => ({ at: c.promisedAt, kind: 'commitment' as const, label: `${t.word('commitmentKind', c.kind)}: ${c.description}` })),
    ],
  )}
</section>

${liveParts(page, data)}

${canWrite ? importSection(page, data) : ''}
${canWrite ? commentSection(page, data) : ''}
${canWrite ? moveSection(page, data) : ''}
</div>`,
  });
}

/** What live updates refresh: the thread, the suggestions, the records and the timeline. */
export function liveParts(page: PageContext, data: IncidentPageData): Html {
  const { t, user } = page;
  const { dossier } = data;
  const incident = dossier.incident;
  const canWrite = !!user && hasRole(user.role, 'community_manager');
  const name = (id: string | null) => (id ? (dossier.people[id] ?? id) : t.t('incident.nobody'));
  const base = `/incidents/${incident.id}`;

  return html`<div id="live-parts">
<section class="card" aria-labelledby="thread-heading">
  <h2 id="thread-heading">${t.t('incident.thread')}</h2>
  ${dossier.thread.length ? '' : html`<p>${t.t('incident.threadEmpty')}</p>`}
  <ol class="thread">
  ${dossier.thread.map(
    (comment) => html`<li class="comment ${comment.direction} depth-${Math.min(comment.depth, 6)}" data-testid="comment" id="comment-${comment.id}">
    <p class="meta"><strong>${authorName(t, dossier, comment)}</strong> · ${t.word('direction', comment.direction)} · ${t.word('channel', comment.channel)} · <time datetime="${comment.postedAt}">${t.dateTime(comment.postedAt)}</time>
    ${comment.inReplyTo ? html` · <a href="#comment-${comment.inReplyTo.commentId}">${t.t('incident.inReplyTo', { author: comment.inReplyTo.author })}</a>` : ''}
    ${comment.direction === 'inbound' && comment.needsResponse ? (comment.respondedById ? html` <span class="badge green">${t.t('incident.answered')}</span>` : html` <span class="badge red">${t.t('incident.owedReply')}</span>`) : ''}</p>
    <p class="body">${highlightSignals(t, comment.body, comment.signals)}</p>
  </li>`,
  )}
  </ol>
</section>

<section class="card" aria-labelledby="suggestions-heading" id="suggestions">
  <h2 id="suggestions-heading">${t.t('incident.suggestions')}</h2>
  ${incident.suggestions.length ? '' : html`<p>${t.t('incident.suggestionsEmpty')}</p>`}
  <ul>
  ${incident.suggestions.map(
    (suggestion) => html`<li data-testid="suggestion" data-type="${suggestion.type}">
    <strong>${t.word('suggestion', suggestion.type, { value: suggestion.state ? t.word('state', suggestion.state) : '' })}</strong>
    ${suggestion.draft?.['type'] ? html` (${t.word('noticeType', String(suggestion.draft['type']))})` : ''}
    ${suggestion.draft?.['kind'] ? html` (${t.word('commitmentKind', String(suggestion.draft['kind']))})` : ''}
    — « ${suggestion.phrase} »
    ${
      canWrite ? html`${suggestion.type !== 'legal_notice' || hasRole(user!.role, 'legal') ? acceptForm(page, incident.id, suggestion) : ''} ${dismissForm(page, incident.id, suggestion)}` : ''
    }
  </li>`,
  )}
  </ul>
</section>

${postsSection(page, data)}

<div class="grid">
<section class="card" aria-labelledby="notices-heading">
  <h2 id="notices-heading">${t.t('incident.notices')}</h2>
  ${dossier.notices.length ? '' : html`<p>${t.t('incident.noticesEmpty')}</p>`}
  <ul>
  ${dossier.notices.map(
    (notice) => html`<li data-testid="notice"><strong>${notice.ref}</strong> ${t.word('noticeType', notice.type)} · ${t.word('noticeStatus', notice.status)}
    ${notice.respondBy ? html`<br>${t.t('incident.respondBy', { when: t.dateTime(notice.respondBy) })} ${deadlineBadge(t, notice.respondBy)}` : ''}
    ${notice.deadlineBasis ? html`<br>${t.t('incident.basis')}: ${notice.deadlineBasis}` : ''}
    ${notice.assigneeId ? html`<br>${t.t('legal.assignee')}: ${name(notice.assigneeId)}` : ''}
    ${notice.validity.map((warning) => html`<br><span class="badge amber">${warning.message}</span>`)}</li>`,
  )}
  </ul>
</section>

<section class="card" aria-labelledby="commitments-heading">
  <h2 id="commitments-heading">${t.t('incident.commitments')}</h2>
  ${dossier.commitments.length ? '' : html`<p>${t.t('incident.commitmentsEmpty')}</p>`}
  <ul>
  ${dossier.commitments.map((commitment) => {
    const last = commitment.observations.at(-1);
    return html`<li data-testid="commitment"><strong>${t.word('commitmentKind', commitment.kind)}</strong> · ${t.word('commitmentStatus', commitment.status)} — ${commitment.description}
    ${commitment.dueAt ? html`<br>${t.t('today.due', { when: t.dateTime(commitment.dueAt) })}` : ''}
    <br>${last ? t.t('incident.lastObservation', { when: t.dateTime(last.at), verdict: t.word('verdict', last.verdict) }) : t.t('incident.neverChecked')}</li>`;
  })}
  </ul>
</section>

<section class="card" aria-labelledby="evidence-heading">
  <h2 id="evidence-heading">${t.t('incident.evidence')}</h2>
  ${dossier.evidence?.length ? '' : html`<p>${t.t('incident.evidenceEmpty')}</p>`}
  <ul>
  ${(dossier.evidence ?? []).map(
    (item) => html`<li>${item.kind} · ${item.sourceUrl ?? item.fileName ?? ''} · ${t.dateTime(item.capturedAt)} · ${item.content}<br><span class="hash">sha256 ${item.sha256}</span></li>`,
  )}
  </ul>
</section>

<section class="card" aria-labelledby="reminders-heading">
  <h2 id="reminders-heading">${t.t('incident.reminders')}</h2>
  ${data.reminders.length ? '' : html`<p>${t.t('incident.remindersEmpty')}</p>`}
  <ul>
  ${data.reminders.map(
    (reminder) => html`<li data-testid="reminder"><strong>${t.word('reminderKind', reminder.kind)}</strong> → ${name(reminder.recipientUserId)} · ${t.dateTime(reminder.dueAt)}
    ${reminder.note ? html`<br>${reminder.note}` : ''}
    ${
      canWrite ? html`${snoozeForm(page, reminder)}${cancelForm(page, reminder)}` : ''
    }</li>`,
  )}
  </ul>
</section>
</div>

<section class="card" aria-labelledby="timeline-heading">
  <h2 id="timeline-heading">${t.t('incident.timeline')}</h2>
  <p data-testid="timeline-head" class="wrap">${dossier.timeline.head ? t.t('incident.timelineHead', { count: dossier.timeline.head.seq, head: dossier.timeline.head.hash }) : t.t('incident.timelineEmpty')}</p>
  <div id="timeline-status" data-testid="timeline-status" aria-live="polite"><p><button type="button" class="secondary" hx-get="${base}/verification" hx-target="#timeline-status" hx-swap="innerHTML">${t.t('incident.verify')}</button></p></div>
  <details><summary>${t.t('incident.timelineLast', { count: dossier.timeline.events.length })}</summary>
  <ol>${dossier.timeline.events.map((event) => html`<li>${eventSentence(t, dossier, event)}</li>`)}</ol>
  </details>
</section>
</div>`;
}

/** The answer of "Verify now": the whole chain recomputed. */
export function verificationResult(page: PageContext, verification: VerificationView): Html {
  const { t } = page;
  return verification.valid
    ? html`<p data-testid="verification" data-valid="true" class="wrap">${t.t('incident.timelineValid', { count: verification.events, head: verification.head?.hash ?? '-' })}</p>`
    : html`<p data-testid="verification" data-valid="false" class="error">${t.t('incident.timelineBroken', { seq: verification.brokenAt ?? '?' })}</p>`;
}

/** The incident's posts, each with its watch: when it last synced and what came of it, and the button to start or stop it. */
function postsSection(page: PageContext, data: IncidentPageData): Html {
  const { t, user } = page;
  const incident = data.dossier.incident;
  const canWrite = !!user && hasRole(user.role, 'community_manager');
  return html`<section class="card" aria-labelledby="posts-heading" id="posts">
  <h2 id="posts-heading">${t.t('incident.posts')}</h2>
  ${data.dossier.posts.length ? '' : html`<p>${t.t('incident.postsEmpty')}</p>`}
  <ul>
  ${data.dossier.posts.map((post) => {
    const watched = post.watch.incidentId === incident.id;
    const elsewhere = !!post.watch.incidentId && !watched;
    return html`<li data-testid="post" data-watched="${watched ? 'true' : 'false'}"><a href="${post.url}" rel="noopener noreferrer">${post.title ?? post.url}</a>
    <br>${watched ? t.t('incident.watching') : elsewhere ? t.t('incident.watchedElsewhere') : t.t('incident.notWatching')}
    ${watched && post.watch.lastSyncAt ? html`<br><span data-testid="watch-result">${t.t('incident.lastSync', { when: t.dateTime(post.watch.lastSyncAt), result: post.watch.lastResult ?? '' })}</span>` : ''}
    ${watched && post.watch.nextSyncAt ? html`<br>${t.t('incident.nextSync', { when: t.dateTime(post.watch.nextSyncAt) })}` : ''}
    ${
      canWrite && !elsewhere
        ? watchForm(page, incident.id, post.id, watched)
        : ''
    }</li>`;
  })}
  </ul>
</section>`;
}

/** Start or stop the watch of a post. */
export function watchForm(page: PageContext, incidentId: string, postId: string, watched: boolean): Html {
  const f = formView(page, `watch-${postId}`);
  return f.form(
    { action: `/incidents/${incidentId}/posts/${postId}/${watched ? 'unwatch' : 'watch'}`, className: 'inline' },
    html`<button type="submit" class="secondary">${watched ? page.t.t('incident.stopWatching') : page.t.t('incident.startWatching')}</button>`,
  );
}

export function importForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const f = formView(page, 'import');
  return f.form(
    { action: `/incidents/${data.dossier.incident.id}/import`, testid: 'import-form' },
    html`${f.input('postUrl', t.t('incident.importUrl'), { type: 'url', required: true, maxlength: 2048, attributes: html` placeholder="https://"` })}
    ${f.checkbox('watch', t.t('incident.importWatch'))}
    <p><button type="submit">${t.t('incident.importSubmit')}</button></p>`,
  );
}

function importSection(page: PageContext, data: IncidentPageData): Html {
  return html`<section class="card" aria-labelledby="import-heading">
  <h2 id="import-heading">${page.t.t('incident.import')}</h2>
  ${importForm(page, data)}
</section>`;
}

export function commentForm(page: PageContext, data: IncidentPageData, id = 'comment'): Html {
  const { t } = page;
  const f = formView(page, id);
  return f.form(
    { action: `/incidents/${data.dossier.incident.id}/comments`, testid: 'comment-form' },
    html`${f.textarea('body', t.t('incident.body'), { required: true, maxlength: MAX_BODY })}
    <div class="fields">
      ${f.select('direction', t.t('incident.direction'), DIRECTIONS.map((d) => [d, t.word('direction', d)]))}
      ${f.select('channel', t.t('incident.channel'), CHANNELS.map((c) => [c, t.word('channel', c)]))}
      ${f.select('parentId', t.t('incident.replyTo'), [['', t.t('incident.replyToNone')], ...data.dossier.thread.map((comment) => [comment.id, `${authorName(t, data.dossier, comment)}: ${comment.body.slice(0, 40)}`] as const)])}
      ${f.input('postedAt', t.t('incident.when'), { type: 'datetime-local', hint: t.t('form.whenHint', { zone: t.timeZone }) })}
      ${f.input('authorName', t.t('incident.authorName'), { maxlength: 200 })}
    </div>
    <p><button type="submit">${t.t('incident.log')}</button></p>`,
  );
}

function commentSection(page: PageContext, data: IncidentPageData): Html {
  return html`<section class="card" aria-labelledby="log-heading">
  <h2 id="log-heading">${page.t.t('incident.logMessage')}</h2>
  ${commentForm(page, data)}
</section>`;
}

export function moveForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  const f = formView(page, 'move');
  return f.form(
    { action: `/incidents/${incident.id}/transitions`, testid: 'move-form' },
    html`${f.hidden('version', String(incident.version))}
    <div class="fields">
      ${f.select('to', t.t('incident.moveTo'), incident.allowedTransitions.map((state) => [state, t.word('state', state)]))}
      ${f.input('at', t.t('incident.when'), { type: 'datetime-local', hint: t.t('form.whenHint', { zone: t.timeZone }) })}
    </div>
    ${f.input('reason', t.t('incident.reason'), { required: true, maxlength: 2000 })}
    ${f.textarea('resolution', t.t('incident.resolution'), { maxlength: 20000 })}
    <p><button type="submit">${t.t('incident.moveSubmit')}</button></p>`,
  );
}

function moveSection(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  if (!data.dossier.incident.allowedTransitions.length) return html`<section class="card"><h2>${t.t('incident.move')}</h2><p>${t.t('incident.noMoves')}</p></section>`;
  return html`<section class="card" aria-labelledby="move-heading">
  <h2 id="move-heading">${t.t('incident.move')}</h2>
  ${moveForm(page, data)}
</section>`;
}

/** Snooze a scheduled reminder to a later time. */
export function snoozeForm(page: PageContext, reminder: ReminderView): Html {
  const { t } = page;
  const f = formView(page, `snooze-${reminder.id}`);
  return f.form(
    { action: `/reminders/${reminder.id}/snooze`, className: 'fields' },
    html`${f.input('until', t.t('incident.snooze'), { type: 'datetime-local', required: true, initial: t.inputValue(new Date(Date.parse(reminder.dueAt) + DAY_MS)) })}
    <p><button type="submit" class="secondary">${t.t('incident.snoozeSubmit')}</button></p>`,
  );
}

/** Cancel a scheduled reminder, saying why. */
export function cancelForm(page: PageContext, reminder: ReminderView): Html {
  const { t } = page;
  const f = formView(page, `cancel-${reminder.id}`);
  return f.form(
    { action: `/reminders/${reminder.id}/cancel`, className: 'fields' },
    html`${f.input('reason', t.t('incident.cancelReason'), { required: true, maxlength: 1000 })}
    <p><button type="submit" class="secondary">${t.t('incident.cancelReminder')}</button></p>`,
  );
}

/** Accept a suggestion (a notice asks for its jurisdiction, FR prefilled). */
export function acceptForm(page: PageContext, incidentId: string, suggestion: IncidentDetailView['suggestions'][number]): Html {
  const { t } = page;
  // The suggested record's problems name its own fields (jurisdiction); the form's are its edits.
  const f = formView(page, `accept-${suggestionSlug(suggestion.key)}`, (path) => (path.startsWith('edits.') ? path : `edits.${path}`));
  return f.form(
    { action: `/incidents/${incidentId}/suggestions/${encodeURIComponent(suggestion.key)}/accept`, className: 'inline' },
    html`${suggestion.type === 'legal_notice' ? f.input('edits.jurisdiction', t.t('incident.jurisdiction'), { initial: 'FR', required: true, maxlength: 2, attributes: html` size="3"` }) : ''}
      <button type="submit">${t.t('incident.accept')}</button>`,
  );
}

export function dismissForm(page: PageContext, incidentId: string, suggestion: IncidentDetailView['suggestions'][number]): Html {
  const f = formView(page, `dismiss-${suggestionSlug(suggestion.key)}`);
  return f.form(
    { action: `/incidents/${incidentId}/suggestions/${encodeURIComponent(suggestion.key)}/dismiss`, className: 'inline' },
    html`<button type="submit" class="secondary">${page.t.t('incident.dismiss')}</button>`,
  );
}

/** A suggestion's key as a part of an element id. */
export const suggestionSlug = (key: string): string => key.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
