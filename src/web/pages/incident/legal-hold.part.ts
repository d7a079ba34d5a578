import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { abilities, incidentPath, personName, type IncidentPageData } from './page-data.js';

/** The header's legal hold: whether it is on, why, since when and by whom; legal staff set it or lift it, saying why. */
export function legalHoldPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const hold = data.dossier.incident.legalHold;
  const { legal } = abilities(page);
  return html`<div class="legal-hold" id="legal-hold-part" data-testid="legal-hold" data-on="${hold.on ? 'true' : 'false'}">${
    hold.on
      ? html`<p><span class="badge red">${t.t('badge.legalHold')}</span> ${hold.reason ?? ''}${hold.at ? html` <span class="meta">${t.t('hold.since', { when: t.dateTime(hold.at), who: personName(page, data, hold.by) })}</span>` : ''}</p>`
      : ''
  }${legal ? disclosure(page, { summary: hold.on ? t.t('hold.lift') : t.t('hold.set'), forms: ['legal-hold'], className: 'action hold' }, legalHoldForm(page, data)) : ''}</div>`;
}

/** Set the legal hold, or lift it, with the reason kept in the timeline. */
export function legalHoldForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const on = !data.dossier.incident.legalHold.on;
  const f = formView(page, 'legal-hold');
  return f.form(
    { action: incidentPath(data, '/legal-hold'), testid: 'legal-hold-form' },
    html`${f.hidden('on', String(on))}
    <p class="hint">${on ? t.t('hold.setHint') : t.t('hold.liftHint')}</p>
    ${f.input('reason', t.t('hold.reason'), { required: true, maxlength: 2000 })}
    <p><button type="submit">${on ? t.t('hold.setSubmit') : t.t('hold.liftSubmit')}</button></p>`,
  );
}
