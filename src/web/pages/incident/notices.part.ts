import { html, type Html } from '../../html.js';
import type { PageContext } from '../../web-context.js';
import { deadlineBadge } from '../badges.js';
import { personName, type IncidentPageData } from './page-data.js';

/** The side column's deadlines: the incident's legal notices with their countdown and basis. */
export function noticesPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { notices } = data.dossier;
  return html`<section class="card side-part" aria-labelledby="notices-heading" id="notices" data-live-part>
  <h2 id="notices-heading">${t.t('incident.notices')}</h2>
  ${notices.length ? '' : html`<p>${t.t('incident.noticesEmpty')}</p>`}
  <ul class="side-list">
  ${notices.map(
    (notice) => html`<li data-testid="notice"><strong>${notice.ref}</strong> ${t.word('noticeType', notice.type)} · ${t.word('noticeStatus', notice.status)}
    ${notice.respondBy ? html`<br>${t.t('incident.respondBy', { when: t.dateTime(notice.respondBy) })} ${deadlineBadge(t, notice.respondBy)}` : ''}
    ${notice.deadlineBasis ? html`<br>${t.t('incident.basis')}: ${notice.deadlineBasis}` : ''}
    ${notice.assigneeId ? html`<br>${t.t('legal.assignee')}: ${personName(page, data, notice.assigneeId)}` : ''}
    ${notice.validity.map((warning) => html`<br><span class="badge amber">${warning.message}</span>`)}</li>`,
  )}
  </ul>
</section>`;
}
