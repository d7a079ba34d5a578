import { html, type Html } from '../../html.js';
import type { PageContext } from '../../web-context.js';
import type { IncidentPageData } from './page-data.js';

/** The side column's promises made to a party, each with its last check. */
export function commitmentsPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { commitments } = data.dossier;
  return html`<section class="card side-part" aria-labelledby="commitments-heading" id="commitments" data-live-part>
  <h2 id="commitments-heading">${t.t('incident.commitments')}</h2>
  ${commitments.length ? '' : html`<p>${t.t('incident.commitmentsEmpty')}</p>`}
  <ul class="side-list">
  ${commitments.map((commitment) => {
    const last = commitment.observations.at(-1);
    return html`<li data-testid="commitment"><strong>${t.word('commitmentKind', commitment.kind)}</strong> · ${t.word('commitmentStatus', commitment.status)} — ${commitment.description}
    ${commitment.dueAt ? html`<br>${t.t('today.due', { when: t.dateTime(commitment.dueAt) })}` : ''}
    <br>${last ? t.t('incident.lastObservation', { when: t.dateTime(last.at), verdict: t.word('verdict', last.verdict) }) : t.t('incident.neverChecked')}</li>`;
  })}
  </ul>
</section>`;
}
