import { awaitsReply } from '../../../comments/awaiting-reply.js';
import { MAX_BODY } from '../../../comments/comment.dto.js';
import { CHANNELS, COMMENT_STATUSES, DIRECTIONS, type Direction } from '../../../comments/comment.types.js';
import type { DossierView } from '../../../dossier/dossier.dto.js';
import type { Translator } from '../../../i18n/i18n.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { layout } from '../layout.js';
import { highlightSignals } from '../signals.js';
import { threadCursor } from '../../incident-page.reader.js';
import { abilities, CHOICES_SHOWN, incidentPath, type IncidentPageData } from './page-data.js';
import { rereadForm } from './reread.part.js';

/** What naming the people of a thread needs. */
export type ThreadReader = Pick<DossierView, 'people' | 'parties' | 'thread'>;
type ThreadComment = DossierView['thread'][number];

/** Who wrote a message of the thread, by name. */
export function authorName(t: Translator, dossier: ThreadReader, comment: ThreadComment): string {
  const party = comment.partyId ? dossier.parties.find(({ party: p }) => p.id === comment.partyId)?.party.name : undefined;
  const user = comment.authorUserId ? dossier.people[comment.authorUserId] : undefined;
  return (comment.direction === 'inbound' ? party : user) ?? comment.authorName ?? t.word('direction', comment.direction);
}

/**
 * The thread as a tree, each message with its signals marked and named, and
 * a way to answer it from where it is. A long thread shows a window: the
 * latest messages (or an earlier page of them), the older messages still
 * owed a reply apart above them (the OWED_SHOWN longest waiting; a line says
 * how many more wait in their place among earlier messages), and "Show
 * earlier messages", which htmx answers with the page before in its place (a
 * link to that page without it).
 */
export function threadPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { dossier } = data;
  const { write } = abilities(page);
  const { owed, shown } = windowOf(data);
  const inPlace = dossier.window?.owedInPlace ?? 0;
  const any = shown.length + owed.length > 0;
  return html`<section class="card" aria-labelledby="thread-heading" id="thread" data-live-part>
  <h2 id="thread-heading">${t.t('incident.thread')}</h2>
  ${write && any ? rereadForm(page, data) : ''}
  ${any ? html`<p><a href="/incidents/${dossier.incident.id}/comments.csv" download data-testid="thread-csv">${t.t('export.threadCsv')}</a></p>` : html`<p>${t.t('incident.threadEmpty')}</p>`}
  ${
    owed.length
      ? html`<h3 id="owed-heading">${t.t('thread.owedApart', { count: owed.length + inPlace })}</h3>
  ${inPlace ? html`<p class="hint" data-testid="owed-in-place">${t.t('thread.owedInPlace', { shown: owed.length, count: inPlace })}</p>` : ''}
  <ol class="thread" aria-labelledby="owed-heading" data-testid="owed-messages">${owed.map((comment) => messageItem(page, data, comment))}</ol>`
      : ''
  }
  ${data.before ? html`<p><a href="${incidentPath(data, '#thread')}" data-testid="latest-link">${t.t('thread.latest')}</a></p>` : ''}
  <ol class="thread" data-testid="thread-page">
  ${earlierControl(page, data, false)}
  ${shown.map((comment) => messageItem(page, data, comment))}
  </ol>
</section>`;
}

/** The page of earlier messages htmx swaps in for the control that asked for it: the next control, then the messages. */
export function earlierPart(page: PageContext, data: IncidentPageData): Html {
  const { shown } = windowOf(data);
  const control = earlierControl(page, data, true);
  return html`${control}${shown.map((comment, i) => messageItem(page, data, comment, !control.text && i === 0))}`;
}

/** The messages a window of the thread shows: the page, and the older ones owed a reply apart (the whole thread when it was read whole). */
function windowOf(data: IncidentPageData): { owed: ThreadComment[]; shown: ThreadComment[] } {
  const { thread, window } = data.dossier;
  if (!window) return { owed: [], shown: thread };
  const owed = new Set(window.owed);
  const onPage = new Set(window.page);
  return { owed: thread.filter((comment) => owed.has(comment.id)), shown: thread.filter((comment) => onPage.has(comment.id)) };
}

