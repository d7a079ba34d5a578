import { NOTICE_TYPES, RECEIVED_VIA } from '../../../deadlines/notice-kinds.js';
import { ACTIONS_TAKEN, DEMAND_KINDS, NOTICE_DIRECTIONS } from '../../../legal-notices/legal-notice.types.js';
import { NOTICE_PARTY_ROLES, type NoticePartyRole } from '../../../legal-notices/record-notice.dto.js';
import type { PartyView } from '../../../parties/party.dto.js';
import { PARTY_KINDS } from '../../../parties/party.types.js';
import { formView, type FormView } from '../../form-view.js';
import { textOf, type Form } from '../../forms.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { authorName } from '../incident/thread.part.js';
import { incidentPath, type IncidentPageData } from '../incident/page-data.js';
import { layout } from '../layout.js';

/** The fields of a new party typed in the notice form, under `<role>Party.`; any of the first four typed means a new party. */
const PARTY_FIELDS = ['name', 'organisation', 'email', 'postalAddress', 'kind'] as const;
const PARTY_TYPED = ['name', 'organisation', 'email', 'postalAddress'];
const DEMAND_FIELDS = ['kind', 'description', 'targetUrl'] as const;
const MAIL_FIELDS = ['trackingNumber', 'sentAt', 'acknowledgedAt'] as const;
const TEXT_FIELDS = [
  'type',
  'direction',
  'senderPartyId',
  'onBehalfOfPartyId',
  'counselPartyId',
  'receivedVia',
  'sentAt',
  'receivedAt',
  'jurisdiction',
  'legalBasis',
  'summary',
  'requestedReply',
  'commentId',
  'statedDeadline',
  'contentPublishedAt',
  'actionTaken',
  'privilegedNotes',
  'assigneeId',
] as const;
/** Blank demand rows the form offers when nothing was typed yet. */
const DEMAND_ROWS = 3;
const MAX_DEMAND_ROWS = 50;

/** The demand rows of a submitted form that hold something, in order: row i of the form is demands[k] of the notice. */
export function demandRows(form: Form | undefined): number[] {
  const rows = new Set<number>();
  for (const [name, value] of Object.entries(form ?? {})) {
    const match = /^demands\.(\d+)\.(kind|description|targetUrl)$/.exec(name);
    if (match && textOf(form, name).trim() && Number(match[1]) < MAX_DEMAND_ROWS && value !== undefined) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/** The fields under `prefix.` that hold something. */
function typed(form: Form, prefix: string, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, textOf(form, `${prefix}.${field}`).trim()]).filter(([, value]) => value !== ''));
}

/**
 * The notice form as the notice to record (POST /api/incidents/:id/legal-notices):
 * empty fields left out, a new party by role only when something of it was
 * typed, the registered letter only when something of it was, the demand rows
 * that hold something.
 */
export function noticeOf(form: Form): Record<string, unknown> {
  const fields = Object.fromEntries(TEXT_FIELDS.map((name) => [name, textOf(form, name).trim()]).filter(([, value]) => value !== ''));
  const parties = Object.fromEntries(
    NOTICE_PARTY_ROLES.flatMap((role) => {
      const party = typed(form, `${role}Party`, PARTY_FIELDS);
      return PARTY_TYPED.some((field) => field in party) ? [[`${role}Party`, party]] : [];
    }),
  );
  const mail = typed(form, 'registeredMail', MAIL_FIELDS);
  const demands = demandRows(form).map((row) => typed(form, `demands.${row}`, DEMAND_FIELDS));
  return { ...fields, ...parties, ...(Object.keys(mail).length ? { registeredMail: mail } : {}), ...(demands.length ? { demands } : {}) };
}

/** Where a problem of the recorded notice is said on the form: demands[k] on its row, the registered letter beside its tracking number. */
const noticeFieldOf = (rows: number[]) => (path: string) => {
  const demand = /^demands\.(\d+)(\..+)?$/.exec(path);
  if (demand) return `demands.${rows[Number(demand[1])] ?? demand[1]}${demand[2] ?? ''}`;
  return path === 'registeredMail' ? 'registeredMail.trackingNumber' : path;
};

