import { awaitsReply } from '../../../comments/awaiting-reply.js';
import { MAX_BODY } from '../../../comments/comment.dto.js';
import { CHANNELS, COMMENT_STATUSES, DIRECTIONS } from '../../../comments/comment.types.js';
import type { DossierView } from '../../../dossier/dossier.dto.js';
import type { Translator } from '../../../i18n/i18n.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { layout } from '../layout.js';
import { highlightSignals } from '../signals.js';
import { abilities, incidentPath, type IncidentPageData } from './page-data.js';
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

/** The thread as a tree, each message with its signals marked and named, and a way to answer it from where it is. */
export function threadPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { dossier } = data;
  const { write } = abilities(page);
  // Each message's reply link is a few hundred bytes of a thousand-message page: relative where it can be, its slot found by htmx.
  return html`<section class="card" aria-labelledby="thread-heading" id="thread" data-live-part>
  <h2 id="thread-heading">${t.t('incident.thread')}</h2>
  ${write && dossier.thread.length ? rereadForm(page, data) : ''}
  ${dossier.thread.length ? html`<p><a href="/incidents/${dossier.incident.id}/comments.csv" download data-testid="thread-csv">${t.t('export.threadCsv')}</a></p>` : html`<p>${t.t('incident.threadEmpty')}</p>`}
  <ol class="thread">
  ${dossier.thread.map((comment) => {
    const author = authorName(t, dossier, comment);
    return html`<li class="comment ${comment.direction} depth-${Math.min(comment.depth, 6)}" data-testid="comment" id="comment-${comment.id}">
    <p class="meta"><strong>${author}</strong> · ${t.word('direction', comment.direction)} · ${t.word('channel', comment.channel)} · <time datetime="${comment.postedAt}">${t.dateTime(comment.postedAt)}</time>
    ${comment.inReplyTo ? html` · <a href="#comment-${comment.inReplyTo.commentId}">${t.t('incident.inReplyTo', { author: comment.inReplyTo.author })}</a>` : ''}
    ${comment.status === 'deleted' || comment.status === 'hidden' ? html` <span class="badge" data-testid="comment-removed">${t.word('commentStatus', comment.status)}</span>` : ''}
    ${awaitsReply(comment) ? html` <span class="badge red">${t.t('incident.owedReply')}</span>` : comment.direction === 'inbound' && comment.needsResponse && comment.respondedById ? html` <span class="badge green">${t.t('incident.answered')}</span>` : ''}</p>
    <p class="body">${highlightSignals(t, comment.body, comment.signals)}</p>
    ${
      write
        ? html`<p class="comment-actions"><a href="?replyTo=${comment.id}#composer" hx-get="${incidentPath(data, `/reply/${comment.id}`)}" hx-target="next .reply-slot" data-testid="reply-link">${t.t('case.reply')}<span class="visually-hidden"> ${t.t('case.replyTo', { author })}</span></a> · <a href="${incidentPath(data, `/messages/${comment.id}/edit`)}" hx-get="${incidentPath(data, `/messages/${comment.id}/edit`)}" hx-target="next .reply-slot" data-testid="edit-message-link">${t.t('message.correct')}<span class="visually-hidden"> ${t.t('message.correctOf', { author })}</span></a></p>
    <div class="reply-slot"></div>`
        : ''
    }
  </li>`;
  })}
  </ol>
</section>`;
}

/** Log a message: the composer's form (a new message, or the answer to one chosen in it), or the answer to one message, under it. */
export function commentForm(page: PageContext, data: IncidentPageData, id = 'comment'): Html {
  const { t } = page;
  const f = formView(page, id);
  const parent = id.startsWith('reply-') ? data.dossier.thread.find((comment) => `reply-${comment.id}` === id) : undefined;
  const when = { type: 'datetime-local', hint: t.t('form.whenHint', { zone: t.timeZone }) };
  return f.form(
    { action: incidentPath(data, '/comments'), testid: parent ? 'reply-form' : 'comment-form' },
    html`${parent ? f.hidden('parentId', parent.id) : ''}
    ${f.textarea('body', t.t('incident.body'), { required: true, maxlength: MAX_BODY })}
    <div class="fields">
      ${f.select('direction', t.t('incident.direction'), DIRECTIONS.map((d) => [d, t.word('direction', d)]), { initial: parent?.direction === 'outbound' ? 'inbound' : 'outbound' })}
      ${f.select('channel', t.t('incident.channel'), CHANNELS.map((c) => [c, t.word('channel', c)]), { initial: parent?.channel ?? 'comment' })}
      ${
        parent
          ? ''
          : f.select('parentId', t.t('incident.replyTo'), [['', t.t('incident.replyToNone')], ...data.dossier.thread.map((comment) => [comment.id, `${authorName(t, data.dossier, comment)}${t.t('print.colon')} ${comment.body.slice(0, 40)}`] as const)], {
              initial: data.replyTo ?? '',
            })
      }
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
    html`${f.textarea('body', t.t('incident.body'), { required: true, maxlength: MAX_BODY, initial: comment.body })}
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
