import type { SuggestionView } from '../../incidents/suggestions.registry.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../web-context.js';
import { csrfField } from './layout.js';

/** What a done suggestion's record was, in words: the state moved to, the notice type or the commitment kind. */
function recorded(page: PageContext, suggestion: SuggestionView): string {
  const { t } = page;
  const what = String(suggestion.fulfilledBy?.what ?? '');
  if (suggestion.type === 'state') return t.word('state', what);
  return suggestion.type === 'legal_notice' ? t.word('noticeType', what) : t.word('commitmentKind', what);
}

/**
 * One suggestion of the incident page: what it proposes and the words it
 * rests on, with accept and dismiss while open (a same-person proposal
 * merges the two parties); done by hand, what did it, by whom and when.
 */
export function suggestionItem(page: PageContext, base: string, suggestion: SuggestionView, canWrite: boolean, people: Record<string, string>): Html {
  const { t } = page;
  const draft = suggestion.draft ?? {};
  const label =
    suggestion.type === 'same_party'
      ? t.word('suggestion', 'same_party', { value: String(draft['keepName']) })
      : t.word('suggestion', suggestion.type, { value: suggestion.state ? t.word('state', suggestion.state) : '' });
  const named = draft['type'] ? ` (${t.word('noticeType', String(draft['type']))})` : draft['kind'] ? ` (${t.word('commitmentKind', String(draft['kind']))})` : '';
  if (suggestion.status === 'done') {
    const by = suggestion.fulfilledBy!;
    return html`<li data-testid="suggestion-done" data-type="${suggestion.type}" class="suggestion-done">
    <span class="badge green">${t.t('suggestion.done')}</span> <strong>${label}</strong>${named} — «&#8239;${suggestion.phrase}&#8239;»
    <br><small>${t.t('suggestion.doneBy', { what: recorded(page, suggestion), actor: by.actor === 'system' ? 'Calumet' : (people[by.actor] ?? by.actor), time: t.dateTime(by.at) })}</small>
  </li>`;
  }
  const words = suggestion.passages.length ? suggestion.passages.map((passage) => html`«&#8239;${passage.phrase}&#8239;» `) : html`«&#8239;${suggestion.phrase}&#8239;»`;
  return html`<li data-testid="suggestion" data-type="${suggestion.type}">
    <strong>${label}</strong>${named} — ${words}
    ${suggestion.type === 'same_party' ? html`<br><small>${t.t('suggestion.samePerson', { merge: String(draft['mergeName']), keep: String(draft['keepName']) })}</small>` : ''}
    ${suggestion.warnings?.length ? html`<br><small>${t.t('suggestion.warnings')}</small> ${suggestion.warnings.map((warning) => html`<span class="badge amber" data-warning="${warning.code}">${warning.message}</span> `)}` : ''}
    ${
      canWrite
        ? html`<form method="post" action="${base}/suggestions/${encodeURIComponent(suggestion.key)}/accept" class="inline">${csrfField(page)}
      ${suggestion.type === 'legal_notice' ? html`<label for="jurisdiction-${suggestion.key}">${t.t('incident.jurisdiction')}</label><input id="jurisdiction-${suggestion.key}" name="edits.jurisdiction" value="${String(draft['jurisdiction'] ?? 'FR')}" size="3" maxlength="2" required>` : ''}
      <button type="submit">${suggestion.type === 'same_party' ? t.t('suggestion.merge') : t.t('incident.accept')}</button></form>
    <form method="post" action="${base}/suggestions/${encodeURIComponent(suggestion.key)}/dismiss" class="inline">${csrfField(page)}<button type="submit" class="secondary">${t.t('incident.dismiss')}</button></form>`
        : ''
    }
  </li>`;
}

/** The button that reads the incident's whole thread again with today's rules and the admins' phrases. */
export function rereadForm(page: PageContext, base: string): Html {
  return html`<form method="post" action="${base}/signals/reread" class="inline" data-testid="reread-form">${csrfField(page)}<button type="submit" class="secondary">${page.t.t('reread.button')}</button></form>`;
}