/** What the notice form picks from. */
export interface NoticeFormChoices {
  parties: PartyView[];
}

/** Record a legal notice: every field of the API's, its new parties by role in the same form. */
export function noticeForm(page: PageContext, data: IncidentPageData, choices: NoticeFormChoices): Html {
  const { t } = page;
  const rows = demandRows(page.refusal?.form === 'notice' ? page.refusal.values : undefined);
  const f = formView(page, 'notice', noticeFieldOf(rows));
  const zone = { hint: t.timeZone };
  const words = (group: string, values: readonly string[]) => values.map((value) => [value, t.word(group, value)] as const);
  const assignees = data.people.filter((person) => person.active && (person.role === 'legal' || person.role === 'admin'));
  const demandCount = Math.min(MAX_DEMAND_ROWS, Math.max(DEMAND_ROWS, (rows.at(-1) ?? -1) + 2));
  return f.form(
    { action: incidentPath(data, '/legal-notices'), testid: 'notice-form', className: 'notice-form' },
    html`<fieldset><legend>${t.t('notice.what')}</legend>
  <div class="fields">
    ${f.select('type', t.t('notice.type'), words('noticeType', NOTICE_TYPES), { initial: 'formal_notice' })}
    ${f.select('direction', t.t('notice.direction'), words('noticeDirection', NOTICE_DIRECTIONS), { initial: 'received' })}
    ${f.input('jurisdiction', t.t('notice.jurisdiction'), { initial: 'FR', required: true, maxlength: 2, attributes: html` size="3" autocomplete="off"` })}
    ${f.input('legalBasis', t.t('notice.legalBasis'), { maxlength: 5000 })}
  </div>
  ${f.textarea('summary', t.t('notice.summary'), { maxlength: 20000, attributes: html` rows="3"` })}
  ${f.textarea('requestedReply', t.t('notice.requestedReply'), { maxlength: 20000, hint: t.t('notice.requestedReplyHint'), attributes: html` rows="2"` })}
</fieldset>
<fieldset><legend>${t.t('notice.parties')}</legend>
  <div class="party-choices">${NOTICE_PARTY_ROLES.map((role) => partyChoice(page, f, role, choices.parties, role === 'sender' ? (data.dossier.incident.counterpartId ?? '') : ''))}</div>
</fieldset>
<fieldset><legend>${t.t('notice.arrival')}</legend>
  <div class="fields">
    ${f.select('receivedVia', t.t('notice.receivedVia'), [['', t.t('notice.notSaid')], ...words('receivedVia', RECEIVED_VIA)], { initial: 'registered_mail' })}
    ${f.input('receivedAt', t.t('notice.receivedAt'), { type: 'datetime-local', ...zone })}
    ${f.input('sentAt', t.t('notice.sentAt'), { type: 'datetime-local', ...zone })}
  </div>
  <div class="fields" role="group" aria-labelledby="notice-mail-heading">
    <p class="group-label" id="notice-mail-heading">${t.t('notice.registeredMail')}</p>
    ${f.input('registeredMail.trackingNumber', t.t('notice.trackingNumber'), { maxlength: 100, attributes: html` autocomplete="off"` })}
    ${f.input('registeredMail.sentAt', t.t('notice.mailSentAt'), { type: 'date', ...zone })}
    ${f.input('registeredMail.acknowledgedAt', t.t('notice.acknowledgedAt'), { type: 'date', ...zone })}
  </div>
  ${
    data.dossier.thread.length
      ? f.select('commentId', t.t('notice.commentId'), [['', t.t('notice.noMessage')], ...data.dossier.thread.map((comment) => [comment.id, t.t('notice.messageChoice', { author: authorName(t, data.dossier, comment), excerpt: comment.body.slice(0, 60) })] as const)])
      : ''
  }
</fieldset>
<fieldset><legend>${t.t('notice.demands')}</legend>
  ${Array.from({ length: demandCount }, (_, row) => demandRow(page, f, row))}
</fieldset>
<fieldset><legend>${t.t('notice.deadlineSection')}</legend>
  <div class="fields">
    ${f.input('statedDeadline', t.t('notice.statedDeadline'), { type: 'date', hint: t.t('notice.statedDeadlineHint') })}
    ${f.input('contentPublishedAt', t.t('notice.contentPublishedAt'), { type: 'date', hint: t.t('notice.contentPublishedAtHint') })}
    ${f.select('actionTaken', t.t('notice.actionTaken'), words('actionTaken', ACTIONS_TAKEN), { initial: 'none' })}
  </div>
</fieldset>
<fieldset><legend>${t.t('notice.internal')}</legend>
  ${f.select('assigneeId', t.t('notice.assignee'), [['', t.t('notice.assigneeDefault')], ...assignees.map((person) => [person.id, person.name] as const)])}
  ${f.textarea('privilegedNotes', t.t('notice.privilegedNotes'), { maxlength: 50000, hint: t.t('notice.privilegedHint'), attributes: html` rows="3"` })}
</fieldset>
<p><button type="submit">${t.t('notice.record')}</button> <a href="${incidentPath(data)}">${t.t('notice.backToIncident', { ref: data.dossier.incident.ref })}</a></p>`,
  );
}

