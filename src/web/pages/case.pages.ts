import { SEVERITIES } from '../../incidents/escalation.js';
import type { IncidentView } from '../../incidents/incident.dto.js';
import type { PartyView } from '../../parties/party.dto.js';
import { PARTY_KINDS } from '../../parties/party.types.js';
import type { PostView } from '../../posts/post.dto.js';
import { INDEXING_DESIRED, OWNERSHIPS, PLATFORMS } from '../../posts/post.types.js';
import type { UserView } from '../../users/user.dto.js';
import { formView, type FormView } from '../form-view.js';
import { html, type Html } from '../../common/html.js';
import type { PageContext } from '../web-context.js';
import { disclosure } from './disclosure.js';
import { layout } from './layout.js';
import { partyRightsPart } from './party-rights.part.js';

/** What the "New incident" form picks from. */
export interface CaseChoices {
  people: UserView[];
  parties: PartyView[];
  posts: PostView[];
}

export const PARTY_FIELDS = ['kind', 'name', 'organisation', 'email', 'url'] as const;
export const POST_FIELDS = ['platform', 'ownership', 'url', 'title'] as const;

const partyLabel = (party: PartyView): string => (party.organisation ? `${party.name} (${party.organisation})` : party.name);
const postLabel = (post: PostView): string => (post.title ? `${post.title} — ${post.url}` : post.url);

/** The "New incident" button of the lists, for those who may open one. */
export const newIncidentLink = (page: PageContext): Html => html`<p class="page-actions"><a class="button" href="/incidents/new" data-testid="new-incident">${page.t.t('incidents.new')}</a></p>`;

/**
 * A new party's fields, inside another form (`party.name`…, typed instead of the party picked in `insteadOf`) or a
 * party's own form (`name`…).
 */
function partyFields(page: PageContext, f: FormView, prefix: string, party?: PartyView, insteadOf?: string): Html {
  const { t } = page;
  const name = (field: string) => `${prefix}${field}`;
  return html`<div class="fields"${insteadOf ? html` data-instead-of="${f.controlId(insteadOf)}"` : ''}>
    ${f.select(name('kind'), t.t('case.partyKind'), PARTY_KINDS.map((kind) => [kind, t.word('partyKind', kind)]), { initial: party?.kind ?? 'person' })}
    ${f.input(name('name'), t.t('case.partyName'), { maxlength: 200, initial: party?.name, required: !!party })}
    ${f.input(name('organisation'), t.t('case.partyOrganisation'), { maxlength: 200, initial: party?.organisation ?? '' })}
    ${f.input(name('email'), t.t('case.partyEmail'), { type: 'email', maxlength: 254, initial: party?.email ?? '' })}
    ${f.input(name('url'), t.t('case.partyUrl'), { type: 'url', maxlength: 2048, initial: party?.url ?? '', attributes: html` placeholder="https://"` })}
  </div>`;
}

