import type { SettingsEventView } from '../../settings/settings.dto.js';
import { LANGUAGES, NOTICE_SIGNALS, SIGNAL_KINDS, SUGGESTED_COMMITMENTS } from '../../signals/lexicon/lexicon.js';
import type { PhrasesView, PhraseView } from '../../signals/phrase.dto.js';
import type { VerificationView } from '../../timeline/timeline.dto.js';
import { html, type Html } from '../../common/html.js';
import type { PageContext } from '../web-context.js';
import { formView } from '../form-view.js';
import { layout } from './layout.js';
import { isLetterKey, type LetterKey } from '../../letters/letter-kinds.js';

export interface PhrasesPageData {
  phrases: PhrasesView;
  history: SettingsEventView[];
  chain: VerificationView;
  /** Who made each change, by user id. */
  people: Record<string, string>;
}

/** A lexicon's language, named in the reader's. */
const languageName = (page: PageContext, language: string) => page.t.t(language === 'fr' ? 'phrases.lang.fr' : 'phrases.lang.en');

/** Each change of a phrase as a sentence: who added or removed which phrase, when. */
function change(page: PageContext, data: PhrasesPageData, event: SettingsEventView): string {
  const { t } = page;
  const payload = event.payload as { language?: string; phrase?: string; kind?: string; key?: string };
  if (event.type === 'letter_template.changed') {
    const letter = isLetterKey(payload.key ?? '') ? t.t(`letters.name.${payload.key as LetterKey}`) : (payload.key ?? '');
    return t.t('letters.templateChanged', { time: t.dateTime(event.at), actor: data.people[event.actor] ?? event.actor, letter, language: languageName(page, payload.language ?? '') });
  }
  const values = {
    time: t.dateTime(event.at),
    actor: data.people[event.actor] ?? event.actor,
    language: languageName(page, payload.language ?? ''),
    phrase: payload.phrase ?? '',
    kind: t.word('signal', payload.kind ?? ''),
  };
  return event.type === 'signal_phrase.removed' ? t.t('phrases.event.removed', values) : t.t('phrases.event.added', values);
}

/** The form that adds a phrase: a refused one comes back with what was typed and each problem beside its field. */
export function addPhraseForm(page: PageContext): Html {
  const { t } = page;
  const f = formView(page, 'add-phrase');
  const none: [string, string] = ['', t.t('phrases.none')];
  return f.form(
    { action: '/admin/phrases', className: 'fields', testid: 'add-phrase-form' },
    html`${f.select('language', t.t('phrases.language'), LANGUAGES.map((language) => [language, languageName(page, language)]))}
    ${f.select('kind', t.t('phrases.kind'), SIGNAL_KINDS.map((kind) => [kind, t.word('signal', kind)]))}
    ${f.select('commitmentKind', t.word('signal', 'commitment'), [none, ...SUGGESTED_COMMITMENTS.map((kind) => [kind, t.word('commitmentKind', kind)] as [string, string])])}
    ${f.select('noticeType', t.t('phrases.named'), [none, ...NOTICE_SIGNALS.map((type) => [type, t.word('noticeType', type)] as [string, string])])}
    ${f.input('phrase', t.t('phrases.phrase'), { required: true, maxlength: 300, hint: t.t('phrases.phraseHelp') })}
    <p><button type="submit">${t.t('phrases.add')}</button></p>`,
  );
}

/** Removes a phrase, asking once, in words. */
export function removePhraseForm(page: PageContext, phrase: Pick<PhraseView, 'id' | 'phrase'>): Html {
  const { t } = page;
  return formView(page, `remove-phrase-${phrase.id}`).form(
    { action: `/admin/phrases/${phrase.id}/delete`, className: 'inline', attributes: html` hx-confirm="${t.t('phrases.removeConfirm', { phrase: phrase.phrase })}"` },
    html`<button type="submit" class="secondary">${t.t('phrases.remove')}</button>`,
  );
}

/** /admin/phrases: the phrases admins add per language and kind, the form to add one, and the settings' history of them. */
export function phrasesPage(page: PageContext, data: PhrasesPageData): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('phrases.title'),
    section: 'admin',
    main: html`<section class="card" aria-labelledby="phrases-heading">
  <h2 id="phrases-heading">${t.t('phrases.title')}</h2>
  <p>${t.t('phrases.intro')}</p>
  <p data-testid="settings-version">${t.t('phrases.version', { version: data.phrases.version })}</p>
  ${data.phrases.items.length ? '' : html`<p>${t.t('phrases.empty')}</p>`}
  <div class="table-wrap"><table class="stack">
    <thead><tr><th scope="col">${t.t('phrases.language')}</th><th scope="col">${t.t('phrases.kind')}</th><th scope="col">${t.t('phrases.named')}</th><th scope="col">${t.t('phrases.phrase')}</th><th scope="col">${t.t('phrases.added')}</th><th scope="col"><span class="visually-hidden">${t.t('phrases.remove')}</span></th></tr></thead>
    <tbody>
    ${data.phrases.items.map(
      (phrase) => html`<tr data-testid="phrase-row" data-id="${phrase.id}">
      <td data-label="${t.t('phrases.language')}">${languageName(page, phrase.language)}</td>
      <td data-label="${t.t('phrases.kind')}">${t.word('signal', phrase.kind)}</td>
      <td data-label="${t.t('phrases.named')}">${phrase.commitmentKind ? t.word('commitmentKind', phrase.commitmentKind) : phrase.noticeType ? t.word('noticeType', phrase.noticeType) : t.t('phrases.none')}</td>
      <td data-label="${t.t('phrases.phrase')}"><code>${phrase.phrase}</code></td>
      <td data-label="${t.t('phrases.added')}">${t.dateTime(phrase.createdAt)}</td>
      <td>${removePhraseForm(page, phrase)}</td>
    </tr>`,
    )}
    </tbody>
  </table></div>
  <h3>${t.t('phrases.add')}</h3>
  ${addPhraseForm(page)}
</section>
<section class="card" aria-labelledby="phrases-history-heading">
  <h2 id="phrases-history-heading">${t.t('phrases.history')}</h2>
  ${data.history.length ? html`<ol class="timeline">${data.history.map((event) => html`<li data-testid="phrase-change">${change(page, data, event)}</li>`)}</ol>` : html`<p>${t.t('phrases.historyEmpty')}</p>`}
  ${data.chain.head ? html`<p data-testid="settings-chain" data-valid="${String(data.chain.valid)}">${t.t('phrases.chain', { events: data.chain.events, hash: data.chain.head.hash })}</p>` : ''}
</section>`,
  });
}
