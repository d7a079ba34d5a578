import type { AgendaItemView, AgendaView } from '../../agenda/agenda.dto.js';
import { ROLES } from '../../common/roles.js';
import type { DeadlineRuleView } from '../../deadlines/deadline-rule.dto.js';
import { CLOCK_STARTS, DAY_COUNTS } from '../../deadlines/deadline-rule.entity.js';
import { NOTICE_TYPES } from '../../deadlines/notice-kinds.js';
import { INCIDENT_STATES, SEVERITIES } from '../../incidents/escalation.js';
import type { IncidentView } from '../../incidents/incident.dto.js';
import type { LegalNoticeView } from '../../legal-notices/legal-notice.dto.js';
import type { SearchHit } from '../../search/search.dto.js';
import type { UserView } from '../../users/user.dto.js';
import { html, trusted, type Html } from '../html.js';
import type { PageContext } from '../web-context.js';
import { deadlineBadge } from './incident.page.js';
import { csrfField, layout } from './layout.js';

const AGENDA_KIND_KEY = { reply: 'today.kind.reply', deadline: 'today.kind.deadline', commitment: 'today.kind.commitment', check: 'today.kind.check', follow_up: 'today.kind.followUp', watched: 'today.kind.watched' } as const;

function agendaLink(item: AgendaItemView): string {
  const anchor = item.subjectType === 'comment' ? `#comment-${item.subjectId}` : item.subjectType === 'notice' ? '#notices-heading' : item.subjectType === 'commitment' ? '#commitments-heading' : '#reminders-heading';
  return `/incidents/${item.incidentId}${anchor}`;
}

export function todayPage(page: PageContext, agenda: AgendaView, notice?: string): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('today.title'),
    section: 'today',
    notice,
    main: html`<p>${t.t('today.intro')}</p>
${agenda.items.length ? '' : html`<p>${t.t('today.empty')}</p>`}
<ul class="agenda" data-testid="agenda">
${agenda.items.map(
  (item) => html`<li class="${item.overdue ? 'overdue' : ''}" data-testid="agenda-item" data-kind="${item.kind}">
  <span class="kind">${t.t(AGENDA_KIND_KEY[item.kind])}</span>
  ${item.detail ? html` · ${t.word(item.kind === 'deadline' ? 'noticeType' : 'commitmentKind', item.detail)}` : ''}
  · <span class="${item.overdue ? 'overdue' : ''}">${item.kind === 'watched' ? t.t('today.arrived', { when: t.relative(item.dueAt) }) : item.overdue ? t.t('today.overdue', { when: t.relative(item.dueAt) }) : t.t('today.due', { when: t.relative(item.dueAt) })}</span>
  (<time datetime="${item.dueAt}">${t.dateTime(item.dueAt)}</time>)
  <br><a href="${agendaLink(item)}">${item.incidentRef} · ${item.incidentTitle}</a> — ${item.label}
</li>`,
)}
</ul>
${agenda.total > agenda.items.length ? html`<p data-testid="agenda-more">${t.t('today.more', { count: agenda.total - agenda.items.length })}</p>` : ''}`,
  });
}

/** The header's count: what is owed, not the news a watch brought. */
export function owedCount(page: PageContext, agenda: AgendaView): Html {
  const owed = agenda.total - agenda.counts.watched;
  return html`<a href="/" id="owed-count" data-live="agenda" hx-get="/today/count" hx-trigger="calumet:agenda from:body" hx-swap="outerHTML" class="${agenda.overdue ? 'overdue' : ''}" data-count="${owed}">${page.t.t('nav.owed', { count: owed })}</a>`;
}

export interface IncidentRow {
  incident: IncidentView;
  lastActivity: string;
  repliesOwed: number;
  nearestDeadline: string | null;
}

export interface IncidentFilters {
  states: string[];
  severity?: string;
  ownerId?: string;
  tag?: string;
  q?: string;
}

