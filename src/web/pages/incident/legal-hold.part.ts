import { html, type Html } from '../../html.js';
import type { PageContext } from '../../web-context.js';
import type { IncidentPageData } from './page-data.js';

/** The header's legal hold: whether it is on, and why. */
export function legalHoldPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const hold = data.dossier.incident.legalHold;
  return html`<div class="legal-hold" id="legal-hold" data-testid="legal-hold">${hold.on ? html`<span class="badge red">${t.t('badge.legalHold')}</span>${hold.reason ? html` ${hold.reason}` : ''}` : ''}</div>`;
}
