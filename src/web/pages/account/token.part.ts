import type { UserView } from '../../../users/user.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { accountPart, accountSection } from './account-part.js';

/** Whether the person holds an API token, the one just made (shown this once), and the form to renew it. */
export function tokenForm(page: PageContext, user: UserView, newToken?: string): Html {
  const { t } = page;
  const f = formView(page, 'account-token');
  return f.form(
    { action: '/account/token', testid: 'account-token-form' },
    html`${
      newToken
        ? html`<div class="notice" role="status"><p>${t.t('account.tokenNew')}</p><p><code data-testid="new-token">${newToken}</code></p></div>`
        : ''
    }
  <p data-testid="token-status">${user.tokenIssuedAt ? t.t('account.tokenIssued', { when: t.dateTime(user.tokenIssuedAt) }) : t.t('account.tokenNone')}</p>
  <p><button type="submit">${user.tokenIssuedAt ? t.t('account.tokenRenew') : t.t('account.tokenMake')}</button> <span class="hint">${t.t('account.tokenRenewHint')}</span></p>`,
  );
}

export const tokenPart = accountPart({
  id: 'token',
  render: (page, { user, newToken }) => accountSection('token', page.t.t('account.token'), html`<p>${page.t.t('account.tokenIntro')}</p>${tokenForm(page, user, newToken)}`),
});
