import type { NotificationView } from '../../notifications/notification.dto.js';
import { html, type Html } from '../../common/html.js';
import type { PageContext } from '../web-context.js';
import { csrfField, layout } from './layout.js';

/** A notification as the desk shows it: said from its facts in the reader's language, not from the text stored when it was sent. */
export interface NotificationItem {
  notification: NotificationView;
  incidentRef: string;
  incidentTitle: string;
  /** What the reminder is about: its link goes there (a notice's page, a message or commitment on the incident). */
  subject: { type: string; id: string } | null;
  /** The note the reminder carries, in the reader's language when said from its facts, else as written. */
  note: string | null;
}

export function notificationLink(item: NotificationItem): string {
  const { notification, subject } = item;
  if (!notification.incidentId) return '/notifications';
  if (subject?.type === 'notice') return `/legal-notices/${subject.id}`;
  if (subject && subject.type !== 'incident') return `/incidents/${notification.incidentId}#${subject.type}-${subject.id}`;
  return `/incidents/${notification.incidentId}`;
}

const markForm = (page: PageContext, action: string, label: string, testid: string): Html =>
  html`<form method="post" action="${action}" class="inline" hx-post="${action}" hx-target="#notification-list" hx-swap="outerHTML" data-testid="${testid}">${csrfField(page)}<button type="submit" class="secondary">${label}</button></form>`;

/** The list: swapped in place when one is marked read, and inside its slot when one arrives. Empty, it says so once (not also that nothing is unread). */
export function notificationList(page: PageContext, items: NotificationItem[], unread: number): Html {
  const { t } = page;
  return html`<div id="notification-list" data-unread="${unread}">
${items.length
  ? html`<p>${t.t('notifications.unread', { count: unread })}${unread ? html` ${markForm(page, '/notifications/read-all', t.t('notifications.markAll'), 'mark-all-read')}` : ''}</p>`
  : html`<p>${t.t('notifications.empty')}</p>`}
<ul class="agenda notifications">
${items.map((item) => {
  const { notification: n } = item;
  const read = n.readAt !== null;
  return html`<li data-testid="notification" data-id="${n.id}" data-kind="${n.kind}" data-read="${read ? 'true' : 'false'}" class="${read ? 'read' : 'unread'}">
  ${n.incidentId
    ? html`<span class="kind">${t.word('reminderKind', n.kind)}</span> · <a href="${notificationLink(item)}">${item.incidentRef} · ${item.incidentTitle}</a>`
    : html`<span class="kind">${t.t('notifications.desk')}</span> · ${n.title}<br>${n.body}`}
  ${item.note ? html`<br>${item.note}` : ''}
  <br><small>${t.t('notifications.due', { when: t.relative(n.dueAt) })} (<time datetime="${n.dueAt}">${t.dateTime(n.dueAt)}</time>) · ${t.t('notifications.received', { when: t.dateTime(n.createdAt) })}</small>
  ${read ? html`<small> · ${t.t('notifications.read')}</small>` : markForm(page, `/notifications/${n.id}/read`, t.t('notifications.markRead'), 'mark-read')}
</li>`;
})}
</ul>
</div>`;
}

export function notificationsPage(page: PageContext, items: NotificationItem[], unread: number): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('notifications.title'),
    section: 'notifications',
    main: html`<p>${t.t('notifications.intro')}</p>
<div id="notification-slot" hx-get="/notifications/list" hx-trigger="calumet:notifications from:body" hx-swap="innerHTML" hx-sync="this:queue last">${notificationList(page, items, unread)}</div>`,
  });
}
