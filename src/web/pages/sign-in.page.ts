import { PASSWORD_MIN_LENGTH } from '../../users/passwords.js';
import { html, type Html } from '../html.js';
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

export function invitePage(page: PageContext, token: string, invitee: { name: string; email: string }, error?: string): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('invite.title'),
    main: html`<form method="post" action="/invite/${encodeURIComponent(token)}" class="card narrow" data-testid="invite-form">
  ${csrfField(page)}
  <p>${t.t('invite.intro', { name: invitee.name, email: invitee.email })}</p>
  ${error ? html`<p class="error" role="alert" id="invite-error">${error}</p>` : ''}
  <input type="text" name="username" autocomplete="username" value="${invitee.email}" hidden>
  <p><label for="password">${t.t('invite.password', { min: PASSWORD_MIN_LENGTH })}</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required minlength="${PASSWORD_MIN_LENGTH}" maxlength="200"></p>
  <p><label for="confirm">${t.t('invite.confirm')}</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="${PASSWORD_MIN_LENGTH}" maxlength="200"></p>
  <p><button type="submit">${t.t('invite.submit')}</button></p>
</form>`,
  });
}
