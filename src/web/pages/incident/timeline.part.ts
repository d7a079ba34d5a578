import type { VerificationView } from '../../../timeline/timeline.dto.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { eventSentence } from '../../../dossier/event-sentences.js';
import { incidentPath, type IncidentPageData } from './page-data.js';

/** The timeline's head (seq and hash), "Verify now", and its last events as sentences. */
export function timelinePart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { dossier } = data;
  return html`<section class="card" aria-labelledby="timeline-heading" id="timeline" data-live-part>
  <h2 id="timeline-heading">${t.t('incident.timeline')}</h2>
  <p data-testid="timeline-head" class="wrap">${dossier.timeline.head ? t.t('incident.timelineHead', { count: dossier.timeline.head.seq, head: dossier.timeline.head.hash }) : t.t('incident.timelineEmpty')}</p>
  <div id="timeline-status" data-testid="timeline-status" aria-live="polite"><p><button type="button" class="secondary" hx-get="${incidentPath(data, '/verification')}" hx-target="#timeline-status" hx-swap="innerHTML">${t.t('incident.verify')}</button></p></div>
  <details><summary>${t.t('incident.timelineLast', { count: dossier.timeline.events.length })}</summary>
  <ol>${dossier.timeline.events.map((event) => html`<li>${eventSentence(t, dossier, event)}</li>`)}</ol>
  </details>
</section>`;
}

/** The answer of "Verify now": the whole chain recomputed. */
export function verificationResult(page: PageContext, verification: VerificationView): Html {
  const { t } = page;
  return verification.valid
    ? html`<p data-testid="verification" data-valid="true" class="wrap">${t.t('incident.timelineValid', { count: verification.events, head: verification.head?.hash ?? '-' })}</p>`
    : html`<p data-testid="verification" data-valid="false" class="error">${t.t('incident.timelineBroken', { seq: verification.brokenAt ?? '?' })}</p>`;
}
