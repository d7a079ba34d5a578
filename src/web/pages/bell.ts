import { html, type Html } from '../../common/html.js';
import type { PageContext } from '../web-context.js';

/** A bell drawn in the text's colour (an emoji needs a font many desks lack). */
const BELL = html`<svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>`;

/**
 * The header's bell: how many notifications are unread. Its slot fetches it
 * again when one arrives (one request at a time, the last one queued), and
 * swaps it inside, so the slot that listens stays.
 */
export function notificationBell(page: PageContext, unread: number): Html {
  const { t } = page;
  return html`<a href="/notifications" id="notification-count" data-count="${unread}" class="bell${unread ? ' unread' : ''}"><span aria-hidden="true">${BELL} <span class="count">${unread}</span></span><span class="visually-hidden" data-testid="bell-label">${t.t('notifications.bell', { count: unread })}</span></a>`;
}

/** Where the bell goes in the header: filled once the page has loaded, and on every new notification. */
export function notificationBellSlot(page: PageContext): Html {
  return html`<span id="notification-bell" hx-get="/notifications/count" hx-trigger="load, calumet:notifications from:body" hx-swap="innerHTML" hx-sync="this:queue last"><a href="/notifications" id="notification-count">${page.t.t('notifications.title')}</a></span>`;
}
