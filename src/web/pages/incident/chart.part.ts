import { html, type Html } from '../../html.js';
import type { PageContext } from '../../web-context.js';
import { escalationChart } from '../chart.js';
import type { IncidentPageData } from './page-data.js';

/** The escalation over time, notices and commitments marked. */
export function chartPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { dossier } = data;
  return html`<section class="card chart" aria-labelledby="chart-heading" data-testid="escalation-chart" id="chart" data-live-part>
  <h2 id="chart-heading">${t.t('incident.chart')}</h2>
  ${escalationChart(
    t,
    t.t('incident.chartTitle', { ref: dossier.incident.ref }),
    data.history,
    [
      ...dossier.notices.map((n) => ({ at: n.receivedAt ?? n.sentAt ?? n.createdAt, kind: 'notice' as const, label: `${n.ref} ${t.word('noticeType', n.type)}` })),
      ...dossier.commitments.map((c) => ({ at: c.promisedAt, kind: 'commitment' as const, label: `${t.word('commitmentKind', c.kind)}: ${c.description}` })),
    ],
  )}
</section>`;
}