/** "Show earlier messages": a link to the page before (it works without JavaScript), which htmx loads in its place; nothing at the thread's start. */
function earlierControl(page: PageContext, data: IncidentPageData, focused: boolean): Html {
  const earlier = data.dossier.window?.earlier;
  if (!earlier) return html``;
  const href = incidentPath(data, `/earlier?before=${encodeURIComponent(threadCursor(earlier))}`);
  return html`<li class="earlier" data-testid="earlier"><a href="${href}#thread" hx-get="${href}" hx-target="closest li" hx-swap="outerHTML"${focused ? html` autofocus` : ''} data-testid="earlier-link">${page.t.t('thread.earlier')}</a></li>`;
}

/** One message of the thread, with its reply and correction links (for those who write). */
function messageItem(page: PageContext, data: IncidentPageData, comment: ThreadComment, focused = false): Html {
  const { t } = page;
  const { dossier } = data;
  const { write } = abilities(page);
  const author = authorName(t, dossier, comment);
  // The reply link is relative on the incident's own address (an earlier page's is another), its slot found by htmx.
  // Focusable by script only: an address ending #comment-<id> (a message just logged, the one a reply answers) puts the focus on it, not at the page's start.
  return html`<li class="comment ${comment.direction} depth-${Math.min(comment.depth, 6)}" data-testid="comment" id="comment-${comment.id}" tabindex="-1"${focused ? html` autofocus` : ''}>
    <p class="meta"><strong>${author}</strong> · ${t.word('direction', comment.direction)} · ${t.word('channel', comment.channel)} · <time datetime="${comment.postedAt}">${t.dateTime(comment.postedAt)}</time>
    ${comment.inReplyTo ? html` · <a href="#comment-${comment.inReplyTo.commentId}">${t.t('incident.inReplyTo', { author: comment.inReplyTo.author })}</a>` : ''}
    ${comment.status === 'deleted' || comment.status === 'hidden' ? html` <span class="badge" data-testid="comment-removed">${t.word('commentStatus', comment.status)}</span>` : ''}
    ${awaitsReply(comment) ? html` <span class="badge red">${t.t('incident.owedReply')}</span>` : comment.direction === 'inbound' && comment.needsResponse && comment.respondedById ? html` <span class="badge green">${t.t('incident.answered')}</span>` : ''}</p>
    <p class="body">${highlightSignals(t, comment.body, comment.signals)}</p>
    ${
      write
        ? html`<p class="comment-actions"><a href="${data.before ? incidentPath(data, `?replyTo=${comment.id}#composer`) : `?replyTo=${comment.id}#composer`}" hx-get="${incidentPath(data, `/reply/${comment.id}`)}" hx-target="next .reply-slot" data-testid="reply-link">${t.t('case.reply')}<span class="visually-hidden"> ${t.t('case.replyTo', { author })}</span></a> · <a href="${incidentPath(data, `/messages/${comment.id}/edit`)}" hx-get="${incidentPath(data, `/messages/${comment.id}/edit`)}" hx-target="next .reply-slot" data-testid="edit-message-link">${t.t('message.correct')}<span class="visually-hidden"> ${t.t('message.correctOf', { author })}</span></a></p>
    <div class="reply-slot"></div>`
        : ''
    }
  </li>`;
}

/**
 * The message the composer answers, as radio choices: none, or one found by
 * the search above them (its author or words; htmx asks
 * /message-choices as one types and swaps the answer in), else the page's
 * latest messages and the older ones owed a reply, at most CHOICES_SHOWN of
 * each (of the owed, the longest waiting; a line says how many more there
 * are, found by the search or answered by their own Reply link). The one
 * chosen stays among the choices a new search brings.
 */
