import { CalendarService } from '../../../calendar/calendar.service.js';
import { html, type Html } from '../../../common/html.js';
import { formView } from '../../form-view.js';
import type { PageContext } from '../../web-context.js';
import { accountPart, accountSection } from './account-part.js';

/** The person's calendar feed as the section shows it: since when it exists and, in the answer that made it or turned it off, what was done. */
export interface CalendarState {
  issuedAt: Date | null;
  /** The address just made, said in this answer only (only its hash is kept). */
  url?: string;
  turnedOff?: boolean;
}

/** Whether the person has a calendar address, the one just made (shown this once), and the buttons to renew it or turn it off. */
export function calendarForm(page: PageContext, state: CalendarState): Html {
  const { t } = page;
  const f = formView(page, 'account-calendar');
  return f.form(
    { action: '/account/calendar', testid: 'account-calendar-form' },
    html`${state.url ? html`<div class="notice" role="status"><p>${t.t('account.calendarNew')}</p><p><code data-testid="calendar-url">${state.url}</code></p></div>` : ''}${
      state.turnedOff ? html`<div class="notice" role="status"><p>${t.t('account.calendarTurnedOff')}</p></div>` : ''
    }
  <p data-testid="calendar-status">${state.issuedAt ? t.t('account.calendarOn', { when: t.dateTime(state.issuedAt) }) : t.t('account.calendarNone')}</p>
  <p><button type="submit" name="do" value="renew">${state.issuedAt ? t.t('account.calendarRenew') : t.t('account.calendarMake')}</button>${
    state.issuedAt ? html` <button type="submit" name="do" value="off" data-testid="calendar-off">${t.t('account.calendarTurnOff')}</button> <span class="hint">${t.t('account.calendarRenewHint')}</span>` : ''
  }</p>`,
  );
}

export const calendarPart = accountPart<CalendarState>({
  id: 'calendar',
  load: async ({ user, modules, calendar }) => calendar ?? { issuedAt: await modules.get(CalendarService, { strict: false }).issuedAt(user.id) },
  render: (page, _context, state) => accountSection('calendar', page.t.t('account.calendar'), html`<p>${page.t.t('account.calendarIntro')}</p>${calendarForm(page, state)}`),
});
