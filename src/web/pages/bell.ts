import { html, type Html } from '../html.js';
import type { PageContext } from '../web-context.js';

/** The header's bell: how many notifications are unread, refreshed when one arrives. */
export function notificationBell(page: PageContext, unread: number | null, load = false): Html {
  const { t } = page;
  const label = unread === null ? t.t('notifications.title') : t.t('notifications.bell', { count: unread });
  return html`<a href="/notifications" id="notification-count" hx-get="/notifications/count" hx-trigger="${load ? 'load, ' : ''}calumet:notifications from:body" hx-swap="outerHTML" aria-label="${label}"${unread === null ? '' : html` data-count="${unread}"`} class="bell${unread ? ' unread' : ''}"><span aria-hidden="true">🔔</span> ${unread === null ? '…' : html`<span class="count">${unread}</span>`}</a>`;
}
