import type { IncidentDetailView } from '../../../incidents/incident.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { incidentPath, type IncidentPageData } from './page-data.js';
import { suggestionItem } from './suggestion-item.part.js';

type Suggestion = IncidentDetailView['suggestions'][number];

/** A suggestion's key as a part of an element id. */
export const suggestionSlug = (key: string): string => key.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

/** What the messages suggest recording, each accepted or dismissed in one click; nothing at all when there is none. */
export function suggestionsPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  if (!incident.suggestions.length) return html`<div id="suggestions" data-live-part></div>`;
  return html`<section class="card suggestions" aria-labelledby="suggestions-heading" id="suggestions" data-live-part>
  <h2 id="suggestions-heading">${t.t('incident.suggestions')}</h2>
  <ul>
  ${incident.suggestions.map((suggestion) => suggestionItem(page, data, suggestion))}
  </ul>
</section>`;
}

/** Accept a suggestion (a notice asks for its jurisdiction, FR prefilled). */
export function acceptForm(page: PageContext, data: IncidentPageData, suggestion: Suggestion): Html {
  const { t } = page;
  // The suggested record's problems name its own fields (jurisdiction); the form's are its edits.
  const f = formView(page, `accept-${suggestionSlug(suggestion.key)}`, (path) => (path.startsWith('edits.') ? path : `edits.${path}`));
  return f.form(
    { action: incidentPath(data, `/suggestions/${encodeURIComponent(suggestion.key)}/accept`), className: 'inline' },
    html`${suggestion.type === 'legal_notice' ? f.input('edits.jurisdiction', t.t('incident.jurisdiction'), { initial: 'FR', required: true, maxlength: 2, attributes: html` size="3"` }) : ''}
      ${suggestion.type === 'commitment' ? f.input('edits.dueAt', t.t('commitment.dueAt'), { type: 'datetime-local', hint: t.t('commitment.dueHint', { zone: t.timeZone }) }) : ''}
      <button type="submit">${suggestion.type === 'same_party' ? t.t('suggestion.merge') : t.t('incident.accept')}</button>`,
  );
}

export function dismissForm(page: PageContext, data: IncidentPageData, suggestion: Suggestion): Html {
  const f = formView(page, `dismiss-${suggestionSlug(suggestion.key)}`);
  return f.form(
    { action: incidentPath(data, `/suggestions/${encodeURIComponent(suggestion.key)}/dismiss`), className: 'inline' },
    html`<button type="submit" class="secondary">${page.t.t('incident.dismiss')}</button>`,
  );
}
