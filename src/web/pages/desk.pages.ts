import type { AgendaItemView, AgendaView } from '../../agenda/agenda.dto.js';
import { hasRole, ROLES } from '../../common/roles.js';
import type { DeadlineRuleView } from '../../deadlines/deadline-rule.dto.js';
import { CLOCK_STARTS, DAY_COUNTS, RULE_TYPES } from '../../deadlines/deadline-rule.types.js';
import { periodWords, ruleNoteWords } from '../../deadlines/deadline-words.js';
import { INCIDENT_STATES, SEVERITIES } from '../../incidents/escalation.js';
import type { IncidentView } from '../../incidents/incident.dto.js';
import type { LegalNoticeView } from '../../legal-notices/legal-notice.dto.js';
import type { PrescriptionView } from '../../prescriptions/prescription.dto.js';
import type { SearchHit } from '../../search/search.dto.js';
import type { UserView } from '../../users/user.dto.js';
import { html, trusted, type Html } from '../../common/html.js';
import type { PageContext } from '../web-context.js';
import { deadlineBadge } from './badges.js';
import { basisText, warningText } from './legal/notice-words.js';
import { newIncidentLink } from './case.pages.js';
import { formView } from '../form-view.js';
import { LOCALES, type Locale } from '../../i18n/i18n.js';
import { layout } from './layout.js';

const canOpen = (page: PageContext): boolean => !!page.user && hasRole(page.user.role, 'community_manager');

const AGENDA_KIND_KEY = { reply: 'today.kind.reply', deadline: 'today.kind.deadline', commitment: 'today.kind.commitment', check: 'today.kind.check', follow_up: 'today.kind.followUp', watched: 'today.kind.watched', prescription: 'today.kind.prescription' } as const;
const DETAIL_WORDS: Partial<Record<AgendaItemView['kind'], string>> = { deadline: 'noticeType', prescription: 'pressOffence' };

function agendaLink(item: AgendaItemView): string {
  const anchor = item.subjectType === 'reminder' ? '#reminders-heading' : `#${item.subjectType}-${item.subjectId}`;
  return `/incidents/${item.incidentId}${anchor}`;
}

export function todayPage(page: PageContext, agenda: AgendaView, notice?: string): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('today.title'),
    section: 'today',
    notice,
    main: html`${canOpen(page) ? newIncidentLink(page) : ''}
<p>${t.t('today.intro')}</p>
${agenda.items.length ? '' : html`<p>${t.t(agenda.undatedCommitments.count ? 'today.emptyDated' : agenda.laterDeadlines.count ? 'today.emptyThisWeek' : 'today.empty')}</p>`}
<ul class="agenda" data-testid="agenda">
${agenda.items.map(
  (item) => html`<li class="${item.overdue ? 'overdue' : ''}" data-testid="agenda-item" data-kind="${item.kind}">
  <span class="kind">${t.t(AGENDA_KIND_KEY[item.kind])}</span>
  ${item.detail ? html` · ${t.word(DETAIL_WORDS[item.kind] ?? 'commitmentKind', item.detail)}` : ''}
  · <span class="${item.overdue ? 'overdue' : ''}">${item.kind === 'watched' ? t.t('today.arrived', { when: t.relative(item.dueAt) }) : item.overdue ? t.t('today.overdue', { when: t.relative(item.dueAt) }) : t.t('today.due', { when: t.relative(item.dueAt) })}</span>
  (<time datetime="${item.dueAt}">${t.dateTime(item.dueAt)}</time>)
  <br><a href="${agendaLink(item)}">${item.incidentRef} · ${item.incidentTitle}</a> — ${item.label}
</li>`,
)}
</ul>
${agenda.total > agenda.items.length ? html`<p data-testid="agenda-more">${t.t('today.more', { count: agenda.total - agenda.items.length })}</p>` : ''}
${agenda.laterDeadlines.count ? html`<p data-testid="agenda-later">${t.t('today.laterDeadlines', { count: agenda.laterDeadlines.count, when: t.dateTime(agenda.laterDeadlines.next!) })}${page.user && hasRole(page.user.role, 'legal') ? html` <a href="/legal">${t.t('today.legalDesk')}</a>` : ''}</p>` : ''}
${undatedCommitments(page, agenda.undatedCommitments)}`,
  });
}

