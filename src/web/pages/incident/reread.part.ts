import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { incidentPath, type IncidentPageData } from './page-data.js';

/** Reads the incident's whole thread again with today's rules and the admins' phrases. */
export function rereadForm(page: PageContext, data: IncidentPageData): Html {
  return formView(page, 'reread').form(
    { action: incidentPath(data, '/signals/reread'), className: 'inline', testid: 'reread-form' },
    html`<button type="submit" class="secondary">${page.t.t('reread.button')}</button>`,
  );
}
