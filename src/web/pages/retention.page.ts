import { Duration } from 'luxon';
import { html, type Html } from '../../common/html.js';
import type { RemovalView, RetentionCandidateView, RetentionDueView, RetentionRuleView } from '../../retention/retention.dto.js';
import { formView } from '../form-view.js';
import type { PageContext } from '../web-context.js';
import { layout } from './layout.js';

export interface RetentionPageData {
  due: RetentionDueView;
  removals: RemovalView[];
  /** Who purged, by user id. */
  people: Record<string, string>;
}

/** A rule's period in the reader's words: "6 years", « 6 ans ». */
const period = (page: PageContext, rule: RetentionRuleView) => Duration.fromISO(rule.period).reconfigure({ locale: page.t.locale }).toHuman();

function ruleSentence(page: PageContext, rule: RetentionRuleView): string {
  return page.t.t('retention.rule', { state: page.t.word('state', rule.state), period: period(page, rule) });
}

/** Why an incident is held back, each reason in the reader's words. */
function heldBackWhy(page: PageContext, candidate: RetentionCandidateView): Html {
  const { t } = page;
  return html`<ul>${candidate.heldBack.map((reason) =>
    html`<li>${reason.code === 'legalHold' ? t.t('retention.heldLegalHold', { reason: reason.reason ?? reason.detail }) : t.t('retention.heldOpenItems', { count: reason.count ?? 1 })}</li>`,
  )}</ul>`;
}

/** The purge of what the list shows: each incident ticked, and a confirmation the browser asks for before anything is sent. */
export function purgeForm(page: PageContext, due: RetentionCandidateView[]): Html {
  const { t } = page;
  const f = formView(page, 'purge');
  const ticked = new Set(f.values('incidentIds'));
  return f.form(
    { action: '/admin/retention/purge', testid: 'purge-form', attributes: html` hx-confirm="${t.t('retention.purgeConfirm')}"` },
    html`<div class="table-wrap"><table class="stack" data-testid="due-table">
    <caption class="visually-hidden">${t.t('retention.due')}</caption>
    <thead><tr><th scope="col">${t.t('retention.choose')}</th><th scope="col">${t.t('retention.incident')}</th><th scope="col">${t.t('retention.since')}</th><th scope="col">${t.t('retention.dueAt')}</th></tr></thead>
    <tbody>
    ${due.map(
      (candidate) => html`<tr data-testid="due-row" data-id="${candidate.incidentId}">
      <td data-label="${t.t('retention.choose')}"><p class="check"><input id="purge-${candidate.incidentId}" name="incidentIds" type="checkbox" value="${candidate.incidentId}"${ticked.has(candidate.incidentId) ? html` checked` : ''}><label for="purge-${candidate.incidentId}">${t.t('retention.chooseOne', { ref: candidate.ref })}</label></p></td>
      <td data-label="${t.t('retention.incident')}"><a href="/incidents/${candidate.incidentId}">${candidate.ref}</a> ${candidate.title}</td>
      <td data-label="${t.t('retention.since')}">${t.t('retention.sinceWhen', { state: t.word('state', candidate.state), when: t.date(candidate.since) })}</td>
      <td data-label="${t.t('retention.dueAt')}">${t.date(candidate.dueAt)}</td>
    </tr>`,
    )}
    </tbody>
  </table></div>
    ${f.checkbox('confirm', t.t('retention.understand'), { said: t.t('field.confirm') })}
    <p><button type="submit">${t.t('retention.purge')}</button></p>`,
  );
}

/**
 * /admin/retention: the rules in force, what is due for purge (ticked by an
 * admin, then purged), what is held back and why, and the removals already
 * recorded. Nothing is removed without an admin having seen this list,
 * unless RETENTION_AUTO says the worker may.
 */
export function retentionPage(page: PageContext, data: RetentionPageData, notice?: string): Html {
  const { t } = page;
  const { due } = data;
  return layout(page, {
    title: t.t('retention.title'),
    section: 'admin',
    ...(notice ? { notice } : {}),
    main: html`<section class="card" aria-labelledby="retention-heading">
  <h2 id="retention-heading">${t.t('retention.title')}</h2>
  <p>${t.t('retention.intro')}</p>
  ${due.rules.length ? html`<ul data-testid="retention-rules">${due.rules.map((rule) => html`<li>${ruleSentence(page, rule)}</li>`)}</ul>` : html`<p data-testid="retention-rules">${t.t('retention.noRule')}</p>`}
  <p data-testid="retention-auto">${due.auto ? t.t('retention.autoOn') : t.t('retention.autoOff')}</p>
</section>
<section class="card" aria-labelledby="due-heading">
  <h2 id="due-heading">${t.t('retention.due')}</h2>
  ${due.due.length ? purgeForm(page, due.due) : html`<p data-testid="due-empty">${t.t('retention.dueEmpty')}</p>`}
  ${due.more ? html`<p>${t.t('retention.more')}</p>` : ''}
</section>
<section class="card" aria-labelledby="held-heading">
  <h2 id="held-heading">${t.t('retention.held')}</h2>
  ${
    due.heldBack.length
      ? html`<div class="table-wrap"><table class="stack" data-testid="held-table">
    <thead><tr><th scope="col">${t.t('retention.incident')}</th><th scope="col">${t.t('retention.dueAt')}</th><th scope="col">${t.t('retention.why')}</th></tr></thead>
    <tbody>${due.heldBack.map(
      (candidate) => html`<tr data-testid="held-row" data-id="${candidate.incidentId}">
      <td data-label="${t.t('retention.incident')}"><a href="/incidents/${candidate.incidentId}">${candidate.ref}</a> ${candidate.title}</td>
      <td data-label="${t.t('retention.dueAt')}">${t.date(candidate.dueAt)}</td>
      <td data-label="${t.t('retention.why')}">${heldBackWhy(page, candidate)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
      : html`<p>${t.t('retention.heldEmpty')}</p>`
  }
</section>
<section class="card" aria-labelledby="removals-heading">
  <h2 id="removals-heading">${t.t('retention.removals')}</h2>
  <p>${t.t('retention.removalsIntro')}</p>
  ${
    data.removals.length
      ? html`<ul data-testid="removals">${data.removals.map(
          (removal) =>
            html`<li>${t.t(removal.type === 'incident.purged' ? 'retention.removalPurged' : 'retention.removalDeleted', {
              ref: removal.ref,
              when: t.dateTime(removal.at),
              actor: data.people[removal.actor] ?? removal.actor,
              head: removal.head ? `${removal.head.seq} · ${removal.head.hash.slice(0, 16)}…` : '—',
            })}</li>`,
        )}</ul>`
      : html`<p>${t.t('retention.removalsEmpty')}</p>`
  }
</section>`,
  });
}
