import { html, type Html } from '../../../common/html.js';
import type { LegalNoticeView } from '../../../legal-notices/legal-notice.dto.js';
import type { FilledLetter } from '../../../letters/letter-html.js';
import { letterSheet } from '../../../letters/letter-html.js';
import { LETTER_KEYS, LETTER_LANGUAGES, LETTER_NOTICE_TYPES, REFUSAL_GROUNDS, SENT_VIA, type LetterKey, type LetterLanguage, type RefusalGround } from '../../../letters/letter-kinds.js';
import { formView } from '../../form-view.js';
import type { PageContext } from '../../web-context.js';
import { layout } from '../layout.js';

/** What the reader chose on the letters page: which letter, in which language, and a refusal's grounds. */
export interface LetterChoice {
  key: LetterKey;
  language: LetterLanguage;
  grounds: RefusalGround[];
  groundsNote: string;
}

const answers = (key: LetterKey, type: string): boolean => (LETTER_NOTICE_TYPES[key] as readonly string[]).includes(type);

/** The letters that answer this type of notice, first; then the others (a person may need one all the same). */
export const lettersFor = (type: string): LetterKey[] => [...LETTER_KEYS.filter((key) => answers(key, type)), ...LETTER_KEYS.filter((key) => !answers(key, type))];

/** The query of the letter chosen (the PDF's address, the page's own). */
export function choiceQuery(choice: LetterChoice): string {
  const query = new URLSearchParams({ letter: choice.key, language: choice.language });
  for (const ground of choice.grounds) query.append('grounds', ground);
  if (choice.groundsNote) query.set('groundsNote', choice.groundsNote);
  return query.toString();
}

/** Choose a letter and its language (GET: the page shows it filled), a refusal's grounds with it. */
function choiceForm(page: PageContext, notice: LegalNoticeView, choice: LetterChoice): Html {
  const { t } = page;
  const suggested = new Set(LETTER_KEYS.filter((key) => answers(key, notice.type)));
  const id = (name: string) => `letter-choice-${name}`;
  return html`<form method="get" action="/legal-notices/${notice.id}/letters" class="card letter-choice" data-testid="letter-choice">
  <div class="fields">
    <p><label for="${id('letter')}">${t.t('letters.choose')}</label><select id="${id('letter')}" name="letter">${lettersFor(notice.type).map(
      (key) => html`<option value="${key}"${key === choice.key ? html` selected` : ''}>${t.t(`letters.name.${key}`)}${suggested.has(key) ? ` (${t.t('letters.suggested')})` : ''}</option>`,
    )}</select></p>
    <p><label for="${id('language')}">${t.t('letters.language')}</label><select id="${id('language')}" name="language">${LETTER_LANGUAGES.map(
      (language) => html`<option value="${language}"${language === choice.language ? html` selected` : ''}>${t.t(`letters.language.${language}`)}</option>`,
    )}</select></p>
  </div>
  ${
    choice.key === 'reply_refusal'
      ? html`<fieldset><legend>${t.t('letters.grounds')}</legend>${REFUSAL_GROUNDS.map(
          (ground) =>
            html`<p class="check"><input id="${id(ground)}" type="checkbox" name="grounds" value="${ground}"${choice.grounds.includes(ground) ? html` checked` : ''}><label for="${id(ground)}">${t.t(`letters.groundLabel.${ground}`)}</label></p>`,
        )}
        <p><label for="${id('groundsNote')}">${t.t('letters.groundsNote')}</label><textarea id="${id('groundsNote')}" name="groundsNote" maxlength="4000">${choice.groundsNote}</textarea></p></fieldset>`
      : ''
  }
  <p><button type="submit">${t.t('letters.show')}</button></p>
</form>`;
}

/** Once sent: when, how, its tracking number; the letter's text is logged as an outbound message. */
export function letterSentForm(page: PageContext, notice: LegalNoticeView, choice: LetterChoice): Html {
  const { t } = page;
  const f = formView(page, 'letter-sent');
  return f.form(
    { action: `/legal-notices/${notice.id}/letters/${choice.key}/sent`, testid: 'letter-sent-form' },
    html`${f.hidden('language', choice.language)}${choice.grounds.map((ground) => f.hidden('grounds', ground))}${choice.groundsNote ? f.hidden('groundsNote', choice.groundsNote) : ''}
    <p>${t.t('letters.markSentIntro')}</p>
    <div class="fields">
      ${f.input('sentAt', t.t('letters.sentAt'), { type: 'datetime-local', required: true, hint: t.timeZone, initial: t.inputValue(new Date()) })}
      ${f.select('via', t.t('letters.sentVia'), SENT_VIA.map((via) => [via, t.t(`letters.via.${via}`)]), { initial: 'registered_mail' })}
      ${f.input('trackingNumber', t.t('letters.trackingNumber'), { maxlength: 100 })}
    </div>
    <p><button type="submit">${t.t('letters.sentSubmit')}</button></p>`,
  );
}

/**
 * The letters of a notice: choose one and its language, read it filled from
 * the record, print it or take its PDF, and (legal) record it as sent.
 */
export function lettersPage(page: PageContext, notice: LegalNoticeView, choice: LetterChoice, letter: FilledLetter, legal: boolean): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('letters.pageTitle', { ref: notice.ref }),
    section: legal ? 'legal' : 'incidents',
    main: html`<div class="letter-page"><p class="no-print"><a href="/legal-notices/${notice.id}">${t.t('letters.back')}</a></p>
<p class="no-print">${t.t('letters.intro')}</p>
${choiceForm(page, notice, choice)}
<section class="card" aria-label="${letter.name}">
${letterSheet(letter)}
</section>
<p class="no-print"><a href="/legal-notices/${notice.id}/letters/${choice.key}/pdf?${choiceQuery(choice)}" data-testid="letter-pdf" download>${t.t('letters.pdf')}</a></p>
${legal ? html`<section class="card no-print" aria-labelledby="letter-sent-heading"><h2 id="letter-sent-heading">${t.t('letters.markSent')}</h2>${letterSentForm(page, notice, choice)}</section>` : ''}</div>`,
  });
}
