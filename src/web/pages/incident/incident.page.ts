import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { layout } from '../layout.js';
import { chartPart } from './chart.part.js';
import { commitmentsPart } from './commitments.part.js';
import { evidencePart } from './evidence.part.js';
import { caseHeader } from './header.part.js';
import { noticesPart } from './notices.part.js';
import { abilities, type IncidentPageData } from './page-data.js';
import { postsPart } from './posts.part.js';
import { prescriptionsPart } from './prescriptions.part.js';
import { remindersPart } from './reminders.part.js';
import { suggestionsPart } from './suggestions.part.js';
import { composerPart, threadPart } from './thread.part.js';
import { timelinePart } from './timeline.part.js';

/**
 * The incident as desks show a ticket: a header with its identity and state,
 * the thread as the main column (suggestions above it, the composer under
 * it, then the escalation chart and the timeline), and a side column with
 * deadlines, commitments, reminders, evidence and posts; on a narrow screen
 * the side column comes right under the thread. Actions unfold where they are
 * needed. Every part marked data-live-part is refreshed by live updates.
 */
export function incidentPage(page: PageContext, data: IncidentPageData, notice?: string): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  return layout(page, {
    title: `${incident.ref} · ${incident.title}`,
    section: 'incidents',
    notice,
    main: html`<div class="case-page" data-incident-id="${incident.id}" data-live-message="${t.t('incident.live')}">
${caseHeader(page, data)}
<div class="case">
  <div class="case-main">
    ${suggestionsPart(page, data)}
    ${threadPart(page, data)}
    ${abilities(page).write ? composerPart(page, data) : ''}
  </div>
  <aside class="case-side" aria-label="${t.t('case.side')}">
    ${sideParts(page, data)}
  </aside>
  <div class="case-more">
    ${chartPart(page, data)}
    ${timelinePart(page, data)}
  </div>
</div>
</div>`,
  });
}

function sideParts(page: PageContext, data: IncidentPageData): Html {
  return html`${noticesPart(page, data)}
    ${prescriptionsPart(page, data)}
    ${commitmentsPart(page, data)}
    ${remindersPart(page, data)}
    ${evidencePart(page, data)}
    ${postsPart(page, data)}`;
}

/** What live updates refresh: every part marked data-live-part, swapped one by one (a part in use is left alone). */
export function liveParts(page: PageContext, data: IncidentPageData): Html {
  return html`${caseHeader(page, data)}${suggestionsPart(page, data)}${threadPart(page, data)}${chartPart(page, data)}${timelinePart(page, data)}${sideParts(page, data)}`;
}
