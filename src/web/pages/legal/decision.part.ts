import { html, type Html } from '../../../common/html.js';
import type { MessageKey } from '../../../i18n/en.js';
import type { Translator } from '../../../i18n/i18n.js';
import { DSA_CATEGORIES, statementCategoryOf } from '../../../legal-notices/dsa-categories.js';
import type { LegalNoticeView } from '../../../legal-notices/legal-notice.dto.js';
import type { NoticeDecisionView } from '../../../legal-notices/notice-decision.dto.js';
import { statementLines } from '../../../legal-notices/statement-letter.js';
import { AUTOMATED_DECISIONS, DECISION_GROUNDS, DECISION_KINDS } from '../../../legal-notices/statement-of-reasons.js';
import { formView } from '../../form-view.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { layout } from '../layout.js';

const say = (t: Translator, key: string): string => t.t(key as MessageKey);

/** Decide a notice with its reasons (DSA art. 17(3)): the decision, its ground and explanation, the facts, automated means, the redress; the rest (territorial scope, content type) takes the API's defaults. */
export function decideForm(page: PageContext, notice: Pick<LegalNoticeView, 'id' | 'dsaNotice'>): Html {
  const { t } = page;
  // Nothing consequential is chosen for the person: the decision and its ground start blank; the category is the notifier's, when they named one.
  const choose = ['', t.t('decision.form.choose')] as const;
  const f = formView(page, `decide-${notice.id}`);
  return f.form(
    { action: `/legal-notices/${notice.id}/decisions`, testid: 'decide-form' },
    html`<p>${t.t('decision.form.intro')}</p>
    <div class="fields">
      ${f.select('kind', t.t('decision.form.kind'), [choose, ...DECISION_KINDS.map((kind) => [kind, say(t, `decision.kind.${kind}`)] as const)], { required: true })}
      ${f.input('visibilityOther', t.t('decision.form.visibilityOther'), { maxlength: 500 })}
      ${f.input('endDate', t.t('decision.form.endDate'), { type: 'date' })}
      ${f.select('decisionGround', t.t('decision.form.ground'), [choose, ...DECISION_GROUNDS.map((ground) => [ground, say(t, `decision.ground.${ground}`)] as const)], { required: true })}
      ${f.input('illegalContentLegalGround', t.t('decision.form.illegalContentLegalGround'), { maxlength: 500 })}
      ${f.textarea('illegalContentExplanation', t.t('decision.form.illegalContentExplanation'), { maxlength: 2000 })}
      ${f.input('incompatibleContentGround', t.t('decision.form.incompatibleContentGround'), { maxlength: 500 })}
      ${f.textarea('incompatibleContentExplanation', t.t('decision.form.incompatibleContentExplanation'), { maxlength: 2000 })}
      ${f.select('category', t.t('decision.form.category'), [choose, ...DSA_CATEGORIES.map((category) => [category, say(t, `decision.category.${category}`)] as const)], { required: true, initial: notice.dsaNotice ? statementCategoryOf(notice.dsaNotice.category) : '' })}
      ${f.textarea('decisionFacts', t.t('decision.form.decisionFacts'), { required: true, maxlength: 5000 })}
      ${f.input('contentLanguage', t.t('decision.form.contentLanguage'), { maxlength: 2 })}
      ${f.input('contentDate', t.t('decision.form.contentDate'), { type: 'date' })}
      ${f.select('automatedDetection', t.t('decision.form.automatedDetection'), [['false', t.t('decision.no')], ['true', t.t('decision.yes')]])}
      ${f.select('automatedDecision', t.t('decision.form.automatedDecision'), [...AUTOMATED_DECISIONS].reverse().map((value) => [value, say(t, `decision.automated.${value}`)]))}
      ${f.textarea('redressDetails', t.t('decision.form.redressDetails'), { maxlength: 2000 })}
      ${f.select('language', t.t('decision.form.language'), [t.locale, t.locale === 'fr' ? 'en' : 'fr'].map((locale) => [locale, say(t, `lang.${locale}`)] as const))}
    </div>
    <p><button type="submit">${t.t('decision.form.submit')}</button></p>`,
  );
}

/** The notice's decisions, each with its statement of reasons (as a page, a letter, and the Transparency Database's JSON); and, for legal, the form to decide, unfolded where it is needed. */
export function decisionsPart(page: PageContext, notice: Pick<LegalNoticeView, 'id' | 'dsaNotice'>, decisions: NoticeDecisionView[], names: { person(id: string | null): string }, legal: boolean): Html {
  const { t } = page;
  return html`<section class="card" aria-labelledby="notice-decisions-heading" data-testid="notice-decisions">
  <h2 id="notice-decisions-heading">${t.t('decision.history')}</h2>
  ${
    decisions.length
      ? html`<ol class="decisions">${decisions.map(
          (decision) =>
            html`<li>${t.t('decision.recorded', { sequence: decision.sequence, when: t.dateTime(decision.decidedAt), who: names.person(decision.decidedBy), kind: say(t, `decision.kind.${decision.kind}`) })}</li>`,
        )}</ol>
  <p><a href="/legal-notices/${notice.id}/statement-of-reasons" data-testid="statement-link">${t.t('decision.statementLink')}</a> · <a href="/api/legal-notices/${notice.id}/statement-of-reasons">${t.t('decision.jsonLink')}</a></p>`
      : html`<p>${t.t('decision.none')}</p>`
  }
  ${legal ? disclosure(page, { summary: t.t('decision.form.title'), forms: [`decide-${notice.id}`], className: 'action' }, decideForm(page, notice)) : ''}
</section>`;
}

/** The statement's lines as a definition list. */
function statementList(t: Translator, ref: string, decision: NoticeDecisionView): Html {
  return html`<dl class="facts statement" data-testid="statement">${statementLines(t, { ref, decision }).map(
    (line) => html`<dt>${line.label}</dt><dd class="text">${line.value}</dd>`,
  )}</dl>`;
}

/** The latest decision's statement of reasons on the desk, in the reader's language, with a way to print it as a letter. */
export function statementPage(page: PageContext, notice: Pick<LegalNoticeView, 'id' | 'ref'>, decision: NoticeDecisionView): Html {
  const { t } = page;
  return layout(page, {
    title: `${t.t('decision.letter.title')} · ${notice.ref}`,
    section: 'legal',
    main: html`<p><a href="/legal-notices/${notice.id}">${notice.ref}</a></p>
<section class="card" aria-labelledby="statement-heading">
  <h2 id="statement-heading">${t.t('decision.letter.title')}</h2>
  <p>${t.t('decision.letter.intro', { ref: notice.ref, date: t.date(decision.decidedAt) })}</p>
  ${statementList(t, notice.ref, decision)}
  <p><a href="/legal-notices/${notice.id}/statement-of-reasons?format=letter" data-testid="letter-link">${t.t('decision.letter.print')}</a></p>
</section>`,
  });
}

/** The statement as a letter alone, to print or attach: no desk around it. */
export function statementLetter(page: PageContext, notice: Pick<LegalNoticeView, 'ref'>, decision: NoticeDecisionView): Html {
  const { t } = page;
  return html`<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.t('decision.letter.title')} · ${notice.ref}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/desk.css">
</head>
<body>
<main id="main" class="letter">
<h1>${t.t('decision.letter.title')}</h1>
<p>${t.t('decision.letter.intro', { ref: notice.ref, date: t.date(decision.decidedAt) })}</p>
${statementList(t, notice.ref, decision)}
</main>
</body>
</html>`;
}
