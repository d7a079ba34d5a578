import type { UserView } from '../../../users/user.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { accountPart, accountSection } from './account-part.js';

/** The name the desk shows for the person: theirs to change. */
export function profileForm(page: PageContext, user: UserView): Html {
  const { t } = page;
  const f = formView(page, 'account-profile');
  return f.form(
    { action: '/account/profile', className: 'fields', testid: 'account-profile-form' },
    html`${f.input('name', t.t('account.name'), { initial: user.name, required: true, maxlength: 120 })}
  <p><button type="submit">${t.t('account.saveName')}</button></p>`,
  );
}

/** Who the person is at the desk: name, email, role in words. */
export const profilePart = accountPart({
  id: 'profile',
  render: (page, { user }) => {
    const { t } = page;
    return accountSection(
      'profile',
      t.t('account.profile'),
      html`<dl class="facts">
  <dt>${t.t('account.name')}</dt><dd data-testid="account-name">${user.name}</dd>
  <dt>${t.t('account.email')}</dt><dd data-testid="account-email">${user.email}</dd>
  <dt>${t.t('account.role')}</dt><dd data-testid="account-role">${t.word('role', user.role)}</dd>
</dl>
${profileForm(page, user)}`,
    );
  },
});