/** A party in one role: a known one picked, or a new one typed (unfolded when it was). */
function partyChoice(page: PageContext, f: FormView, role: NoticePartyRole, parties: PartyView[], initial: string): Html {
  const { t } = page;
  const fresh = page.refusal?.form === 'notice' && PARTY_TYPED.some((field) => textOf(page.refusal!.values, `${role}Party.${field}`).trim());
  const field = (name: string) => `${role}Party.${name}`;
  return html`<fieldset class="party-choice"><legend>${t.t(`notice.role.${role}`)}</legend>
  ${f.select(`${role}PartyId`, t.t('notice.knownParty'), [['', t.t('notice.noParty')], ...parties.map((party) => [party.id, party.organisation ? `${party.name} (${party.organisation})` : party.name] as const)], { initial })}
  <details class="new-party"${fresh ? html` open` : ''}><summary>${t.t('notice.newParty')}</summary>
  <div class="fields" data-instead-of="${f.controlId(`${role}PartyId`)}">
    ${f.input(field('name'), t.t('notice.partyName'), { maxlength: 200 })}
    ${f.select(field('kind'), t.t('notice.partyKind'), PARTY_KINDS.map((kind) => [kind, t.word('partyKind', kind)] as const), { initial: role === 'counsel' ? 'person' : 'organisation' })}
    ${f.input(field('organisation'), t.t('notice.partyOrganisation'), { maxlength: 200 })}
    ${f.input(field('email'), t.t('notice.partyEmail'), { type: 'email', maxlength: 254 })}
    ${f.input(field('postalAddress'), t.t('notice.partyAddress'), { maxlength: 1000 })}
  </div>
  </details>
</fieldset>`;
}

/** One demand of the letter: its kind, what it asks, the page it is about. */
function demandRow(page: PageContext, f: FormView, row: number): Html {
  const { t } = page;
  return html`<fieldset class="demand"><legend>${t.t('notice.demand', { n: row + 1 })}</legend>
  <div class="fields">
    ${f.select(`demands.${row}.kind`, t.t('notice.demandKind'), [['', t.t('notice.notSaid')], ...DEMAND_KINDS.map((kind) => [kind, t.word('demandKind', kind)] as const)])}
    ${f.input(`demands.${row}.targetUrl`, t.t('notice.targetUrl'), { type: 'url', maxlength: 2048 })}
  </div>
  ${f.textarea(`demands.${row}.description`, t.t('notice.demandDescription'), { maxlength: 5000, attributes: html` rows="2"` })}
</fieldset>`;
}

/** The page of the notice form: the incident it is for, then the form. */
export function noticeFormPage(page: PageContext, data: IncidentPageData, choices: NoticeFormChoices): Html {
  const { t } = page;
  const incident = data.dossier.incident;
  return layout(page, {
    title: t.t('notice.newTitle', { ref: incident.ref }),
    section: 'incidents',
    main: html`<p><a href="${incidentPath(data)}">${incident.ref} · ${incident.title}</a></p>
<p>${t.t('notice.formIntro')}</p>
${noticeForm(page, data, choices)}`,
  });
}
