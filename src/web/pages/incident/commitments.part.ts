import { COMMITMENT_KINDS, commitmentStatus, isOwed } from '../../../commitments/commitment-status.js';
import type { CommitmentView, ObservationView } from '../../../commitments/commitment.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { abilities, incidentPath, personName, type IncidentPageData } from './page-data.js';

/** How many of a commitment's checks its card shows, the latest first. */
const OBSERVATIONS_SHOWN = 3;

/** The side column's promises made to a party: each with its last checks and what can be done with it, and a way to add one. */
export function commitmentsPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const { commitments } = data.dossier;
  const { write } = abilities(page);
  return html`<section class="card side-part" aria-labelledby="commitments-heading" id="commitments" data-live-part>
  <h2 id="commitments-heading">${t.t('incident.commitments')}</h2>
  ${commitments.length ? '' : html`<p>${t.t('incident.commitmentsEmpty')}</p>`}
  <ul class="side-list">
  ${commitments.map((commitment) => commitmentCard(page, data, commitment, write))}
  </ul>
  ${write ? disclosure(page, { summary: t.t('commitment.add'), forms: ['commitment'] }, commitmentForm(page, data)) : ''}
</section>`;
}

/** To whom and when a promise was made and who keeps it, not before when, and when it is due: the card's and the dossier's words. */
export function promiseLines(page: PageContext, commitment: Pick<CommitmentView, 'promisedAt' | 'notBefore' | 'dueAt' | 'status'>, names: { to: string | undefined; owner: string }): Html {
  const { t } = page;
  return html`${t.t('commitment.promised', { to: names.to ?? t.t('incident.nobody'), when: t.dateTime(commitment.promisedAt), owner: names.owner })}${
    commitment.notBefore ? html`<br>${t.t('commitment.notBeforeSaid', { when: t.dateTime(commitment.notBefore) })}` : ''
  }${commitment.dueAt ? html`<br>${dueLine(page, commitment)}` : ''}`;
}

/** When it is due, said overdue (in red, as on Today) while it is still owed and its time has passed. */
export function dueLine(page: PageContext, commitment: Pick<CommitmentView, 'dueAt' | 'status'>, now = Date.now()): Html {
  const { t } = page;
  const when = t.dateTime(commitment.dueAt!);
  return isOwed(commitment.status) && Date.parse(commitment.dueAt!) < now ? html`<span class="overdue" data-testid="commitment-overdue">${t.t('today.overdue', { when })}</span>` : html`${t.t('today.due', { when })}`;
}

function commitmentCard(page: PageContext, data: IncidentPageData, commitment: CommitmentView, write: boolean): Html {
  const { t } = page;
  const party = data.dossier.parties.find(({ party: p }) => p.id === commitment.promisedToPartyId)?.party;
  const observations = commitment.observations.slice(-OBSERVATIONS_SHOWN).reverse();
  const forms = commitmentForms(page, commitment);
  return html`<li data-testid="commitment" id="commitment-${commitment.id}" data-status="${commitment.status}">
    <p class="item-head"><strong>${t.word('commitmentKind', commitment.kind)}</strong> <span class="badge${commitment.status === 'verified' ? ' green' : commitment.status === 'failed_verification' ? ' red' : ''}">${t.word('commitmentStatus', commitment.status)}</span></p>
    <p>${commitment.description}</p>
    <p class="meta">${promiseLines(page, commitment, { to: party?.name, owner: personName(page, data, commitment.ownerId) })}
    ${commitment.targetUrl ? html`<br><a href="${commitment.targetUrl}" rel="noopener noreferrer" class="url">${commitment.targetUrl}</a>` : ''}
    ${commitment.mentionText ? html`<br>${t.t(commitment.kind === 'publish_reply' ? 'reply.said' : 'commitment.mentionSaid', { text: commitment.mentionText })}` : ''}
    ${commitment.cancelReason ? html`<br>${t.t('commitment.cancelledBecause', { reason: commitment.cancelReason })}` : ''}</p>
    ${
      commitment.verifiable
        ? observations.length
          ? html`<ul class="observations" data-testid="observations">${observations.map((observation) => html`<li>${observationLine(page, observation)}</li>`)}</ul>`
          : html`<p class="meta">${t.t('incident.neverChecked')}</p>`
        : ''
    }
    ${write && forms.ids.length ? disclosure(page, { summary: html`${t.t('commitment.actions')}<span class="visually-hidden"> ${commitment.description}</span>`, forms: forms.ids, className: 'menu' }, forms.body) : ''}
  </li>`;
}

/** One check of the page: when, what it answered, the directives found, the verdict. */
function observationLine(page: PageContext, observation: ObservationView): Html {
  const { t } = page;
  const directives = observation.directives ? [...observation.directives.metaRobots, ...observation.directives.metaGooglebot, ...observation.directives.header] : [];
  return html`<time datetime="${observation.at}">${t.dateTime(observation.at)}</time> · ${observation.httpStatus === null ? unanswered(page, observation) : t.t('commitment.httpStatus', { status: observation.httpStatus })}${
    directives.length ? html` · <span class="directives">${[...new Set(directives)].join(', ')}</span>` : ''
  } · <span class="verdict ${observation.verdict}">${t.word('verdict', observation.verdict)}</span>`;
}

/**
 * Why a check got no answer from the page, in the reader's words: what the place said when it was asked of its own
 * message (« Mastodon ne montre plus le message 42 »), else the fetcher's reason (a private address, a timeout…), said
 * as the same refusal is said beside the form's field (`problem.fetch.<code>`), when the check kept it.
 */