/** The form that opens a case: the incident, its people, its counterpart (picked or new) and its post (picked or by address). */
export function newIncidentForm(page: PageContext, choices: CaseChoices): Html {
  const { t } = page;
  const f = formView(page, 'new-incident');
  const me = page.user?.id ?? '';
  const active = choices.people.filter((person) => person.active);
  const typed = (prefix: string, fields: readonly string[]) => f.refused && fields.some((field) => field !== 'kind' && field !== 'platform' && field !== 'ownership' && f.value(`${prefix}.${field}`) !== '');
  return f.form(
    { action: '/incidents/new', className: 'card case-form', testid: 'new-incident-form' },
    html`<fieldset><legend>${t.t('case.incident')}</legend>
    ${f.input('title', t.t('incidents.titleCol'), { required: true, maxlength: 200 })}
    ${f.textarea('summary', t.t('incidents.summary'), { maxlength: 20000, attributes: html` rows="3"` })}
    <div class="fields">
      ${f.select('severity', t.t('incidents.severity'), SEVERITIES.map((severity) => [severity, t.word('severity', severity)]), { initial: 'medium' })}
      ${f.input('openedAt', t.t('case.openedAt'), { type: 'datetime-local', hint: t.t('form.whenHint', { zone: t.timeZone }) })}
      ${f.input('tags', t.t('incident.tags'), { maxlength: 1100, hint: t.t('case.tagsHint') })}
    </div>
    <div class="fields">
      ${f.select('ownerId', t.t('incident.owner'), active.map((person) => [person.id, person.name]), { initial: me })}
      ${f.select('backupOwnerId', t.t('incident.backupOwner'), [['', t.t('incident.nobody')], ...active.map((person) => [person.id, person.name] as const)])}
    </div>
  </fieldset>
  <fieldset><legend>${t.t('incident.counterpart')}</legend>
    ${f.select('counterpartId', t.t('case.pickParty'), [['', t.t('case.noParty')], ...choices.parties.map((party) => [party.id, partyLabel(party)] as const)])}
    ${disclosure(page, { summary: t.t('case.newParty'), forms: [], open: typed('party', PARTY_FIELDS), className: 'action' }, partyFields(page, f, 'party.', undefined, 'counterpartId'))}
  </fieldset>
  <fieldset><legend>${t.t('case.post')}</legend>
    ${f.select('postIds', t.t('case.pickPost'), [['', t.t('case.noPost')], ...choices.posts.map((post) => [post.id, postLabel(post)] as const)])}
    ${disclosure(
      page,
      { summary: t.t('case.newPost'), forms: [], open: typed('post', POST_FIELDS), className: 'action' },
      html`<div class="fields" data-instead-of="${f.controlId('postIds')}">
      ${f.select('post.platform', t.t('case.postPlatform'), PLATFORMS.map((platform) => [platform, t.word('platform', platform)]), { initial: 'blog' })}
      ${f.select('post.ownership', t.t('case.postOwnership'), OWNERSHIPS.map((ownership) => [ownership, t.word('ownership', ownership)]), { initial: 'own' })}
      ${f.input('post.url', t.t('case.postUrl'), { type: 'url', maxlength: 2048, attributes: html` placeholder="https://"` })}
      ${f.input('post.title', t.t('case.postTitle'), { maxlength: 300 })}
    </div>`,
    )}
  </fieldset>
  <p><button type="submit">${t.t('case.open')}</button></p>`,
  );
}

export function newIncidentPage(page: PageContext, choices: CaseChoices): Html {
  return layout(page, { title: page.t.t('incidents.new'), section: 'incidents', main: newIncidentForm(page, choices) });
}

/** Incidents about a party or a post, most recently opened first. */
function incidentList(page: PageContext, incidents: IncidentView[]): Html {
  const { t } = page;
  if (!incidents.length) return html`<p>${t.t('case.noIncidents')}</p>`;
  return html`<ul>${incidents.map((incident) => html`<li><a href="/incidents/${incident.id}">${incident.ref} · ${incident.title}</a> · ${t.word('state', incident.state)}</li>`)}</ul>`;
}

export function partiesPage(page: PageContext, q: string, parties: PartyView[]): Html {
  const { t } = page;
  return layout(page, {
    title: t.t('parties.title'),
    section: 'parties',
    main: html`<form method="get" action="/parties" role="search" class="card fields">
  <p><label for="parties-q">${t.t('parties.search')}</label><input id="parties-q" name="q" type="search" maxlength="200" value="${q}"></p>
  <p><button type="submit">${t.t('search.submit')}</button></p>
</form>
${parties.length ? '' : html`<p>${t.t('parties.empty')}</p>`}
<div class="table-wrap"><table class="stack">
  <thead><tr><th scope="col">${t.t('case.partyName')}</th><th scope="col">${t.t('case.partyKind')}</th><th scope="col">${t.t('case.partyOrganisation')}</th><th scope="col">${t.t('case.partyEmail')}</th></tr></thead>
  <tbody>${parties.map(
    (party) =>
      html`<tr data-testid="party-row"><td data-label="${t.t('case.partyName')}"><a href="/parties/${party.id}">${party.name}</a></td><td data-label="${t.t('case.partyKind')}">${t.word('partyKind', party.kind)}</td><td data-label="${t.t('case.partyOrganisation')}">${party.organisation ?? ''}</td><td data-label="${t.t('case.partyEmail')}">${party.email ?? ''}</td></tr>`,
  )}</tbody>
</table></div>`,
  });
}

/** Correct a party: every field, an emptied one cleared. */
export function partyForm(page: PageContext, party: PartyView): Html {
  const { t } = page;
  const f = formView(page, 'party');
  return f.form(
    { action: `/parties/${party.id}`, className: 'card case-form', testid: 'party-form' },
    html`${partyFields(page, f, '', party)}
    ${f.textarea('postalAddress', t.t('case.partyAddress'), { maxlength: 1000, initial: party.postalAddress ?? '', attributes: html` rows="2"` })}
    ${f.textarea('notes', t.t('case.partyNotes'), { maxlength: 10000, initial: party.notes ?? '', attributes: html` rows="3"` })}
    <p><button type="submit">${t.t('admin.save')}</button></p>`,
  );
}