export function incidentsPage(page: PageContext, rows: IncidentRow[], filters: IncidentFilters, people: UserView[]): Html {
  const { t } = page;
  const selected = (on: boolean) => (on ? html` selected` : '');
  const owner = (id: string | null) => (id ? (people.find((user) => user.id === id)?.name ?? id) : t.t('incident.nobody'));
  return layout(page, {
    title: t.t('incidents.title'),
    section: 'incidents',
    main: html`<form method="get" action="/incidents" class="card" role="search" aria-label="${t.t('incidents.filters')}">
  <div class="fields">
    <p><label for="f-state">${t.t('incidents.state')}</label>
    <select id="f-state" name="state" multiple size="4">${INCIDENT_STATES.map((state) => html`<option value="${state}"${selected(filters.states.includes(state))}>${t.word('state', state)}</option>`)}</select></p>
    <p><label for="f-severity">${t.t('incidents.severity')}</label>
    <select id="f-severity" name="severity"><option value="">${t.t('incidents.any')}</option>${SEVERITIES.map((severity) => html`<option value="${severity}"${selected(filters.severity === severity)}>${t.word('severity', severity)}</option>`)}</select></p>
    <p><label for="f-owner">${t.t('incidents.owner')}</label>
    <select id="f-owner" name="ownerId"><option value="">${t.t('incidents.any')}</option>${people.map((user) => html`<option value="${user.id}"${selected(filters.ownerId === user.id)}>${user.name}</option>`)}</select></p>
    <p><label for="f-tag">${t.t('incidents.tag')}</label><input id="f-tag" name="tag" maxlength="50" value="${filters.tag ?? ''}"></p>
    <p><label for="f-q">${t.t('incidents.text')}</label><input id="f-q" name="q" type="search" maxlength="200" value="${filters.q ?? ''}"></p>
    <p><button type="submit">${t.t('incidents.apply')}</button> <a href="/incidents">${t.t('incidents.reset')}</a></p>
  </div>
</form>
${rows.length ? '' : html`<p>${t.t('incidents.empty')}</p>`}
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.t('incidents.ref')}</th><th scope="col">${t.t('incidents.titleCol')}</th><th scope="col">${t.t('incidents.state')}</th><th scope="col">${t.t('incidents.severity')}</th><th scope="col">${t.t('incidents.owner')}</th><th scope="col">${t.t('incidents.lastActivity')}</th></tr></thead>
  <tbody>
  ${rows.map(
    (row) => html`<tr data-testid="incident-row" data-state="${row.incident.state}">
    <td><a href="/incidents/${row.incident.id}">${row.incident.ref}</a></td>
    <td>${row.incident.title}<br>
      ${row.repliesOwed ? html`<span class="badge red">${t.t('badge.repliesOwed', { count: row.repliesOwed })}</span>` : ''}
      ${deadlineBadge(t, row.nearestDeadline)}
      ${row.incident.legalHold.on ? html`<span class="badge amber">${t.t('badge.legalHold')}</span>` : ''}</td>
    <td>${t.word('state', row.incident.state)}</td>
    <td>${t.word('severity', row.incident.severity)}</td>
    <td>${owner(row.incident.ownerId)}</td>
    <td><time datetime="${row.lastActivity}">${t.dateTime(row.lastActivity)}</time></td>
  </tr>`,
  )}
  </tbody>
</table></div>`,
  });
}

export function legalPage(page: PageContext, notices: Array<{ notice: LegalNoticeView; incidentRef: string }>, people: UserView[]): Html {
  const { t } = page;
  const name = (id: string | null) => (id ? (people.find((user) => user.id === id)?.name ?? id) : t.t('incident.nobody'));
  return layout(page, {
    title: t.t('legal.title'),
    section: 'legal',
    main: html`<p>${t.t('legal.intro')}</p>
${notices.length ? '' : html`<p>${t.t('legal.empty')}</p>`}
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t.t('legal.notice')}</th><th scope="col">${t.t('legal.incident')}</th><th scope="col">${t.t('legal.type')}</th><th scope="col">${t.t('legal.status')}</th><th scope="col">${t.t('legal.respondBy')}</th><th scope="col">${t.t('legal.assignee')}</th><th scope="col">${t.t('legal.warnings')}</th></tr></thead>
  <tbody>
  ${notices.map(
    ({ notice, incidentRef }) => html`<tr data-testid="legal-row">
    <td>${notice.ref}</td>
    <td><a href="/incidents/${notice.incidentId}#notices-heading">${incidentRef}</a></td>
    <td>${t.word('noticeType', notice.type)}</td>
    <td>${t.word('noticeStatus', notice.status)}</td>
    <td>${notice.respondBy ? html`<time datetime="${notice.respondBy}">${t.dateTime(notice.respondBy)}</time> ${deadlineBadge(t, notice.respondBy)}` : '—'}${notice.deadlineBasis ? html`<br><small>${notice.deadlineBasis}</small>` : ''}</td>
    <td>${name(notice.assigneeId)}</td>
    <td>${notice.validity.length ? notice.validity.map((warning) => html`<span class="badge amber">${warning.message}</span> `) : t.t('legal.none')}</td>
  </tr>`,
  )}
  </tbody>
</table></div>`,
  });
}