function unanswered(page: PageContext, observation: ObservationView): Html | string {
  const { reason } = observation;
  if (!reason) return page.t.t('commitment.noAnswer');
  return html`<span class="reason" data-testid="check-reason">${reasonSaid(page, reason, observation.detail ?? '')}</span>`;
}

function reasonSaid(page: PageContext, reason: NonNullable<ObservationView['reason']>, message: string): string {
  const { t } = page;
  if (!('place' in reason)) return t.problem({ field: 'targetUrl', code: `fetch.${reason.code}`, values: reason.values, message });
  if (reason.code === 'shown' || reason.code === 'gone') return t.t(`commitment.place.${reason.code}`, { place: t.word('platform', reason.place), id: reason.values['id'] ?? '' });
  return t.problem({ field: 'targetUrl', code: reason.code, values: reason.values, message });
}

/** The moves of a commitment the desk makes, each by its own small form (`due`: its due time set or changed). */
export type CommitmentMove = 'due' | 'done' | 'verify' | 'reopen' | 'cancel';

/** The moves the workflow allows from here: the due time (while pending), done, verify now (for what is checked on a page), reopen, cancel. */
function movesOf(commitment: CommitmentView): CommitmentMove[] {
  const allowed = new Set(commitmentStatus.allowedFrom(commitment.status));
  return [
    ...(commitment.status === 'pending' ? (['due'] as const) : []),
    ...(commitment.status === 'pending' && allowed.has('done') ? (['done'] as const) : []),
    ...(commitment.verifiable && commitment.status !== 'pending' && commitment.status !== 'cancelled' ? (['verify'] as const) : []),
    ...(allowed.has('pending') ? (['reopen'] as const) : []),
    ...(allowed.has('cancelled') ? (['cancel'] as const) : []),
  ];
}

function commitmentForms(page: PageContext, commitment: CommitmentView): { ids: string[]; body: Html } {
  const moves = movesOf(commitment);
  return { ids: moves.map((move) => `commitment-${move}-${commitment.id}`), body: html`${moves.map((move) => commitmentMoveForm(page, commitment, move))}` };
}

/** One move of a commitment as a small form: a button, with the reason for reopen and cancel. */
export function commitmentMoveForm(page: PageContext, commitment: CommitmentView, move: CommitmentMove): Html {
  const { t } = page;
  const f = formView(page, `commitment-${move}-${commitment.id}`);
  const options = { action: `/commitments/${commitment.id}/${move}`, testid: `commitment-${move}-form` };
  if (move === 'done') return f.form({ ...options, className: 'inline' }, html`<button type="submit">${t.t('commitment.done')}</button>`);
  if (move === 'verify') return f.form({ ...options, className: 'inline' }, html`<button type="submit" class="secondary">${t.t('commitment.verify')}</button>`);
  if (move === 'due') {
    return f.form(
      { ...options, className: 'fields' },
      html`${f.input('dueAt', t.t('commitment.dueAt'), { type: 'datetime-local', required: true, initial: commitment.dueAt ? t.inputValue(commitment.dueAt) : '', hint: t.timeZone })}
    <p><button type="submit" class="secondary">${t.t('commitment.setDue')}</button></p>`,
    );
  }
  return f.form(
    { ...options, className: 'fields' },
    html`${f.input('reason', t.t(move === 'reopen' ? 'commitment.reopenReason' : 'commitment.cancelReason'), { required: true, maxlength: 1000 })}
    <p><button type="submit" class="secondary">${t.t(move === 'reopen' ? 'commitment.reopen' : 'commitment.cancel')}</button></p>`,
  );
}

/** Record a promise made to a party: what, to whom, the page to check, when it is due and not before. */
export function commitmentForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const f = formView(page, 'commitment');
  const incident = data.dossier.incident;
  const parties = data.dossier.parties.map(({ party }) => party);
  const people = data.people.filter((person) => person.active && person.role !== 'viewer');
  const when = { type: 'datetime-local', hint: t.timeZone };
  const post = data.dossier.posts.length === 1 ? data.dossier.posts[0]!.url : '';
  return f.form(
    { action: incidentPath(data, '/commitments'), testid: 'commitment-form' },
    html`${f.select('kind', t.t('commitment.kind'), COMMITMENT_KINDS.map((kind) => [kind, t.word('commitmentKind', kind)]), { initial: 'noindex' })}
    ${f.textarea('description', t.t('commitment.description'), { required: true, maxlength: 2000, attributes: html` rows="2"` })}
    ${f.select('promisedToPartyId', t.t('commitment.promisedTo'), [['', t.t('incident.nobody')], ...parties.map((party) => [party.id, party.name] as const)], { initial: incident.counterpartId ?? '' })}
    ${f.select('ownerId', t.t('commitment.owner'), people.map((person) => [person.id, person.name] as const), { initial: incident.ownerId ?? page.user?.id ?? '' })}
    ${f.input('targetUrl', t.t('commitment.targetUrl'), { type: 'url', maxlength: 2048, hint: post ? t.t('commitment.targetUrlHint', { url: post }) : t.t('commitment.targetUrlNone') })}
    ${f.textarea('mentionText', t.t('reply.textLabel'), { maxlength: 20000, hint: t.t('reply.textHint'), attributes: html` rows="2"` })}
    <div class="fields">
      ${f.input('promisedAt', t.t('commitment.promisedAt'), { ...when, hint: t.t('form.whenHint', { zone: t.timeZone }) })}
      ${f.input('notBefore', t.t('commitment.notBefore'), when)}
      ${f.input('dueAt', t.t('commitment.dueAt'), { ...when, hint: t.t('commitment.dueHint', { zone: t.timeZone }) })}
    </div>
    <p><button type="submit">${t.t('commitment.submit')}</button></p>`,
  );
}
