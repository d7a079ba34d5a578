import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../users/passwords.js';
import { formView } from '../form-view.js';
import { html, type Html } from '../../common/html.js';
import type { PageContext } from '../web-context.js';
import { csrfField, layout } from './layout.js';

export function signInPage(page: PageContext, options: { next?: string; email?: string; error?: string; notice?: string }): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('login.title'),
    notice: options.notice,
    main: html`<form method="post" action="/login" class="card narrow" data-testid="login-form">
  ${csrfField(page)}
  ${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ''}
  ${options.error ? html`<p class="error" role="alert" id="login-error">${options.error}</p>` : ''}
  <p><label for="email">${t.t('login.email')}</label>
  <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${options.email ?? ''}"${options.error ? html` aria-describedby="login-error"` : ''}></p>
  <p><label for="password">${t.t('login.password')}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"></p>
  <p><button type="submit">${t.t('login.submit')}</button></p>
</form>`,
  });
}

/** Choose a password: what was typed is never sent back, the problems are. */
export function inviteForm(page: PageContext, token: string, invitee: { name: string; email: string }): Html {
  const { t } = page;
  const f = formView(page, 'invite');
  const password = html` autocomplete="new-password" minlength="${PASSWORD_MIN_LENGTH}"`;
  return f.form(
    { action: `/invite/${encodeURIComponent(token)}`, className: 'card narrow', testid: 'invite-form' },
    html`<p>${t.t('invite.intro', { name: invitee.name, email: invitee.email })}</p>
  <input type="text" name="username" autocomplete="username" value="${invitee.email}" hidden>
  ${f.input('password', t.t('invite.password', { min: PASSWORD_MIN_LENGTH }), { type: 'password', required: true, maxlength: PASSWORD_MAX_LENGTH, attributes: password })}
  ${f.input('confirm', t.t('invite.confirm'), { type: 'password', required: true, maxlength: PASSWORD_MAX_LENGTH, attributes: password })}
  <p><button type="submit">${t.t('invite.submit')}</button></p>`,
  );
}

export function invitePage(page: PageContext, token: string, invitee: { name: string; email: string }): Html {
  return layout(page, { title: page.t.t('invite.title'), main: inviteForm(page, token, invitee) });
}
