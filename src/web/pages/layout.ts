import { hasRole } from '../../common/roles.js';
import { html, type Html, type Renderable } from '../../common/html.js';
import { LOCALES } from '../../i18n/i18n.js';
import { notificationBellSlot } from './bell.js';
import type { PageContext } from '../web-context.js';

export interface LayoutOptions {
  title: string;
  main: Renderable;
  /** Which entry of the navigation is this page's. */
  section?: 'today' | 'incidents' | 'parties' | 'legal' | 'search' | 'admin' | 'account' | 'notifications';
  /** Shown above the heading (a result, an error of the form). */
  notice?: string;
}

const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  // The desk has no inline style (its CSP refuses them): a style attribute put on a field by the browser or an extension is not carried over a swap.
  attributesToSettle: ['class', 'width', 'height'],
  // A refused form (4xx) is swapped in too, so its message shows where the form was.
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '4..', swap: true, error: false },
    { code: '...', swap: false, error: true },
  ],
});

/** Every page: landmarks, a skip link, the navigation the reader's role allows, language and sign-out. */
export function layout(page: PageContext, options: LayoutOptions): Html {
  const { t, user } = page;
  const link = (section: NonNullable<LayoutOptions['section']>, href: string, label: string) =>
    html`<li><a href="${href}"${options.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content="${HTMX_CONFIG}">
<title>${options.title} · ${t.t('app.name')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/desk.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/desk.js" defer></script>
</head>
<body hx-headers="${JSON.stringify({ 'x-csrf-token': page.csrf })}">
<a class="skip" href="#main">${t.t('app.skip')}</a>
<header class="top">
  <a class="brand" href="/">${t.t('app.name')}</a>
  ${
    user
      ? html`<nav aria-label="${t.t('nav.main')}"><ul>
    ${link('today', '/', t.t('nav.today'))}
    ${link('incidents', '/incidents', t.t('nav.incidents'))}
    ${link('parties', '/parties', t.t('nav.parties'))}
    ${hasRole(user.role, 'legal') ? link('legal', '/legal', t.t('nav.legal')) : ''}
    ${link('search', '/search', t.t('nav.search'))}
    ${hasRole(user.role, 'admin') ? link('admin', '/admin', t.t('nav.admin')) : ''}
  </ul></nav>
  <p class="owed"><a href="/" id="owed-count" data-live="agenda" hx-get="/today/count" hx-trigger="load, calumet:agenda from:body" hx-swap="outerHTML">…</a></p>
  <p class="owed">${notificationBellSlot(page)}</p>`
      : ''
  }
  <div class="tools">
    <form method="post" action="/language" class="inline">
      <input type="hidden" name="_csrf" value="${page.csrf}">
      <input type="hidden" name="back" value="${page.path}">
      <label for="language">${t.t('nav.language')}</label>
      <select id="language" name="locale">${LOCALES.map((locale) => html`<option value="${locale}"${locale === t.locale ? html` selected` : ''}>${t.t(`lang.${locale}`)}</option>`)}</select>
      <button type="submit">${t.t('lang.switch')}</button>
    </form>
    ${
      user
        ? html`<span class="who">${t.t('nav.signedInAs', { name: user.name, role: t.word('role', user.role) })}</span>
    <a href="/account" data-testid="account-link"${options.section === 'account' ? html` aria-current="page"` : ''}>${t.t('nav.account')}</a>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${page.csrf}"><button type="submit">${t.t('nav.signOut')}</button></form>`
        : ''
    }
  </div>
</header>
<main id="main">
<h1>${options.title}</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${unclaimedRefusal(page, options.main)}
</main>
<footer><p>${t.t('time.zone', { zone: `${t.timeZone} (${t.zoneName()})` })}</p><div id="live" class="visually-hidden" aria-live="polite"></div></footer>
</body>
</html>`;
}

/**
 * The page's main part, after the problems of a refused form it no longer
 * shows (gone meanwhile, say): said at the top rather than lost. The main
 * part is rendered first, so every form of it has claimed its refusal.
 */
function unclaimedRefusal(page: PageContext, main: Renderable): Html {
  const refusal = page.refusal;
  if (!refusal || refusal.claimed) return html`${main}`;
  return html`<div class="form-problems" role="alert"><ul>${refusal.problems.map((problem) => html`<li>${page.t.problem(problem)}</li>`)}</ul></div>
${main}`;
}

/** The hidden CSRF field every POST form carries. */
export const csrfField = (page: PageContext): Html => html`<input type="hidden" name="_csrf" value="${page.csrf}">`;
