import type { Problem } from '../../common/problem.js';
import type { SettingsEventView } from '../../settings/settings.dto.js';
import { LANGUAGES, NOTICE_SIGNALS, SIGNAL_KINDS, SUGGESTED_COMMITMENTS } from '../../signals/lexicon/lexicon.js';
import type { PhrasesView } from '../../signals/phrase.dto.js';
import type { VerificationView } from '../../timeline/timeline.dto.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../web-context.js';
import { csrfField, layout } from './layout.js';

/** The admin page of signal phrases: what a refused phrase was, and its problems by field. */
export interface PhraseEdit {
  values: Record<string, string>;
  problems: Problem[];
}

export interface PhrasesPageData {
  phrases: PhrasesView;
  history: SettingsEventView[];
  chain: VerificationView;
  /** Who made each change, by user id. */
  people: Record<string, string>;
}

const FIELDS = ['language', 'kind', 'commitmentKind', 'noticeType', 'phrase'] as const;

/** A lexicon's language, named in the reader's. */
const languageName = (page: PageContext, language: string) => page.t.t(language === 'fr' ? 'phrases.lang.fr' : 'phrases.lang.en');

/** Each change of a phrase as a sentence: who added or removed which phrase, when. */
function change(page: PageContext, data: PhrasesPageData, event: SettingsEventView): string {
  const { t } = page;
  const payload = event.payload as { language?: string; phrase?: string; kind?: string };
  const values = {
    time: t.dateTime(event.at),
    actor: data.people[event.actor] ?? event.actor,
    language: languageName(page, payload.language ?? ''),
    phrase: payload.phrase ?? '',
    kind: t.word('signal', payload.kind ?? ''),
  };
  return event.type === 'signal_phrase.removed' ? t.t('phrases.event.removed', values) : t.t('phrases.event.added', values);
}

/** /admin/phrases: the phrases admins add per language and kind, the form to add one, and the settings' history of them. */
export function phrasesPage(page: PageContext, data: PhrasesPageData, edit?: PhraseEdit): Html {
  const { t } = page;
  const value = (field: (typeof FIELDS)[number]) => edit?.values[field] ?? '';
  const problemsOf = (field: string) => (edit?.problems ?? []).filter((problem) => problem.field === field);
  const errors = (field: string) => problemsOf(field).map((problem) => html`<span class="error" id="error-${field}">${t.problem(problem)}</span>`);
  const general = (edit?.problems ?? []).filter((problem) => !problem.field || !(FIELDS as readonly string[]).includes(problem.field));
  const described = (field: string) => (problemsOf(field).length ? html` aria-invalid="true" aria-describedby="error-${field}"` : '');
  const option = (current: string, option: string, label: string) => html`<option value="${option}"${current === option ? html` selected` : ''}>${label}</option>`;
  return layout(page, {
    title: t.t('phrases.title'),
    section: 'admin',
    main: html`<section class="card" aria-labelledby="phrases-heading">
  <h2 id="phrases-heading">${t.t('phrases.title')}</h2>
  <p>${t.t('phrases.intro')}</p>
  <p data-testid="settings-version">${t.t('phrases.version', { version: data.phrases.version })}</p>
  ${data.phrases.items.length ? '' : html`<p>${t.t('phrases.empty')}</p>`}
  <div class="table-wrap"><table>
    <thead><tr><th scope="col">${t.t('phrases.language')}</th><th scope="col">${t.t('phrases.kind')}</th><th scope="col">${t.t('phrases.named')}</th><th scope="col">${t.t('phrases.phrase')}</th><th scope="col">${t.t('phrases.added')}</th><th scope="col"></th></tr></thead>
    <tbody>
    ${data.phrases.items.map(
      (phrase) => html`<tr data-testid="phrase-row" data-id="${phrase.id}">
      <td>${languageName(page, phrase.language)}</td>
      <td>${t.word('signal', phrase.kind)}</td>
      <td>${phrase.commitmentKind ? t.word('commitmentKind', phrase.commitmentKind) : phrase.noticeType ? t.word('noticeType', phrase.noticeType) : t.t('phrases.none')}</td>
      <td><code>${phrase.phrase}</code></td>
      <td>${t.dateTime(phrase.createdAt)}</td>
      <td><form method="post" action="/admin/phrases/${phrase.id}/delete" class="inline" hx-boost="true" hx-confirm="${t.t('phrases.removeConfirm', { phrase: phrase.phrase })}">${csrfField(page)}<button type="submit" class="secondary">${t.t('phrases.remove')}</button></form></td>
    </tr>`,
    )}
    </tbody>
  </table></div>
  <h3>${t.t('phrases.add')}</h3>
  ${general.length ? html`<div class="notice error" role="alert">${general.map((problem) => html`<p>${t.problem(problem)}</p>`)}</div>` : ''}
  <form method="post" action="/admin/phrases" class="fields" data-testid="add-phrase-form">${csrfField(page)}
    <p><label for="phrase-language">${t.t('phrases.language')}</label>
      <select id="phrase-language" name="language"${described('language')}>${LANGUAGES.map((language) => option(value('language'), language, languageName(page, language)))}</select>${errors('language')}</p>
    <p><label for="phrase-kind">${t.t('phrases.kind')}</label>
      <select id="phrase-kind" name="kind"${described('kind')}>${SIGNAL_KINDS.map((kind) => option(value('kind'), kind, t.word('signal', kind)))}</select>${errors('kind')}</p>
    <p><label for="phrase-commitment">${t.word('signal', 'commitment')}</label>
      <select id="phrase-commitment" name="commitmentKind"${described('commitmentKind')}><option value="">${t.t('phrases.none')}</option>${SUGGESTED_COMMITMENTS.map((kind) => option(value('commitmentKind'), kind, t.word('commitmentKind', kind)))}</select>${errors('commitmentKind')}</p>
    <p><label for="phrase-notice">${t.t('phrases.named')}</label>
      <select id="phrase-notice" name="noticeType"${described('noticeType')}><option value="">${t.t('phrases.none')}</option>${NOTICE_SIGNALS.map((type) => option(value('noticeType'), type, t.word('noticeType', type)))}</select>${errors('noticeType')}</p>
    <p><label for="phrase-text">${t.t('phrases.phrase')}</label>
      <input id="phrase-text" name="phrase" required maxlength="300" value="${value('phrase')}" aria-describedby="phrase-help${problemsOf('phrase').length ? ' error-phrase' : ''}"${problemsOf('phrase').length ? html` aria-invalid="true"` : ''}>
      <small id="phrase-help">${t.t('phrases.phraseHelp')}</small>${errors('phrase')}</p>
    <p><button type="submit">${t.t('phrases.add')}</button></p>
  </form>
</section>
<section class="card" aria-labelledby="phrases-history-heading">
  <h2 id="phrases-history-heading">${t.t('phrases.history')}</h2>
  ${data.history.length ? html`<ol class="timeline">${data.history.map((event) => html`<li data-testid="phrase-change">${change(page, data, event)}</li>`)}</ol>` : html`<p>${t.t('phrases.historyEmpty')}</p>`}
  ${data.chain.head ? html`<p data-testid="settings-chain" data-valid="${String(data.chain.valid)}">${t.t('phrases.chain', { events: data.chain.events, hash: data.chain.head.hash })}</p>` : ''}
</section>`,
  });
}
