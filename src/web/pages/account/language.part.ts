import { LOCALES } from '../../../i18n/i18n.js';
import type { UserView } from '../../../users/user.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { accountPart, accountSection } from './account-part.js';

/** The person's language, kept on their account (every device, every session, their mails). */
export function languageForm(page: PageContext, user: UserView): Html {
  const { t } = page;
  const f = formView(page, 'account-language');
  return f.form(
    { action: '/account/language', className: 'fields', testid: 'account-language-form' },
    html`${f.select('locale', t.t('account.language'), LOCALES.map((locale) => [locale, t.t(`lang.${locale}`)]), { initial: user.locale ?? t.locale })}
  <p><button type="submit">${t.t('account.saveLanguage')}</button></p>`,
  );
}

export const languagePart = accountPart({
  id: 'language',
  render: (page, { user }) => accountSection('language', page.t.t('account.language'), html`<p>${page.t.t('account.languageIntro')}</p>${languageForm(page, user)}`),
});
