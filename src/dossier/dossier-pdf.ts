import type { Translator } from '../i18n/i18n.js';
import type { DossierView } from './dossier.dto.js';
import { html, type Html } from '../common/html.js';

/**
 * The last page of the printed dossier: the head of the incident's chain
 * (to note outside Calumet) and the latest seal, with whether it covers this
 * incident's chain, so a reader can check the record later.
 */
/** What the closing page prints of the latest seal (SealsService's). */
interface PrintedSeal {
  madeAt: Date;
  root: string;
  incidents: number;
  heads: ReadonlyArray<{ incidentId: string; seq: number; hash: string }>;
}

export function closingPage(dossier: DossierView, seal: PrintedSeal | null, t: Translator): Html {
  const { verification } = dossier.timeline;
  const m = t.t.bind(t);
  const sealed = seal?.heads.find((head) => head.incidentId === dossier.incident.id);
  return html`<section style="break-before:page">
<h2>${m('print.sealHeading')}</h2>
<dl>
<dt>${m('print.incident')}</dt><dd>${dossier.incident.ref}</dd>
<dt>${m('print.chain')}</dt><dd>${verification.valid ? m('print.chainVerified', { count: verification.events }) : m('print.chainBrokenShort', { seq: verification.brokenAt ?? '?', reason: verification.reason ?? '' })}</dd>
<dt>${m('print.chainHead')}</dt><dd>${verification.head ? html`${m('print.headEvent', { seq: verification.head.seq })} <span class="hash">${verification.head.hash}</span>` : m('print.noEvent')}</dd>
<dt>${m('print.latestSeal')}</dt><dd>${
    seal
      ? html`${m('print.sealMade', { madeAt: seal.madeAt.toISOString(), count: seal.incidents })} <span class="hash">${seal.root}</span>; ${
          sealed ? html`${m('print.sealedAt', { seq: sealed.seq })} <span class="hash">${sealed.hash}</span>` : m('print.notSealed')
        }`
      : m('print.noSeal')
  }</dd>
<dt>${m('print.printed')}</dt><dd>${dossier.generatedAt}</dd>
</dl>
<p>${m('print.verifyHow')}</p>
</section>`;
}
