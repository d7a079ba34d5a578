import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { ImportView } from '../../../imports/import.dto.js';
import { ADDRESS_SOURCES, FILE_FORMATS } from '../../../imports/sources/source.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { abilities, incidentPath, type IncidentPageData } from './page-data.js';

/** The incident's posts, each with its watch (when it last synced and what came of it), and the imports of a thread. */
export function postsPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  const { write } = abilities(page);
  return html`<section class="card side-part" aria-labelledby="posts-heading" id="posts" data-live-part>
  <h2 id="posts-heading">${t.t('incident.posts')}</h2>
  ${data.dossier.posts.length ? '' : html`<p>${t.t('incident.postsEmpty')}</p>`}
  <ul class="side-list">
  ${data.dossier.posts.map((post) => {
    const watched = post.watch.incidentId === incident.id;
    const elsewhere = !!post.watch.incidentId && !watched;
    return html`<li data-testid="post" data-watched="${watched ? 'true' : 'false'}"><a href="${post.url}" rel="noopener noreferrer">${post.title ?? post.url}</a> · <a href="/posts/${post.id}">${t.t('case.postDetails')}</a>
    <br>${watched ? t.t('incident.watching') : elsewhere ? t.t('incident.watchedElsewhere') : t.t('incident.notWatching')}
    ${watched && post.watch.lastSyncAt ? html`<br><span data-testid="watch-result">${t.t('incident.lastSync', { when: t.dateTime(post.watch.lastSyncAt), result: post.watch.lastResult ?? '' })}</span>` : ''}
    ${watched && post.watch.nextSyncAt ? html`<br>${t.t('incident.nextSync', { when: t.dateTime(post.watch.nextSyncAt) })}` : ''}
    ${write && !elsewhere ? html`<br>${watchForm(page, data, post.id, watched)}` : ''}</li>`;
  })}
  </ul>
  ${(data.imports ?? []).map((run) => importProgress(page, run))}
  ${write ? disclosure(page, { summary: t.t('incident.import'), forms: ['import'] }, importForm(page, data)) : ''}
  ${write ? disclosure(page, { summary: t.t('case.wxr'), forms: ['wxr'] }, wxrForm(page, data)) : ''}
</section>`;
}

/** Start or stop the watch of a post. */
export function watchForm(page: PageContext, data: IncidentPageData, postId: string, watched: boolean): Html {
  const f = formView(page, `watch-${postId}`);
  return f.form(
    { action: incidentPath(data, `/posts/${postId}/${watched ? 'unwatch' : 'watch'}`), className: 'inline' },
    html`<button type="submit" class="secondary">${watched ? page.t.t('incident.stopWatching') : page.t.t('incident.startWatching')}</button>`,
  );
}

/** Import (again) a thread by its address: the place is recognised, or asked for when it is not. */
export function importForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const f = formView(page, 'import');
  const places = ADDRESS_SOURCES.map((name) => [name, t.t(`import.place.${name}`)] as const);
  return f.form(
    { action: incidentPath(data, '/import'), testid: 'import-form' },
    html`${f.input('url', t.t('incident.importUrl'), { type: 'url', required: true, maxlength: 2048, hint: t.t('import.urlHint'), attributes: html` placeholder="https://"` })}
    ${f.select('source', t.t('import.source'), [['', t.t('import.sourceAuto')], ...places], { hint: t.t('import.sourceHint') })}
    ${f.checkbox('watch', t.t('incident.importWatch'))}
    <p><button type="submit">${t.t('incident.importSubmit')}</button></p>`,
  );
}

/** Import (again) a thread from a file uploaded from this computer: a WordPress or Disqus export, a Mastodon archive's outbox.json. */
export function wxrForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const f = formView(page, 'wxr');
  const formats = FILE_FORMATS.map((format) => [format, t.t(`import.format.${format}`)] as const);
  return f.form(
    { action: incidentPath(data, '/import/wxr'), testid: 'wxr-form', multipart: true },
    html`${f.input('file', t.t('case.wxrFile'), { type: 'file', required: true, attributes: html` accept=".xml,.wxr,.json,application/xml,text/xml,application/json,application/activity+json"` })}
    ${f.select('format', t.t('import.format'), [['', t.t('import.formatAuto')], ...formats])}
    ${f.input('thread', t.t('case.wxrPost'), { required: true, maxlength: 2048, hint: t.t('case.wxrPostHint') })}
    <p><button type="submit">${t.t('incident.importSubmit')}</button></p>`,
  );
}

/**
 * An import's progress line, where it was started: while it runs it asks
 * for itself again every second (htmx) and says how far the batches are;
 * once done, its totals, and it stops asking.
 */
export function importProgress(page: PageContext, run: ImportView): Html {
  const { t } = page;
  const running = run.status === 'running';
  const text =
    run.status === 'completed'
      ? t.t('case.importDone', { added: run.added, updated: run.updated, deleted: run.deleted, unchanged: run.unchanged })
      : run.status === 'failed'
        ? t.t('case.importFailed', { error: run.error ?? '' })
        : t.t('case.importProgress', { done: run.done, total: run.total, batches: run.batches });
  const poll = running ? html` hx-get="/incidents/${run.incidentId}/imports/${run.id}" hx-trigger="every 1s" hx-swap="outerHTML"` : '';
  return html`<p class="import-progress" role="status" data-testid="import-progress" data-status="${run.status}"${poll}>${running ? html`<progress max="${String(run.total || 1)}" value="${String(run.done)}"></progress> ` : ''}${text}</p>`;
}