/** The person's promises with no due date, apart from the items: nothing places them in time or reminds anyone of them. */
function undatedCommitments(page: PageContext, undated: AgendaView['undatedCommitments']): Html | string {
  const { t } = page;
  if (!undated.count) return '';
  return html`<h2 id="undated-heading">${t.t('today.undated.heading')}</h2>
<p>${t.t('today.undated.intro')}</p>
<ul class="agenda" aria-labelledby="undated-heading" data-testid="undated">
${undated.items.map(
  (item) => html`<li data-testid="undated-item">
  <span class="kind">${t.word('commitmentKind', item.kind)}</span>
  · ${t.t('today.undated.promised', { when: t.relative(item.promisedAt) })} (<time datetime="${item.promisedAt}">${t.dateTime(item.promisedAt)}</time>)
  <br><a href="/incidents/${item.incidentId}#commitment-${item.commitmentId}">${item.incidentRef} · ${item.incidentTitle}</a> — ${item.label}
</li>`,
)}
</ul>
${undated.count > undated.items.length ? html`<p>${t.t('today.undated.more', { count: undated.count - undated.items.length })}</p>` : ''}`;
}

/** The header's count: what is owed, promises without a due time included, not the news a watch brought. */
export function owedCount(page: PageContext, agenda: AgendaView): Html {
  const owed = agenda.total - agenda.counts.watched + agenda.undatedCommitments.count;
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

/** The list's filters as a query string (`?state=a&state=b&q=…`), for the CSV of the same list; empty when there are none. */
function filterQuery(filters: IncidentFilters): string {
  const query = new URLSearchParams();
  for (const state of filters.states) query.append('state', state);
  for (const name of ['severity', 'ownerId', 'tag', 'q'] as const) if (filters[name]) query.set(name, filters[name]);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function incidentsPage(page: PageContext, rows: IncidentRow[], filters: IncidentFilters, people: UserView[]): Html {
  const { t } = page;
  const selected = (on: boolean) => (on ? html` selected` : '');
  const owner = (id: string | null) => (id ? (people.find((user) => user.id === id)?.name ?? id) : t.t('incident.nobody'));
  return layout(page, {
    title: t.t('incidents.title'),
    section: 'incidents',
    main: html`${canOpen(page) ? newIncidentLink(page) : ''}
<form method="get" action="/incidents" class="card" role="search" aria-label="${t.t('incidents.filters')}">
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
${rows.length ? html`<p><a href="/incidents.csv${filterQuery(filters)}" download data-testid="incidents-csv">${t.t('export.incidentsCsv')}</a></p>` : html`<p>${t.t('incidents.empty')}</p>`}
<div class="table-wrap"><table class="stack">
  <thead><tr><th scope="col">${t.t('incidents.ref')}</th><th scope="col">${t.t('incidents.titleCol')}</th><th scope="col">${t.t('incidents.state')}</th><th scope="col">${t.t('incidents.severity')}</th><th scope="col">${t.t('incidents.owner')}</th><th scope="col">${t.t('incidents.lastActivity')}</th></tr></thead>
  <tbody>
  ${rows.map(
    (row) => html`<tr data-testid="incident-row" data-state="${row.incident.state}">
    <td data-label="${t.t('incidents.ref')}" class="ref">${row.incident.ref}</td>
    <td data-label="${t.t('incidents.titleCol')}" class="wide"><a href="/incidents/${row.incident.id}" data-testid="incident-link">${row.incident.title}</a><br>
      ${row.repliesOwed ? html`<span class="badge red">${t.t('badge.repliesOwed', { count: row.repliesOwed })}</span>` : ''}
      ${deadlineBadge(t, row.nearestDeadline)}
      ${row.incident.legalHold.on ? html`<span class="badge amber">${t.t('badge.legalHold')}</span>` : ''}</td>
    <td data-label="${t.t('incidents.state')}">${t.word('state', row.incident.state)}</td>
    <td data-label="${t.t('incidents.severity')}">${t.word('severity', row.incident.severity)}</td>
    <td data-label="${t.t('incidents.owner')}">${owner(row.incident.ownerId)}</td>
    <td data-label="${t.t('incidents.lastActivity')}"><time datetime="${row.lastActivity}">${t.dateTime(row.lastActivity)}</time></td>
  </tr>`,
  )}
  </tbody>
</table></div>`,
  });
}

/** An incident as a row of the legal desk names it: its reference (the link, kept on one line), its title under it. */
type IncidentHeading = { ref: string; title: string };
const incidentCell = (href: string, incident: IncidentHeading): Html => html`<a href="${href}" class="ref">${incident.ref}</a><small class="incident-title">${incident.title}</small>`;

export function legalPage(page: PageContext, notices: Array<{ notice: LegalNoticeView; incident: IncidentHeading }>, people: UserView[], prescriptions: Array<{ prescription: PrescriptionView; incident: IncidentHeading }> = []): Html {
  const { t } = page;
  const name = (id: string | null) => (id ? (people.find((user) => user.id === id)?.name ?? id) : t.t('incident.nobody'));
  const column = { notice: t.t('legal.notice'), incident: t.t('legal.incident'), type: t.t('legal.type'), status: t.t('legal.status'), respondBy: t.t('legal.respondBy'), assignee: t.t('legal.assignee'), warnings: t.t('legal.warnings') };
  return layout(page, {
    title: t.t('legal.title'),
    section: 'legal',
    main: html`<p>${t.t('legal.intro')}</p>
${notices.length ? html`<p><a href="/legal-notices.csv?status=open" download data-testid="notices-csv">${t.t('export.noticesCsv')}</a></p>` : html`<p>${t.t('legal.empty')}</p>`}
<div class="table-wrap"><table class="stack" data-testid="legal-table">
  <thead><tr>${Object.values(column).map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
  <tbody>
  ${notices.map(({ notice, incident }) => {
    const basis = basisText(t, notice);
    return html`<tr data-testid="legal-row">
    <td data-label="${column.notice}" class="ref"><a href="/legal-notices/${notice.id}">${notice.ref}</a></td>
    <td data-label="${column.incident}">${incidentCell(`/incidents/${notice.incidentId}#notice-${notice.id}`, incident)}</td>
    <td data-label="${column.type}">${t.word('noticeType', notice.type)}</td>
    <td data-label="${column.status}">${t.word('noticeStatus', notice.status)}</td>
    <td data-label="${column.respondBy}" class="wide">${notice.respondBy ? html`<time datetime="${notice.respondBy}">${t.dateTime(notice.respondBy)}</time> ${deadlineBadge(t, notice.respondBy)}` : '—'}${basis ? html`<br><small>${basis}</small>` : ''}</td>
    <td data-label="${column.assignee}" class="name">${name(notice.assigneeId)}</td>
    <td data-label="${column.warnings}" class="wide">${notice.validity.length ? html`<ul class="warnings">${notice.validity.map((warning) => html`<li>${warningText(t, warning)}</li>`)}</ul>` : t.t('legal.none')}</td>
  </tr>`;
  })}
  </tbody>
</table></div>
${prescriptionsTable(page, prescriptions)}`,
  });
}

/** The legal desk's press-law prescriptions: every active mark, soonest first, with the warning that a formal notice does not interrupt them. */
function prescriptionsTable(page: PageContext, prescriptions: Array<{ prescription: PrescriptionView; incident: IncidentHeading }>): Html {
  const { t } = page;
  const column = { incident: t.t('prescription.column.incident'), offence: t.t('prescription.column.offence'), when: t.t('prescription.column.when') };
  return html`<h2 id="prescriptions-heading">${t.t('prescription.legalHeading')}</h2>
<p>${t.t('prescription.warning')}</p>
${prescriptions.length ? '' : html`<p>${t.t('prescription.legalEmpty')}</p>`}
<div class="table-wrap"><table class="stack" data-testid="prescriptions-table" aria-labelledby="prescriptions-heading">
  <thead><tr>${Object.values(column).map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
  <tbody>
  ${prescriptions.map(
    ({ prescription, incident }) => html`<tr data-testid="prescription-row">
    <td data-label="${column.incident}">${incidentCell(`/incidents/${prescription.incidentId}#prescription-${prescription.id}`, incident)}</td>
    <td data-label="${column.offence}">${t.word('pressOffence', prescription.offence)}${prescription.ground ? html` · ${t.word('pressGround', prescription.ground)}` : ''}</td>
    <td data-label="${column.when}" class="wide"><time datetime="${prescription.prescribesAt}">${t.dateTime(prescription.prescribesAt)}</time> ${prescription.prescribesAt ? deadlineBadge(t, prescription.prescribesAt) : ''}${prescription.rule ? html`<br><small>${prescription.rule.reference}</small>` : ''}</td>
  </tr>`,
  )}
  </tbody>
</table></div>`;
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

/** The problems of rule `index` of the set (`rules.2.period` → `period`); the others' are said at the top. */
const ruleFieldOf = (index: number) => (path: string) => {
  const match = /^rules\.(\d+)\.(.+)$/.exec(path);
  return match && Number(match[1]) === index ? match[2] : undefined;
};

export function ruleForm(page: PageContext, index: number, values: RuleFields, isNew: boolean): Html {
  const { t } = page;
  const f = formView(page, `rule-${index}`, ruleFieldOf(index));
  const select = (field: 'noticeType' | 'clockStarts' | 'dayCount', options: readonly string[], label: (value: string) => string) =>
    f.select(field, t.t(`admin.${field}`), options.map((option) => [option, label(option)]), { initial: values[field] });
  return f.form(
    { action: '/admin/rules', className: 'card rule', testid: isNew ? 'new-rule-form' : 'rule-form' },
    html`${f.hidden('index', isNew ? '' : String(index))}
  <div class="fields">
    ${f.input('jurisdiction', t.t('admin.jurisdiction'), { initial: values.jurisdiction, required: true, maxlength: 2, attributes: html` size="3"` })}
    ${select('noticeType', RULE_TYPES, (type) => t.word('noticeType', type))}
    ${select('clockStarts', CLOCK_STARTS, (start) => t.word('clockStarts', start))}
    ${f.input('period', t.t('admin.period'), { initial: values.period, required: true, maxlength: 40, hint: t.t('admin.periodHint'), attributes: html` size="12"` })}
    ${select('dayCount', DAY_COUNTS, (count) => t.word('dayCount', count))}
    ${f.input('reference', t.t('admin.reference'), { initial: values.reference, required: true, maxlength: 500, wide: true })}
    ${f.textarea('note', t.t('admin.note'), { initial: values.note, maxlength: 2000, attributes: html` rows="3"` })}
  </div>
  <p><button type="submit" name="action" value="save">${isNew ? t.t('admin.addRule') : t.t('admin.save')}</button>
  ${isNew ? '' : html` <button type="submit" name="action" value="delete" class="secondary">${t.t('admin.deleteRule')}</button>`}</p>`,
  );
}

/**
 * A saved rule's fields as the form shows them: its period in words (« 3 jours », "1 year, 6 months"), as it may be
 * typed back; a seeded note in the reader's language.
 */
const ruleValues = (page: PageContext, rule: DeadlineRuleView): RuleFields => ({
  ...rule,
  period: periodWords(page.t, rule.period),
  note: ruleNoteWords(page.t, rule) ?? '',
});
const NEW_RULE: RuleFields = { jurisdiction: '', noticeType: 'other', clockStarts: 'receivedAt', period: '', dayCount: 'calendar', reference: '', note: '' };

/**
 * A person's role. On the admin's own row, a box to tick before leaving the
 * admin role: the page they are on closes to them as it is saved.
 */
export function roleForm(page: PageContext, user: UserView): Html {
  const { t } = page;
  const f = formView(page, `role-${user.id}`);
  const self = page.user?.id === user.id && user.role === 'admin';
  return f.form(
    { action: `/admin/users/${user.id}`, className: 'inline' },
    html`${f.select('role', t.t('admin.role'), ROLES.map((role) => [role, t.word('role', role)]), { initial: user.role, labelHidden: true })}
        ${self ? f.checkbox('confirmSelf', t.t('admin.confirmSelf'), { said: t.t('field.confirm') }) : ''}
        <button type="submit" class="secondary">${t.t('admin.save')}</button>`,
  );
}

/** A person's name, as the desk shows it everywhere (the built-in admin's "Administrator" included). */
export function nameForm(page: PageContext, user: UserView): Html {
  const { t } = page;
  const f = formView(page, `name-${user.id}`);
  return f.form(
    { action: `/admin/users/${user.id}`, className: 'inline' },
    html`${f.input('name', t.t('admin.name'), { initial: user.name, required: true, maxlength: 120, labelHidden: true })}
        <button type="submit" class="secondary">${t.t('admin.save')}</button>`,
  );
}

/** Deactivate or reactivate a person. */
export function activeForm(page: PageContext, user: UserView): Html {
  const { t } = page;
  const f = formView(page, `active-${user.id}`);
  return f.form(
    { action: `/admin/users/${user.id}`, className: 'inline' },
    html`${f.hidden('active', user.active ? 'false' : 'true')}
        ${user.active ? t.t('admin.yes') : t.t('admin.no')} <button type="submit" class="secondary">${user.active ? t.t('admin.deactivate') : t.t('admin.reactivate')}</button>`,
  );
}

/** A new invite link for a person. */
export function inviteForm(page: PageContext, user: UserView): Html {
  const f = formView(page, `invite-${user.id}`);
  return f.form({ action: `/admin/users/${user.id}/invite`, className: 'inline' }, html`<button type="submit" class="secondary">${page.t.t('admin.invite')}</button>`);
}

/** Sign a person out of every browser. */
export function endSessionsForm(page: PageContext, user: UserView): Html {
  const f = formView(page, `sessions-${user.id}`);
  return f.form({ action: `/admin/users/${user.id}/sessions/end`, className: 'inline' }, html`<button type="submit" class="secondary" data-testid="end-sessions">${page.t.t('admin.endSessions')}</button>`);
}

/** Add a person (and make their invite link). */
export function addUserForm(page: PageContext): Html {
  const { t } = page;
  const f = formView(page, 'add-user');
  return f.form(
    { action: '/admin/users', className: 'fields', testid: 'add-user-form' },
    html`${f.input('name', t.t('admin.name'), { required: true, maxlength: 120 })}
    ${f.input('email', t.t('admin.email'), { type: 'email', required: true, maxlength: 254 })}
    ${f.select('role', t.t('admin.role'), ROLES.map((role) => [role, t.word('role', role)]))}
    ${f.select('locale', t.t('admin.locale'), LOCALES.map((locale) => [locale, t.t(`lang.${locale}`)]), { initial: t.locale })}
    <p><button type="submit">${t.t('admin.add')}</button></p>`,
  );
}

/** An invite just made, shown once on the admin page: its link, and whether it was mailed. */
export interface InviteShown {
  name: string;
  email: string;
  language: Locale;
  url: string;
  expiresAt: string;
  emailed: boolean;
  mailError?: string;
}

function inviteNotice(page: PageContext, invite: InviteShown): Html {
  const { t } = page;
  const mailed = invite.emailed
    ? html`<p data-testid="invite-emailed">${t.t('admin.inviteEmailed', { email: invite.email, language: t.t(`lang.${invite.language}`) })}</p>`
    : invite.mailError
      ? html`<p data-testid="invite-not-emailed">${t.t('admin.inviteNotEmailed', { error: invite.mailError })}</p>`
      : '';
  return html`<div class="notice" role="status" data-testid="invite-link">${mailed}<p>${t.t('admin.inviteCreated', { name: invite.name, when: t.dateTime(invite.expiresAt) })}</p><p><a href="${invite.url}">${invite.url}</a></p></div>`;
}

export function adminPage(page: PageContext, users: UserView[], rules: DeadlineRuleView[], mailOn: boolean, invite?: InviteShown, notice?: string): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('admin.title'),
    section: 'admin',
    notice,
    main: html`${invite ? inviteNotice(page, invite) : ''}
<section class="card" aria-labelledby="users-heading">
  <h2 id="users-heading">${t.t('admin.users')}</h2>
  <div class="table-wrap"><table class="stack">
    <thead><tr><th scope="col">${t.t('admin.name')}</th><th scope="col">${t.t('admin.email')}</th><th scope="col">${t.t('admin.role')}</th><th scope="col">${t.t('admin.active')}</th><th scope="col">${t.t('admin.invite')}</th><th scope="col">${t.t('admin.sessions')}</th></tr></thead>
    <tbody>
    ${users.map(
      (user) => html`<tr data-testid="user-row">
      <td data-label="${t.t('admin.name')}">${nameForm(page, user)}</td><td data-label="${t.t('admin.email')}">${user.email}</td>
      <td data-label="${t.t('admin.role')}">${roleForm(page, user)}</td>
      <td data-label="${t.t('admin.active')}">${activeForm(page, user)}</td>
      <td data-label="${t.t('admin.invite')}">${inviteForm(page, user)}</td>
      <td data-label="${t.t('admin.sessions')}">${endSessionsForm(page, user)}</td>
    </tr>`,
    )}
    </tbody>
  </table></div>
  <h3>${t.t('admin.addUser')}</h3>
  <p data-testid="invite-mail">${mailOn ? t.t('admin.mailOn') : t.t('admin.noMail')}</p>
  ${addUserForm(page)}
</section>
<p><a href="/admin/phrases" data-testid="phrases-link">${t.t('phrases.link')}</a></p>
<p><a href="/admin/retention" data-testid="retention-link">${t.t('retention.link')}</a></p>
<section aria-labelledby="rules-heading">
  <h2 id="rules-heading">${t.t('admin.rules')}</h2>
  <p>${t.t('admin.rulesIntro')}</p>
  ${rules.map((rule, index) => ruleForm(page, index, ruleValues(page, rule), false))}
  <h3 id="new-rule-heading">${t.t('admin.newRule')}</h3>
  ${ruleForm(page, rules.length, NEW_RULE, true)}
</section>`,
  });
}
