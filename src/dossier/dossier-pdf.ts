import type { Seal } from '../seals/seal.entity.js';
import type { DossierView } from './dossier.dto.js';
import { html, type SafeHtml } from './html.js';

/**
 * The last page of the printed dossier: the head of the incident's chain
 * (to note outside Calumet) and the latest seal, with whether it covers this
 * incident's chain, so a reader can check the record later.
 */
export function closingPage(dossier: DossierView, seal: Seal | null): SafeHtml {
  const { verification } = dossier.timeline;
  const sealed = seal?.heads.find((head) => head.incidentId === dossier.incident.id);
  return html`<section style="break-before:page">
<h2>Chain head and seal</h2>
<dl>
<dt>Incident</dt><dd>${dossier.incident.ref}</dd>
<dt>Chain</dt><dd>${verification.valid ? `verified: ${verification.events} events, none altered, none missing` : `BROKEN at event ${verification.brokenAt}: ${verification.reason}`}</dd>
<dt>Chain head</dt><dd>${verification.head ? html`event ${verification.head.seq}, hash <span class="hash">${verification.head.hash}</span>` : 'no event'}</dd>
<dt>Latest seal</dt><dd>${
    seal
      ? html`made ${seal.madeAt.toISOString()}, root <span class="hash">${seal.root}</span>, over ${seal.incidents} timelines; ${
          sealed ? html`it sealed this incident at event ${sealed.seq} (hash <span class="hash">${sealed.hash}</span>)` : 'this incident was not in it yet'
        }`
      : 'no seal made yet'
  }</dd>
<dt>Printed</dt><dd>${dossier.generatedAt}</dd>
</dl>
<p>POST /api/seals/verify with the seal’s root (or its copy) tells whether the chains still extend what it recorded.</p>
</section>`;
}
