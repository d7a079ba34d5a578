import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../users/passwords.js';
import type { UserView } from '../../../users/user.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { accountPart, accountSection } from './account-part.js';

/**
 * A new password for the person, given the current one. What was typed is
 * never sent back (a refused form comes back empty, the problems said); the
 * hidden username lets a password manager file the new password under the
 * right account.
 */
export function passwordForm(page: PageContext, user: UserView): Html {
  const { t } = page;
  const f = formView(page, 'account-password');
  const fresh = html` autocomplete="new-password" minlength="${PASSWORD_MIN_LENGTH}"`;
  return f.form(
    { action: '/account/password', className: 'fields', testid: 'account-password-form' },
    html`<input type="text" name="username" autocomplete="username" value="${user.email}" hidden>
  ${f.input('current', t.t('account.passwordCurrent'), { type: 'password', required: true, maxlength: PASSWORD_MAX_LENGTH, attributes: html` autocomplete="current-password"` })}
  ${f.input('password', t.t('invite.password', { min: PASSWORD_MIN_LENGTH }), { type: 'password', required: true, maxlength: PASSWORD_MAX_LENGTH, attributes: fresh })}
  ${f.input('confirm', t.t('invite.confirm'), { type: 'password', required: true, maxlength: PASSWORD_MAX_LENGTH, attributes: fresh })}
  <p><button type="submit">${t.t('account.passwordSave')}</button></p>`,
  );
}

export const passwordPart = accountPart({
  id: 'password',
  render: (page, { user }) => accountSection('password', page.t.t('account.password'), html`<p>${page.t.t('account.passwordIntro')}</p>${passwordForm(page, user)}`),
});
