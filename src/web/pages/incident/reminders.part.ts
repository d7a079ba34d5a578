import type { ReminderView } from '../../../reminders/reminder.dto.js';
import { sayNote } from '../../../reminders/reminder-note.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { abilities, incidentPath, personName, type IncidentPageData } from './page-data.js';

const DAY_MS = 86_400_000;

/** The side column's scheduled reminders, each snoozed or cancelled from a small menu, and a follow-up scheduled for anyone. */
export function remindersPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { write } = abilities(page);
  return html`<section class="card side-part" aria-labelledby="reminders-heading" id="reminders" data-live-part>
  <h2 id="reminders-heading">${t.t('incident.reminders')}</h2>
  ${data.reminders.length ? '' : html`<p>${t.t('incident.remindersEmpty')}</p>`}
  <ul class="side-list">
  ${data.reminders.map(
    (reminder) => html`<li data-testid="reminder"><strong>${t.word('reminderKind', reminder.kind)}</strong> → ${personName(page, data, reminder.recipientUserId)} · <time datetime="${reminder.dueAt}">${t.dateTime(reminder.dueAt)}</time>
    ${reminder.noteFacts?.length ? html`<br>${sayNote(t, reminder.noteFacts)}` : reminder.note ? html`<br>${reminder.note}` : ''}
    ${
      write
        ? disclosure(
            page,
            { summary: html`${t.t('case.reminderActions')}<span class="visually-hidden"> ${t.word('reminderKind', reminder.kind)} ${t.dateTime(reminder.dueAt)}</span>`, forms: [`snooze-${reminder.id}`, `cancel-${reminder.id}`], className: 'menu' },
            html`${snoozeForm(page, reminder)}${cancelForm(page, reminder)}`,
          )
        : ''
    }</li>`,
  )}
  </ul>
  ${(data.remindersCount ?? 0) > data.reminders.length ? html`<p data-testid="reminders-more">${t.t('incident.remindersMore', { count: data.remindersCount! - data.reminders.length })}</p>` : ''}
  ${write ? disclosure(page, { summary: t.t('case.followUp'), forms: ['follow-up'] }, followUpForm(page, data)) : ''}
</section>`;
}

/** Snooze a scheduled reminder to a later time. */
export function snoozeForm(page: PageContext, reminder: ReminderView): Html {
  const { t } = page;
  const f = formView(page, `snooze-${reminder.id}`);
  return f.form(
    { action: `/reminders/${reminder.id}/snooze`, className: 'fields' },
    html`${f.input('until', t.t('incident.snooze'), { type: 'datetime-local', required: true, initial: t.inputValue(new Date(Date.parse(reminder.dueAt) + DAY_MS)), hint: t.timeZone })}
    <p><button type="submit" class="secondary">${t.t('incident.snoozeSubmit')}</button></p>`,
  );
}

/** Cancel a scheduled reminder, saying why. */
export function cancelForm(page: PageContext, reminder: ReminderView): Html {
  const { t } = page;
  const f = formView(page, `cancel-${reminder.id}`);
  return f.form(
    { action: `/reminders/${reminder.id}/cancel`, className: 'fields' },
    html`${f.input('reason', t.t('incident.cancelReason'), { required: true, maxlength: 1000 })}
    <p><button type="submit" class="secondary">${t.t('incident.cancelReminder')}</button></p>`,
  );
}

/** A follow-up for me or a colleague: what to remember, and when. */
export function followUpForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const f = formView(page, 'follow-up');
  const me = page.user?.id ?? '';
  const people = data.people.filter((person) => person.active);
  return f.form(
    { action: incidentPath(data, '/follow-ups'), testid: 'follow-up-form' },
    html`${f.select('recipientUserId', t.t('case.followUpFor'), people.map((person) => [person.id, person.id === me ? t.t('case.me', { name: person.name }) : person.name]), { initial: me })}
    ${f.input('dueAt', t.t('case.followUpWhen'), { type: 'datetime-local', required: true, hint: t.timeZone })}
    ${f.textarea('note', t.t('case.followUpNote'), { required: true, maxlength: 2000, attributes: html` rows="2"` })}
    <p><button type="submit">${t.t('case.followUpSubmit')}</button></p>`,
  );
}
