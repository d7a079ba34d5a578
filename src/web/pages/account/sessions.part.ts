import { SessionView } from '../../../users/user.dto.js';
import { WebSessionsService } from '../../../users/web-sessions.service.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { accountPart } from './account-part.js';

/** Where the section answers and its forms post (the section alone for htmx). */
export const SESSIONS_PATH = '/account/sessions';
/** Where the section is read: on "My account". */
export const SESSIONS_SHOWN = '/account#sessions';

const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  // Headless Chromium says HeadlessChrome/: Chrome too, not the Safari/ its string also names.
  [/\b(?:Headless)?Chrom(?:e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];
const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b|\biPad\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

/** "Firefox on Linux" from a User-Agent, or null when it says neither; the full string stays in the title. */
export function deviceOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? null;
}

/**
 * The reader's sessions: each browser signed in as them, where from and
 * when, this one marked; any can be ended (POST …/:id/end, CSRF as every
 * form), and every other at once.
 */
export function sessionsPart(page: PageContext, sessions: SessionView[], currentId: string | undefined, notice?: string): Html {
  const { t } = page;
  const others = sessions.filter((session) => session.id !== currentId);
  const device = (session: SessionView) => deviceOf(session.userAgent) ?? t.t('sessions.unknownDevice');
  const endForm = (session: SessionView) => {
    const f = formView(page, `end-session-${session.id}`);
    return f.form(
      { action: `${SESSIONS_PATH}/${session.id}/end`, className: 'inline' },
      html`<button type="submit" class="secondary" aria-label="${t.t('sessions.endLabel', { device: device(session), when: t.dateTime(session.createdAt) })}">${t.t('sessions.end')}</button>`,
    );
  };
  const othersForm = formView(page, 'end-other-sessions');
  return html`<section class="card" id="sessions" aria-labelledby="sessions-heading" data-testid="sessions">
  <h2 id="sessions-heading">${t.t('sessions.title')}</h2>
  ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
  <p>${t.t('sessions.intro')}</p>
  <div class="table-wrap"><table class="stack">
    <thead><tr><th scope="col">${t.t('sessions.device')}</th><th scope="col">${t.t('sessions.address')}</th><th scope="col">${t.t('sessions.created')}</th><th scope="col">${t.t('sessions.lastSeen')}</th><th scope="col"><span class="visually-hidden">${t.t('sessions.end')}</span></th></tr></thead>
    <tbody>
    ${sessions.map(
      (session) => html`<tr data-testid="session-row" data-session="${session.id}">
      <td data-label="${t.t('sessions.device')}"><span title="${session.userAgent ?? ''}">${device(session)}</span>${session.id === currentId ? html` <strong>(${t.t('sessions.this')})</strong>` : ''}</td>
      <td data-label="${t.t('sessions.address')}">${session.address ?? t.t('sessions.unknownAddress')}</td>
      <td data-label="${t.t('sessions.created')}">${t.dateTime(session.createdAt)}</td>
      <td data-label="${t.t('sessions.lastSeen')}">${t.relative(session.lastSeenAt)}</td>
      <td>${endForm(session)}</td>
    </tr>`,
    )}
    </tbody>
  </table></div>
  ${
    others.length
      ? othersForm.form(
          { action: `${SESSIONS_PATH}/end-others`, className: 'inline' },
          html`<button type="submit" class="secondary">${t.t('sessions.endOthers')}</button>`,
        )
      : html`<p>${t.t('sessions.none')}</p>`
  }
</section>`;
}

/** The section of "My account": the reader's sessions, this browser's marked. */
export const sessionsSection = accountPart<SessionView[]>({
  id: 'sessions',
  load: async (context) => (await context.modules.get(WebSessionsService, { strict: false }).list(context.user.id)).map(SessionView.of),
  render: (page, context, sessions) => sessionsPart(page, sessions, context.request.webSession?.id),
});