export function replyChoices(page: PageContext, data: IncidentPageData, formId: string, chosen: string): Html {
  const { t } = page;
  const { dossier } = data;
  const byId = new Map(dossier.thread.map((comment) => [comment.id, comment]));
  const { owed, shown } = windowOf(data);
  // Of the older messages owed, the longest waiting.
  const owedOffered = data.choices ? [] : owed.sort(latestFirst).slice(-CHOICES_SHOWN);
  const owedLeft = data.choices ? 0 : owed.length - owedOffered.length + (dossier.window?.owedInPlace ?? 0);
  const offered = data.choices ? data.choices.found.flatMap((id) => byId.get(id) ?? []) : [...[...shown].sort(latestFirst).slice(0, CHOICES_SHOWN), ...owedOffered];
  const picked = chosen ? byId.get(chosen) : undefined;
  const choices = picked && !offered.includes(picked) ? [picked, ...offered] : offered;
  // Each choice carries the direction its answer most likely has (desk.js sets the composer's to it until one is picked).
  const radio = (value: string, label: Html | string, testid: string, answer: Direction) =>
    html`<li><input type="radio" name="parentId" value="${value}" id="${formId}-parent-${value || 'none'}" data-answer="${answer}"${value === (picked ? chosen : '') ? html` checked` : ''}><label for="${formId}-parent-${value || 'none'}" data-testid="${testid}">${label}</label></li>`;
  return html`<ul class="choices" data-testid="reply-choices">
    ${radio('', t.t('incident.replyToNone'), 'reply-choice-none', answerTo(undefined))}
    ${choices.map((comment) => radio(comment.id, html`<strong>${authorName(t, dossier, comment)}</strong>${t.t('print.colon')} ${excerpt(comment.body)} <span class="hint"><time datetime="${comment.postedAt}">${t.dateTime(comment.postedAt)}</time></span>`, 'reply-choice', answerTo(comment)))}
  </ul>
  ${data.choices && !data.choices.found.length ? html`<p data-testid="reply-choices-none">${t.t('thread.choicesNone', { q: data.choices.q })}</p>` : ''}
  ${owedLeft > 0 ? html`<p class="hint" data-testid="reply-choices-more">${t.t('thread.choicesMoreOwed', { count: owedLeft })}</p>` : ''}`;
}

const latestFirst = (a: ThreadComment, b: ThreadComment): number => Date.parse(b.postedAt) - Date.parse(a.postedAt) || (a.id < b.id ? 1 : -1);
const excerpt = (body: string): string => (body.length > 60 ? `${body.slice(0, 60)}…` : body);

/** The composer's choice of the message it answers: a search, and the choices it finds (the page's when nothing was searched). */
function replyChoiceField(page: PageContext, data: IncidentPageData, formId: string, chosen: string): Html {
  const { t } = page;
  return html`<fieldset class="reply-choice"><legend>${t.t('incident.replyTo')}</legend>
    <p><label for="${formId}-q">${t.t('thread.find')} <span class="hint">${t.t('thread.findHint')}</span></label><input id="${formId}-q" name="q" type="search" autocomplete="off" maxlength="200" value="${data.choices?.q ?? ''}" hx-get="${incidentPath(data, '/message-choices')}" hx-trigger="input changed delay:300ms, search" hx-sync="this:replace" hx-target="#${formId}-choices" hx-swap="innerHTML" hx-include="#${formId}-choices" aria-controls="${formId}-choices" data-testid="reply-search"></p>
    <div id="${formId}-choices" aria-live="polite">${replyChoices(page, data, formId, chosen)}</div>
  </fieldset>`;
}

/**
 * The direction a new message most likely has: the other way from the message it answers; with none, the other
 * side's (most messages logged on their own are the comments and mails that come in, and one of theirs logged as
 * ours would owe no reply, unseen, where one of ours logged as theirs shows a reply owed that can be corrected).
 */
const answerTo = (parent: Pick<ThreadComment, 'direction'> | undefined): Direction => (parent?.direction === 'inbound' ? 'outbound' : 'inbound');

/**
 * Log a message: the composer's form (a new message, or the answer to one chosen in it), or the answer to one message,
 * under it: asked for by a click on « Reply », it opens with the focus in its text.
 */
export function commentForm(page: PageContext, data: IncidentPageData, id = 'comment'): Html {
  const { t } = page;
  const f = formView(page, id);
  const parent = id.startsWith('reply-') ? data.dossier.thread.find((comment) => `reply-${comment.id}` === id) : undefined;
  const parentId = f.value('parentId', data.replyTo ?? '');
  const chosen = parent ?? data.dossier.thread.find((comment) => comment.id === parentId);
  const when = { type: 'datetime-local', hint: t.t('form.whenHint', { zone: t.timeZone }) };
  return f.form(
    { action: incidentPath(data, '/comments'), testid: parent ? 'reply-form' : 'comment-form' },
    html`${parent ? f.hidden('parentId', parent.id) : ''}
    ${f.textarea('body', t.t('incident.body'), { required: true, maxlength: MAX_BODY, opensHere: !!parent })}
    ${parent ? '' : replyChoiceField(page, data, id, parentId)}
    <div class="fields">
      ${f.select('direction', t.t('incident.direction'), DIRECTIONS.map((d) => [d, t.word('direction', d)]), {
        initial: answerTo(chosen),
        // Sent back refused, the direction stays as the person sent it whatever they answer next (desk.js).
        attributes: f.refused ? html` data-picked="true"` : undefined,
      })}
      ${f.select('channel', t.t('incident.channel'), CHANNELS.map((c) => [c, t.word('channel', c)]), { initial: parent?.channel ?? 'comment' })}
      ${f.input('postedAt', t.t('incident.when'), when)}
      ${f.input('authorName', t.t('incident.authorName'), { maxlength: 200 })}
    </div>
    <p><button type="submit">${t.t('incident.log')}</button></p>`,
  );
}