function partyFacts(page: PageContext, party: PartyView): Html {
  const { t } = page;
  return html`<dl class="facts card">
  <dt>${t.t('case.partyKind')}</dt><dd>${t.word('partyKind', party.kind)}</dd>
  ${party.organisation ? html`<dt>${t.t('case.partyOrganisation')}</dt><dd>${party.organisation}</dd>` : ''}
  ${party.email ? html`<dt>${t.t('case.partyEmail')}</dt><dd>${party.email}</dd>` : ''}
  ${party.url ? html`<dt>${t.t('case.partyUrl')}</dt><dd>${party.url}</dd>` : ''}
  ${party.postalAddress ? html`<dt>${t.t('case.partyAddress')}</dt><dd>${party.postalAddress}</dd>` : ''}
  ${party.notes ? html`<dt>${t.t('case.partyNotes')}</dt><dd>${party.notes}</dd>` : ''}
</dl>`;
}

export function partyPage(page: PageContext, party: PartyView, incidents: IncidentView[], canWrite: boolean, notice?: string): Html {
  const { t } = page;
  return layout(page, {
    title: party.name,
    section: 'parties',
    ...(notice ? { notice } : {}),
    main: html`${canWrite && !party.erasedAt ? partyForm(page, party) : partyFacts(page, party)}
<section class="card" aria-labelledby="party-incidents"><h2 id="party-incidents">${t.t('case.partyIncidents')}</h2>${incidentList(page, incidents)}</section>
${partyRightsPart(page, party)}`,
  });
}

/** Correct a post: where it is, whose it is, what it is called, and whether it should be indexed. */
export function postForm(page: PageContext, post: PostView): Html {
  const { t } = page;
  const f = formView(page, 'post');
  return f.form(
    { action: `/posts/${post.id}`, className: 'card case-form', testid: 'post-form' },
    html`<div class="fields">
      ${f.select('platform', t.t('case.postPlatform'), PLATFORMS.map((platform) => [platform, t.word('platform', platform)]), { initial: post.platform })}
      ${f.select('ownership', t.t('case.postOwnership'), OWNERSHIPS.map((ownership) => [ownership, t.word('ownership', ownership)]), { initial: post.ownership })}
      ${f.select('indexing.desired', t.t('case.postIndexing'), INDEXING_DESIRED.map((desired) => [desired, t.word('indexing', desired)]), { initial: post.indexing.desired })}
    </div>
    ${f.input('url', t.t('case.postUrl'), { type: 'url', required: true, maxlength: 2048, initial: post.url })}
    ${f.input('title', t.t('case.postTitle'), { maxlength: 300, initial: post.title ?? '' })}
    <div class="fields">
      ${f.input('authorName', t.t('case.postAuthor'), { maxlength: 200, initial: post.authorName ?? '' })}
      ${f.input('publishedAt', t.t('case.postPublished'), { type: 'datetime-local', initial: post.publishedAt ? t.inputValue(post.publishedAt) : '', hint: t.timeZone })}
    </div>
    <p><button type="submit">${t.t('admin.save')}</button></p>`,
  );
}

export function postPage(page: PageContext, post: PostView, incidents: IncidentView[], canWrite: boolean): Html {
  const { t } = page;
  return layout(page, {
    title: post.title ?? post.url,
    main: html`<p><a href="${post.url}" rel="noopener noreferrer">${post.url}</a></p>
<dl class="facts card">
  <dt>${t.t('case.postPlatform')}</dt><dd>${t.word('platform', post.platform)} · ${t.word('ownership', post.ownership)}</dd>
  <dt>${t.t('case.postObserved')}</dt><dd>${t.word('indexing', post.indexing.observed)}${post.indexing.observedAt ? html` · ${t.dateTime(post.indexing.observedAt)}` : ''}</dd>
</dl>
${canWrite ? postForm(page, post) : ''}
<section class="card" aria-labelledby="post-incidents"><h2 id="post-incidents">${t.t('case.postIncidents')}</h2>${incidentList(page, incidents)}</section>`,
  });
}