export function searchPage(page: PageContext, q: string, hits: SearchHit[] | null): Html {
  const { t } = page;
  const target = (hit: SearchHit) => (hit.incidentId ? `/incidents/${hit.incidentId}${hit.type === 'comment' ? `#comment-${hit.id}` : ''}` : null);
  return layout(page, {
    title: t.t('search.title'),
    section: 'search',
    main: html`<form method="get" action="/search" role="search" class="card fields">
  <p><label for="q">${t.t('search.label')}</label><input id="q" name="q" type="search" maxlength="200" required value="${q}"></p>
  <p><button type="submit">${t.t('search.submit')}</button></p>
</form>
${hits && !hits.length ? html`<p>${t.t('search.empty', { q })}</p>` : ''}
<ol data-testid="search-results">
${(hits ?? []).map((hit) => {
  const href = target(hit);
  const kind = t.t(`search.kind.${hit.type === 'notice' ? 'legal_notice' : hit.type}` as 'search.kind.incident');
  return html`<li data-testid="search-hit"><strong>${kind}</strong> · ${href ? html`<a href="${href}">${hit.incidentRef ? `${hit.incidentRef} · ` : ''}${hit.title}</a>` : hit.title}
  <p class="snippet">${trusted(hit.snippet)}</p></li>`;
})}
</ol>`,
  });
}

/** The fields of a deadline rule the admin page edits; validity and preferStatedDeadline are kept as they are. */
export const RULE_FIELDS = ['jurisdiction', 'noticeType', 'clockStarts', 'period', 'dayCount', 'reference', 'note'] as const;
export type RuleFields = Record<(typeof RULE_FIELDS)[number], string>;

/** A rule form refused: what was typed, and each problem by field (`general` for the rest). */
export interface RuleEdit {
  index: number;
  values: RuleFields;
  errors: Partial<Record<(typeof RULE_FIELDS)[number] | 'general', string[]>>;
}

function ruleForm(page: PageContext, index: number, values: RuleFields, isNew: boolean, edit?: RuleEdit): Html {
  const { t } = page;
  const errors = edit?.index === index ? edit.errors : {};
  const id = (field: string) => `rule-${index}-${field}`;
  const problem = (field: (typeof RULE_FIELDS)[number]) =>
    errors[field]?.length ? html`<span class="field-error" id="${id(field)}-error">${errors[field]!.join(' ')}</span>` : '';
  const described = (field: (typeof RULE_FIELDS)[number]) => (errors[field]?.length ? html` aria-invalid="true" aria-describedby="${id(field)}-error"` : '');
  const select = (field: 'noticeType' | 'clockStarts' | 'dayCount', options: readonly string[], label: (value: string) => string) =>
    html`<p><label for="${id(field)}">${t.t(`admin.${field}`)}</label><select id="${id(field)}" name="${field}"${described(field)}>${options.map(
      (option) => html`<option value="${option}"${option === values[field] ? html` selected` : ''}>${label(option)}</option>`,
    )}</select>${problem(field)}</p>`;
  const input = (field: 'jurisdiction' | 'period' | 'reference' | 'note', attributes: Html) =>
    html`<p><label for="${id(field)}">${t.t(`admin.${field}`)}</label><input id="${id(field)}" name="${field}" value="${values[field]}"${attributes}${described(field)}>${problem(field)}</p>`;
  return html`<form method="post" action="/admin/rules" class="card rule" data-testid="${isNew ? 'new-rule-form' : 'rule-form'}" id="rule-${index}">${csrfField(page)}
  <input type="hidden" name="index" value="${isNew ? '' : String(index)}">
  ${errors.general?.length ? html`<p class="error" role="alert">${errors.general.join(' ')}</p>` : ''}
  <div class="fields">
    ${input('jurisdiction', html` required maxlength="2" size="3"`)}
    ${select('noticeType', NOTICE_TYPES, (type) => t.word('noticeType', type))}
    ${select('clockStarts', CLOCK_STARTS, (start) => start)}
    ${input('period', html` required maxlength="20" size="6"`)}
    ${select('dayCount', DAY_COUNTS, (count) => count)}
    ${input('reference', html` required maxlength="500"`)}
    ${input('note', html` maxlength="2000"`)}
  </div>
  <p><button type="submit" name="action" value="save">${isNew ? t.t('admin.addRule') : t.t('admin.save')}</button>
  ${isNew ? '' : html` <button type="submit" name="action" value="delete" class="secondary">${t.t('admin.deleteRule')}</button>`}</p>
</form>`;
}

const ruleValues = (rule: DeadlineRuleView): RuleFields => ({ ...rule, note: rule.note ?? '' });
const NEW_RULE: RuleFields = { jurisdiction: '', noticeType: 'other', clockStarts: 'receivedAt', period: '', dayCount: 'calendar', reference: '', note: '' };

export function adminPage(page: PageContext, users: UserView[], rules: DeadlineRuleView[], invite?: { name: string; url: string; expiresAt: string }, edit?: RuleEdit): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('admin.title'),
    section: 'admin',
    main: html`${
      invite
        ? html`<div class="notice" role="status" data-testid="invite-link"><p>${t.t('admin.inviteCreated', { name: invite.name, when: t.dateTime(invite.expiresAt) })}</p><p><a href="${invite.url}">${invite.url}</a></p></div>`
        : ''
    }
<section class="card" aria-labelledby="users-heading">
  <h2 id="users-heading">${t.t('admin.users')}</h2>
  <div class="table-wrap"><table>
    <thead><tr><th scope="col">${t.t('admin.name')}</th><th scope="col">${t.t('admin.email')}</th><th scope="col">${t.t('admin.role')}</th><th scope="col">${t.t('admin.active')}</th><th scope="col">${t.t('admin.invite')}</th></tr></thead>
    <tbody>
    ${users.map(
      (user) => html`<tr data-testid="user-row">
      <td>${user.name}</td><td>${user.email}</td>
      <td><form method="post" action="/admin/users/${user.id}" class="inline">${csrfField(page)}
        <label for="role-${user.id}" class="visually-hidden">${t.t('admin.role')}</label>
        <select id="role-${user.id}" name="role">${ROLES.map((role) => html`<option value="${role}"${role === user.role ? html` selected` : ''}>${t.word('role', role)}</option>`)}</select>
        <button type="submit" class="secondary">${t.t('admin.save')}</button></form></td>
      <td><form method="post" action="/admin/users/${user.id}" class="inline">${csrfField(page)}
        <input type="hidden" name="active" value="${user.active ? 'false' : 'true'}">
        ${user.active ? t.t('admin.yes') : t.t('admin.no')} <button type="submit" class="secondary">${user.active ? t.t('admin.deactivate') : t.t('admin.reactivate')}</button></form></td>
      <td><form method="post" action="/admin/users/${user.id}/invite" class="inline">${csrfField(page)}<button type="submit" class="secondary">${t.t('admin.invite')}</button></form></td>
    </tr>`,
    )}
    </tbody>
  </table></div>
  <h3>${t.t('admin.addUser')}</h3>
  <form method="post" action="/admin/users" class="fields" data-testid="add-user-form">${csrfField(page)}
    <p><label for="new-name">${t.t('admin.name')}</label><input id="new-name" name="name" required maxlength="120"></p>
    <p><label for="new-email">${t.t('admin.email')}</label><input id="new-email" name="email" type="email" required maxlength="254"></p>
    <p><label for="new-role">${t.t('admin.role')}</label><select id="new-role" name="role">${ROLES.map((role) => html`<option value="${role}">${t.word('role', role)}</option>`)}</select></p>
    <p><button type="submit">${t.t('admin.add')}</button></p>
  </form>
</section>
<p><a href="/admin/phrases" data-testid="phrases-link">${t.t('phrases.link')}</a></p>
<section aria-labelledby="rules-heading">
  <h2 id="rules-heading">${t.t('admin.rules')}</h2>
  <p>${t.t('admin.rulesIntro')}</p>
  ${rules.map((rule, index) => ruleForm(page, index, edit?.index === index ? edit.values : ruleValues(rule), false, edit))}
  <h3 id="new-rule-heading">${t.t('admin.newRule')}</h3>
  ${ruleForm(page, rules.length, edit?.index === rules.length ? edit.values : NEW_RULE, true, edit)}
</section>`,
  });
}
