import type { NotificationView } from '../../notifications/notification.dto.js';
import { notificationLink, type NotificationItem } from './notifications.page.js';

describe(notificationLink.name, () => {
  const item = (subject: NotificationItem['subject']): NotificationItem => ({
    notification: { incidentId: 'inc-1' } as NotificationView,
    incidentRef: 'INC-2026-0001',
    incidentTitle: 'A spat',
    subject,
    note: null,
  });

  it('leads a deadline to its notice’s page', () => {
    expect(notificationLink(item({ type: 'notice', id: 'n-1' }))).toBe('/legal-notices/n-1');
  });

  it('leads a reply owed or a commitment to its place on the incident', () => {
    expect(notificationLink(item({ type: 'comment', id: 'c-1' }))).toBe('/incidents/inc-1#comment-c-1');
    expect(notificationLink(item({ type: 'commitment', id: 'k-1' }))).toBe('/incidents/inc-1#commitment-k-1');
  });

  it('leads a follow-up, or a reminder gone since, to the incident', () => {
    expect(notificationLink(item({ type: 'incident', id: 'inc-1' }))).toBe('/incidents/inc-1');
    expect(notificationLink(item(null))).toBe('/incidents/inc-1');
  });
});