/** The answer to one message, unfolded under it (htmx loads it there). */
export function replyForm(page: PageContext, data: IncidentPageData, commentId: string): Html {
  const comment = data.dossier.thread.find((candidate) => candidate.id === commentId);
  const author = comment ? authorName(page.t, data.dossier, comment) : '';
  return disclosure(page, { summary: page.t.t('case.replyTo', { author }), forms: [`reply-${commentId}`], open: true, className: 'action reply' }, commentForm(page, data, `reply-${commentId}`));
}

/** The composer under the thread: closed until asked for, open when the page was opened to answer a message. */
export function composerPart(page: PageContext, data: IncidentPageData): Html {
  return html`<section class="card composer" aria-labelledby="composer-summary">
  ${disclosure(page, { summary: html`<span id="composer-summary">${page.t.t('incident.logMessage')}</span>`, forms: ['comment'], open: !!data.replyTo, id: 'composer' }, commentForm(page, data))}
</section>`;
}

/**
 * Correct a message: its text (the old one kept as a revision), whether it
 * is still owed a reply (a message from them), and whether it is shown,
 * hidden or deleted on its page.
 */
export function messageEditForm(page: PageContext, data: IncidentPageData, commentId: string): Html {
  const { t } = page;
  const comment = data.dossier.thread.find((candidate) => candidate.id === commentId)!;
  const f = formView(page, `edit-message-${commentId}`);
  return f.form(
    { action: incidentPath(data, `/messages/${commentId}`), testid: 'edit-message-form' },
    html`${f.textarea('body', t.t('incident.body'), { required: true, maxlength: MAX_BODY, initial: comment.body, opensHere: true })}
    <div class="fields">
      ${comment.direction === 'inbound' ? f.select('needsResponse', t.t('message.needsResponse'), [['true', t.t('message.replyOwed')], ['false', t.t('message.noReplyOwed')]], { initial: String(comment.needsResponse) }) : ''}
      ${f.select('status', t.t('message.status'), COMMENT_STATUSES.map((status) => [status, t.word('commentStatus', status)]), { initial: comment.status })}
    </div>
    <p><button type="submit">${t.t('message.save')}</button></p>`,
  );
}

/** The correction unfolded under its message (htmx loads it there). */
export function messageEditPart(page: PageContext, data: IncidentPageData, commentId: string): Html {
  const comment = data.dossier.thread.find((candidate) => candidate.id === commentId)!;
  const author = authorName(page.t, data.dossier, comment);
  return disclosure(page, { summary: page.t.t('message.correctOf', { author }), forms: [`edit-message-${commentId}`], open: true, className: 'action edit-message' }, messageEditForm(page, data, commentId));
}

/** The correction on a page of its own (without JavaScript, or a refused form), the message quoted above it. */
export function messageEditPage(page: PageContext, data: IncidentPageData, commentId: string): Html {
  const { t } = page;
  const comment = data.dossier.thread.find((candidate) => candidate.id === commentId)!;
  const author = authorName(t, data.dossier, comment);
  return layout(page, {
    title: t.t('message.correctOf', { author }),
    section: 'incidents',
    main: html`<p><a href="${incidentPath(data, `#comment-${commentId}`)}">${data.dossier.incident.ref} · ${data.dossier.incident.title}</a></p>
<section class="card"><p class="meta"><strong>${author}</strong> · <time datetime="${comment.postedAt}">${t.dateTime(comment.postedAt)}</time></p><blockquote>${comment.body}</blockquote>
${messageEditForm(page, data, commentId)}</section>`,
  });
}
