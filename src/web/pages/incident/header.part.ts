import { SEVERITIES } from '../../../incidents/escalation.js';
import { OPEN_NOTICE_STATUSES } from '../../../legal-notices/notice-status.js';
import { isOpen } from '../../../commitments/commitment-status.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { legalHoldPart } from './legal-hold.part.js';
import { abilities, incidentPath, personName, type IncidentPageData } from './page-data.js';

/** The case's identity and state, as desks head a ticket: state, severity, owner, counterpart, legal hold, and the moves it can make. */
export function caseHeader(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  const { write } = abilities(page);
  const counterpart = data.dossier.parties.find(({ party }) => party.id === incident.counterpartId)?.party;
  const owed = incident.openCounts['commentsAwaitingResponse'];
  return html`<section class="card case-head" aria-labelledby="overview" id="case-head" data-live-part>
  <h2 id="overview" class="visually-hidden">${t.t('incident.overview')}</h2>
  <div class="case-facts">
  <p class="badges"><span class="badge state" data-testid="incident-state">${t.word('state', incident.state)}</span>
  <span class="badge">${t.word('severity', incident.severity)}</span>
  ${owed ? html`<span class="badge red">${t.t('badge.repliesOwed', { count: owed })}</span>` : ''}</p>
  ${legalHoldPart(page, data)}
  <dl class="facts">
    <dt>${t.t('incident.owner')}</dt><dd>${personName(page, data, incident.ownerId)}</dd>
    <dt>${t.t('incident.backupOwner')}</dt><dd>${personName(page, data, incident.backupOwnerId)}</dd>
    <dt>${t.t('incident.counterpart')}</dt><dd>${counterpart ? html`<a href="/parties/${counterpart.id}">${counterpart.name}</a>${counterpart.organisation ? html` (${counterpart.organisation})` : ''}` : t.t('incident.nobody')}</dd>
    <dt>${t.t('incident.openedAt')}</dt><dd>${t.dateTime(incident.openedAt)}</dd>
    ${incident.tags.length ? html`<dt>${t.t('incident.tags')}</dt><dd>${incident.tags.join(', ')}</dd>` : ''}
  </dl>
  ${incident.summary ? html`<p class="summary">${incident.summary}</p>` : ''}
  </div>
  <div class="case-actions">
    ${write ? moveMenu(page, data) : ''}
    ${write ? disclosure(page, { summary: t.t('incident.edit'), forms: ['edit-incident'], className: 'action edit' }, editIncidentForm(page, data)) : ''}
    <a href="${incidentPath(data, '/dossier')}" data-testid="dossier-link">${t.t('incident.dossier')}</a>
    <a href="${incidentPath(data, '/dossier.pdf')}" data-testid="dossier-pdf" download>${t.t('dossier.pdf')}</a>
  </div>
</section>`;
}

function moveMenu(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  if (!data.dossier.incident.allowedTransitions.length) return html`<p>${t.t('incident.noMoves')}</p>`;
  return disclosure(page, { summary: t.t('incident.move'), forms: ['move'], className: 'action move' }, moveForm(page, data));
}

/** Move the incident, with the time it happened for a move logged late. */
export function moveForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  const f = formView(page, 'move');
  return f.form(
    { action: incidentPath(data, '/transitions'), testid: 'move-form' },
    html`${f.hidden('version', String(incident.version))}
    <div class="fields">
      ${f.select('to', t.t('incident.moveTo'), incident.allowedTransitions.map((state) => [state, t.word('state', state)]))}
      ${f.input('at', t.t('incident.when'), { type: 'datetime-local', hint: t.t('form.whenHint', { zone: t.timeZone }) })}
    </div>
    ${f.input('reason', t.t('incident.reason'), { required: true, maxlength: 2000 })}
    ${f.textarea('resolution', t.t('incident.resolution'), { maxlength: 20000, attributes: html` rows="2"` })}
    ${f.refused && page.refusal?.problems.some((problem) => problem.code === 'incident.closeBlocked') ? stillOpen(page, data) : ''}
    <p><button type="submit">${t.t('incident.moveSubmit')}</button></p>`,
  );
}

/** What still stands open and keeps the incident from closing, each linked to where it is dealt with. */
function stillOpen(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const notices = data.dossier.notices.filter((notice) => OPEN_NOTICE_STATUSES.includes(notice.status));
  const commitments = data.dossier.commitments.filter((commitment) => isOpen(commitment.kind, commitment.status));
  return html`<div class="still-open" data-testid="still-open"><p>${t.t('close.stillOpen')}</p><ul>
    ${notices.map((notice) => html`<li><a href="#notice-${notice.id}">${notice.ref} · ${t.word('noticeType', notice.type)}</a> (${t.word('noticeStatus', notice.status)})</li>`)}
    ${commitments.map((commitment) => html`<li><a href="#commitment-${commitment.id}">${t.t('commitment.named', { kind: t.word('commitmentKind', commitment.kind), description: commitment.description })}</a> (${t.word('commitmentStatus', commitment.status)})</li>`)}
  </ul></div>`;
}

/**
 * Correct the incident: its title, summary, severity, people, counterpart
 * (among the parties of the case) and tags; an emptied summary, backup owner
 * or counterpart is cleared. The version read guards against another edit.
 */
export function editIncidentForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  const f = formView(page, 'edit-incident');
  const active = data.people.filter((person) => person.active || person.id === incident.ownerId || person.id === incident.backupOwnerId);
  const people = active.map((person) => [person.id, person.name] as const);
  const parties = data.dossier.parties.map(({ party }) => [party.id, party.organisation ? `${party.name} (${party.organisation})` : party.name] as const);
  return f.form(
    { action: incidentPath(data, '/edit'), testid: 'edit-incident-form' },
    html`${f.hidden('version', String(incident.version))}
    ${f.input('title', t.t('incidents.titleCol'), { required: true, maxlength: 200, initial: incident.title })}
    ${f.textarea('summary', t.t('incidents.summary'), { maxlength: 20000, initial: incident.summary ?? '', attributes: html` rows="3"` })}
    <div class="fields">
      ${f.select('severity', t.t('incidents.severity'), SEVERITIES.map((severity) => [severity, t.word('severity', severity)]), { initial: incident.severity })}
      ${f.input('tags', t.t('incident.tags'), { maxlength: 1100, hint: t.t('case.tagsHint'), initial: incident.tags.join(', ') })}
    </div>
    <div class="fields">
      ${f.select('ownerId', t.t('incident.owner'), people, { initial: incident.ownerId ?? '' })}
      ${f.select('backupOwnerId', t.t('incident.backupOwner'), [['', t.t('incident.nobody')], ...people], { initial: incident.backupOwnerId ?? '' })}
      ${f.select('counterpartId', t.t('incident.counterpart'), [['', t.t('incident.nobody')], ...parties], { initial: incident.counterpartId ?? '' })}
    </div>
    <p><button type="submit">${t.t('incident.editSubmit')}</button></p>`,
  );
}
