import { latestPublication } from '../../../posts/post.types.js';
import type { LegalNoticeView } from '../../../legal-notices/legal-notice.dto.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { deadlineForm, noticeDeadline, noticeFacts, noticeMoveForm, type NoticeNames } from '../legal/notice.page.js';
import { abilities, incidentPath, personName, type IncidentPageData } from './page-data.js';

/** How the incident page names the parties and people of its notices. */
export function noticeNames(page: PageContext, data: IncidentPageData): NoticeNames {
  return {
    party: (id) => data.dossier.parties.find(({ party }) => party.id === id)?.party,
    person: (id) => personName(page, data, id),
    postPublishedAt: latestPublication(data.dossier.posts),
  };
}

/** The side column's deadlines: each notice as a card (its deadline, basis and warnings, everything recorded of it, its moves), and a way to record one. */
export function noticesPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { notices } = data.dossier;
  const { legal } = abilities(page);
  return html`<section class="card side-part" aria-labelledby="notices-heading" id="notices" data-live-part>
  <h2 id="notices-heading">${t.t('incident.notices')}</h2>
  ${notices.length ? '' : html`<p>${t.t('incident.noticesEmpty')}</p>`}
  <ul class="side-list">
  ${notices.map((notice) => noticeCard(page, data, notice, legal))}
  </ul>
  ${legal ? html`<p><a class="button" href="${incidentPath(data, '/legal-notices/new')}" data-testid="new-notice">${t.t('notice.new')}</a></p>` : ''}
</section>`;
}

function noticeCard(page: PageContext, data: IncidentPageData, notice: LegalNoticeView, legal: boolean): Html {
  const { t } = page;
  const names = noticeNames(page, data);
  const sender = names.party(notice.senderPartyId);
  const arrived = notice.receivedAt ?? notice.sentAt;
  return html`<li data-testid="notice" id="notice-${notice.id}" data-status="${notice.status}">
    <p class="item-head"><strong><a href="/legal-notices/${notice.id}">${notice.ref}</a></strong> ${t.word('noticeType', notice.type)} <span class="badge">${t.word('noticeStatus', notice.status)}</span></p>
    <p class="meta">${t.word('noticeDirection', notice.direction)}${notice.receivedVia ? html` · ${t.word('receivedVia', notice.receivedVia)}` : ''}${arrived ? html` · <time datetime="${arrived}">${t.dateTime(arrived)}</time>` : ''}${sender ? html` · ${sender.name}` : ''}</p>
    ${noticeDeadline(page, notice)}
    ${notice.demands.length ? html`<p>${t.t('notice.demandsSaid', { count: notice.demands.length, kinds: t.list([...new Set(notice.demands.map((demand) => t.word('demandKind', demand.kind)))]) })}</p>` : ''}
    ${notice.assigneeId ? html`<p>${t.t('notice.assignedTo', { name: names.person(notice.assigneeId) })}</p>` : ''}
    <details class="more"><summary>${t.t('notice.everything')}<span class="visually-hidden"> ${notice.ref}</span></summary>${noticeFacts(page, notice, names)}</details>
    ${
      legal
        ? disclosure(
            page,
            { summary: html`${t.t('notice.actions')}<span class="visually-hidden"> ${notice.ref}</span>`, forms: [`notice-move-${notice.id}`, `deadline-${notice.id}`], className: 'menu' },
            html`${noticeMoveForm(page, notice, 'incident')}<h3 class="small">${t.t('notice.setDeadlineHeading')}</h3>${deadlineForm(page, notice, 'incident')}`,
          )
        : ''
    }
  </li>`;
}
