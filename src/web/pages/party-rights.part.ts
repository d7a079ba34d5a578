import { html, type Html } from '../../common/html.js';
import type { PartyView } from '../../parties/party.dto.js';
import { hasRole } from '../../common/roles.js';
import { formView } from '../form-view.js';
import type { PageContext } from '../web-context.js';

/** Erase the party's personal data: asked once in words, and confirmed by a box the browser requires. */
export function eraseForm(page: PageContext, party: Pick<PartyView, 'id' | 'name'>): Html {
  const { t } = page;
  const f = formView(page, 'erase');
  return f.form(
    { action: `/parties/${party.id}/erase`, testid: 'erase-form', attributes: html` hx-confirm="${t.t('rights.eraseConfirm', { name: party.name })}"` },
    html`${f.checkbox('confirm', t.t('rights.understand'), { said: t.t('field.confirm') })}
    <p><button type="submit" class="secondary">${t.t('rights.erase')}</button></p>`,
  );
}

/**
 * The rights of the person in the record (legal and admins): the export of
 * everything held about them, for an access request, and (admins) the
 * erasure of their personal data, with every timeline still verifying.
 */
export function partyRightsPart(page: PageContext, party: PartyView): Html {
  const { t } = page;
  if (!page.user || !hasRole(page.user.role, 'legal')) return html``;
  return html`<section class="card" aria-labelledby="rights-heading" id="rights" data-testid="party-rights">
  <h2 id="rights-heading">${t.t('rights.title')}</h2>
  <p>${t.t('rights.intro')}</p>
  <p><a href="/parties/${party.id}/export" data-testid="party-export-link">${t.t('rights.export')}</a></p>
  ${
    party.erasedAt
      ? html`<p data-testid="party-erased">${t.t('rights.erased', { when: t.dateTime(party.erasedAt) })}</p>`
      : hasRole(page.user.role, 'admin')
        ? html`<p>${t.t('rights.eraseIntro')}</p>${eraseForm(page, party)}`
        : ''
  }
</section>`;
}
