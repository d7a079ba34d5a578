import { html, type Html } from '../../common/html.js';
import type { MessageKey } from '../../i18n/en.js';
import { NOTICE_CATEGORIES } from '../../legal-notices/dsa-categories.js';
import { MAX_NOTICE_URLS } from '../../public-notices/public-notice.dto.js';
import { formView } from '../form-view.js';
import type { PageContext } from '../web-context.js';
import { layout } from './layout.js';

export const REPORT_FORM = 'report';

/**
 * The public notice form (DSA art. 16(2)): the addresses, the explanation,
 * the category, the notifier's name and email (optional, said so), the
 * statement of good faith; the signed token and the trap field ride along.
 * A refusal comes back in place, what was typed kept.
 */
export function reportForm(page: PageContext, formToken: string, options: { error?: string } = {}): Html {
  const { t } = page;
  const f = formView(page, REPORT_FORM);
  const optional = `(${t.t('report.optional')})`;
  return f.form(
    { action: '/report', className: 'card case-form', testid: 'report-form' },
    html`${options.error ? html`<p class="error" role="alert" id="report-limited">${options.error}</p>` : ''}
  ${f.hidden('formToken', formToken)}
  ${f.textarea('urls', t.t('report.urls'), { required: true, hint: t.t('report.urlsHint'), maxlength: MAX_NOTICE_URLS * 2100, attributes: html` rows="3" inputmode="url" autocomplete="off"` })}
  ${f.textarea('explanation', t.t('report.explanation'), { required: true, hint: t.t('report.explanationHint'), maxlength: 20000, attributes: html` rows="6"` })}
  ${f.select('category', t.t('report.category'), [['', t.t('report.categoryNone')], ...NOTICE_CATEGORIES.map((category) => [category, t.t(`dsaCategory.${category}` as MessageKey)] as const)])}
  <p class="hint" id="report-email-note">${t.t('report.emailNote')}</p>
  ${f.input('name', t.t('report.name'), { hint: optional, maxlength: 200, attributes: html` autocomplete="name"` })}
  ${f.input('email', t.t('report.email'), { type: 'email', hint: optional, maxlength: 254, attributes: html` autocomplete="email" aria-describedby="report-email-note"` })}
  <div class="trap" aria-hidden="true"><label for="report-website">${t.t('report.trap')}</label><input id="report-website" name="website" type="text" value="" tabindex="-1" autocomplete="off"></div>
  ${f.checkbox('goodFaith', t.t('report.goodFaith'), { said: t.t('field.goodFaith') })}
  <p class="hint">${t.t('report.privacy')}</p>
  <p><button type="submit">${t.t('report.submit')}</button></p>`,
  );
}

export function reportPage(page: PageContext, formToken: string, options: { error?: string } = {}): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('report.title'),
    main: html`<p>${t.t('report.intro')}</p>
${reportForm(page, formToken, options)}`,
  });
}

/**
 * The answer to a notice sent: its reference, whether its acknowledgement
 * went by email (sent; not sent, the mail server refusing it; none, no
 * address given or no mail configured), and what happens next.
 */
export function reportReceivedPage(page: PageContext, ref: string | undefined, acknowledgement?: 'sent' | 'failed' | 'none'): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('report.received.title'),
    main: html`<div class="card" data-testid="report-received">
<p role="status">${ref ? html`${t.t('report.received.ref', { ref })}` : t.t('report.received.none')}</p>
<p>${t.t(acknowledgement === 'sent' ? 'report.received.ackSent' : acknowledgement === 'failed' ? 'report.received.ackFailed' : acknowledgement === 'none' ? 'report.received.ackNone' : 'report.received.ackMaybe')} ${t.t('report.received.next')}</p>
<p><a href="/report">${t.t('report.another')}</a></p>
</div>`,
  });
}
