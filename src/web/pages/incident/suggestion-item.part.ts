import { warningWords } from '../../../deadlines/deadline-words.js';
import type { ValidityWarning } from '../../../deadlines/deadline-calculator.js';
import type { IncidentDetailView } from '../../../incidents/incident.dto.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { abilities, personName, type IncidentPageData } from './page-data.js';
import { acceptForm, dismissForm } from './suggestions.part.js';

type Suggestion = IncidentDetailView['suggestions'][number];

/** What a done suggestion's record was, in words: the state moved to, the notice type or the commitment kind. */
function recorded(page: PageContext, suggestion: Suggestion): string {
  const what = String(suggestion.fulfilledBy?.what ?? '');
  if (suggestion.type === 'state') return page.t.word('state', what);
  if (suggestion.type === 'prescription') return page.t.word('pressOffence', what);
  return page.t.word(suggestion.type === 'legal_notice' ? 'noticeType' : 'commitmentKind', what);
}

/**
 * One suggestion of the incident page: what it proposes and every passage it
 * rests on, the warnings of a drafted notice, accept and dismiss while open
 * (a same-person proposal merges the two parties); done by hand, what did
 * it, by whom and when.
 */
export function suggestionItem(page: PageContext, data: IncidentPageData, suggestion: Suggestion): Html {
  const { t } = page;
  const { write, legal } = abilities(page);
  const draft = suggestion.draft ?? {};
  const label =
    suggestion.type === 'same_party'
      ? t.word('suggestion', 'same_party', { value: String(draft['keepName']) })
      : t.word('suggestion', suggestion.type, { value: suggestion.state ? t.word('state', suggestion.state) : '' });
  const named = suggestion.type === 'same_party' ? '' : suggestion.type === 'prescription' ? ` (${t.word('pressOffence', String(draft['offence']))})` : draft['type'] ? ` (${t.word('noticeType', String(draft['type']))})` : draft['kind'] ? ` (${t.word('commitmentKind', String(draft['kind']))})` : '';
  const quote = (phrase: string) => html`«&#8239;${phrase}&#8239;»`;
  if (suggestion.status === 'done') {
    const by = suggestion.fulfilledBy!;
    const actor = by.actor === 'system' ? t.t('app.name') : personName(page, data, by.actor);
    return html`<li data-testid="suggestion-done" data-type="${suggestion.type}" class="suggestion-done">
    <span class="badge green">${t.t('suggestion.done')}</span> <strong>${label}</strong>${named} — ${quote(suggestion.phrase)}
    <br><small>${t.t('suggestion.doneBy', { what: recorded(page, suggestion), actor, time: t.dateTime(by.at) })}</small>
  </li>`;
  }
  const passages = suggestion.passages.length ? suggestion.passages.map((passage) => html`${quote(passage.phrase)} `) : quote(suggestion.phrase);
  return html`<li data-testid="suggestion" data-type="${suggestion.type}">
    <strong>${label}</strong>${named} — ${passages}
    ${suggestion.type === 'same_party' ? html`<br><small>${t.t('suggestion.samePerson', { merge: String(draft['mergeName']), keep: String(draft['keepName']) })}</small>` : ''}
    ${suggestion.warnings?.length ? html`<br><small>${t.t('suggestion.warnings')}</small><ul class="warnings">${suggestion.warnings.map((warning) => html`<li data-warning="${warning.code}">${warningWords(t, warning as ValidityWarning)}</li>`)}</ul>` : ''}
    ${write ? html`<div class="suggestion-actions">${suggestion.type !== 'legal_notice' || legal ? acceptForm(page, data, suggestion) : ''} ${dismissForm(page, data, suggestion)}</div>` : ''}
  </li>`;
}
