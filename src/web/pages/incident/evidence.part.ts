import { html, type Html } from '../../html.js';
import type { PageContext } from '../../web-context.js';
import type { IncidentPageData } from './page-data.js';

/** The side column's evidence with its hashes, for the readers who may see it (legal and admin); nothing for others. */
export function evidencePart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const evidence = data.dossier.evidence;
  if (!evidence) return html``;
  return html`<section class="card side-part" aria-labelledby="evidence-heading" id="evidence" data-live-part>
  <h2 id="evidence-heading">${t.t('incident.evidence')}</h2>
  ${evidence.length ? '' : html`<p>${t.t('incident.evidenceEmpty')}</p>`}
  <ul class="side-list">
  ${evidence.map((item) => html`<li>${item.kind} · ${item.sourceUrl ?? item.fileName ?? ''} · ${t.dateTime(item.capturedAt)} · ${item.content}<br><span class="hash">sha256 ${item.sha256}</span></li>`)}
  </ul>
</section>`;
}
