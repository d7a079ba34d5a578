import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { chartBox, chartMarks } from '../chart.js';
import type { IncidentPageData } from './page-data.js';

/** The escalation over time, each notice marked by its own type, commitments marked where promised. */
export function chartPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { dossier } = data;
  const marks = chartMarks(t, dossier);
  return html`<section class="card chart" aria-labelledby="chart-heading" data-testid="escalation-chart" id="chart" data-live-part>
  <h2 id="chart-heading">${t.t('incident.chart')}</h2>
  ${chartBox(t, 'chart-heading', t.t('incident.chartTitle', { ref: dossier.incident.ref }), data.history, marks.notices, marks.commitments)}
</section>`;
}
