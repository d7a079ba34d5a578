import { statedDeadlineEnd } from '../../../deadlines/deadline-calculator.js';
import type { DsaNoticeView, LegalNoticeView } from '../../../legal-notices/legal-notice.dto.js';
import { dsaNoticeWords } from '../../../legal-notices/dsa-notice-words.js';
import type { NoticeFolder } from '../../../legal-notices/legal-notices.service.js';
import type { PartyView } from '../../../parties/party.dto.js';
import type { UserView } from '../../../users/user.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { deadlineBadge } from '../badges.js';
import { layout } from '../layout.js';
import { basisText, warningText } from './notice-words.js';
import type { NoticeDecisionView } from '../../../legal-notices/notice-decision.dto.js';
import { decisionsPart } from './decision.part.js';
import type { EvidenceView } from '../../../evidence/evidence.dto.js';
import { evidenceEntry } from '../incident/evidence.part.js';

/** How a notice's page and card name people and parties. */
export interface NoticeNames {
  party(id: string | null): PartyView | undefined;
  person(id: string | null): string;
  /** The date of the incident's content a notice's clock reads when the notice gives none (latestPublication of its posts). */
  postPublishedAt: string | null;
}

/** Where a notice's forms send the reader back after they did their work: the incident's page or the notice's own. */
export type NoticeBack = 'incident' | 'notice';
export const noticeBackPath = (notice: Pick<LegalNoticeView, 'id' | 'incidentId'>, back: NoticeBack): string =>
  back === 'notice' ? `/legal-notices/${notice.id}` : `/incidents/${notice.incidentId}#notice-${notice.id}`;

/** The deadline of a notice: when, how soon, on what basis (or set by hand, and why), and the rule's warnings. */
export function noticeDeadline(page: PageContext, notice: LegalNoticeView): Html {
  const { t } = page;
  const basis = basisText(t, notice);
  return html`<p class="deadline" data-testid="notice-deadline">${
    notice.respondBy
      ? html`${t.t('incident.respondBy', { when: t.dateTime(notice.respondBy) })} ${deadlineBadge(t, notice.respondBy)}${notice.respondByManual ? html` <span class="badge">${t.t('notice.setByHand')}</span>` : ''}`
      : html`${t.t('notice.noDeadline')}${notice.statedDeadline ? html`<br><span data-testid="notice-stated-not-binding">${t.t('notice.statedNotBinding', { when: t.day(notice.statedDeadline) })}</span>` : ''}`
  }${basis ? html`<br><span data-testid="notice-basis">${t.t('notice.basisSaid', { basis })}</span>` : ''}</p>
  ${notice.validity.length ? html`<ul class="warnings" data-testid="notice-warnings">${notice.validity.map((warning) => html`<li>${warningText(t, warning)}</li>`)}</ul>` : ''}`;
}

/** Everything recorded of a notice: how it came, who sent it for whom, when, what it demands, and (for legal) the privileged notes. */
export function noticeFacts(page: PageContext, notice: LegalNoticeView, names: NoticeNames): Html {
  const { t } = page;
  const party = (id: string | null) => {
    const found = names.party(id);
    return found ? html`<a href="/parties/${found.id}">${found.name}</a>${found.organisation ? ` (${found.organisation})` : ''}` : t.t('incident.nobody');
  };
  const when = (value: string | null) => (value ? html`<time datetime="${value}">${t.dateTime(value)}</time>` : '—');
  const day = (value: string | null) => (value ? html`<time datetime="${value}">${t.date(value)}</time>` : '—');
  const mail = notice.registeredMail;
  return html`<dl class="facts notice-facts">
    <dt>${t.t('notice.type')}</dt><dd>${t.word('noticeType', notice.type)}</dd>
    <dt>${t.t('notice.direction')}</dt><dd>${t.word('noticeDirection', notice.direction)}</dd>
    <dt>${t.t('notice.status')}</dt><dd>${t.word('noticeStatus', notice.status)} (${t.dateTime(notice.statusChangedAt)})</dd>
    <dt>${t.t('notice.role.sender')}</dt><dd>${party(notice.senderPartyId)}</dd>
    <dt>${t.t('notice.role.onBehalfOf')}</dt><dd>${party(notice.onBehalfOfPartyId)}</dd>
    <dt>${t.t('notice.role.counsel')}</dt><dd>${party(notice.counselPartyId)}</dd>
    <dt>${t.t('notice.receivedVia')}</dt><dd>${notice.receivedVia ? t.word('receivedVia', notice.receivedVia) : '—'}</dd>
    ${
      mail
        ? html`<dt>${t.t('notice.trackingNumber')}</dt><dd data-testid="tracking-number">${mail.trackingNumber ?? '—'}</dd>
    <dt>${t.t('notice.mailSentAt')}</dt><dd>${day(mail.sentAt)}</dd>
    <dt>${t.t('notice.acknowledgedAt')}</dt><dd>${day(mail.acknowledgedAt)}</dd>`
        : ''
    }
    <dt>${t.t('notice.sentAt')}</dt><dd>${when(notice.sentAt)}</dd>
    <dt>${t.t('notice.receivedAt')}</dt><dd>${when(notice.receivedAt)}</dd>
    <dt>${t.t('notice.statedDeadline')}</dt><dd>${notice.statedDeadline ? html`<time datetime="${notice.statedDeadline}">${t.day(notice.statedDeadline)}</time>` : '—'}</dd>
    <dt>${t.t('notice.contentPublishedAt')}</dt><dd>${
      notice.contentPublishedAt || !names.postPublishedAt ? day(notice.contentPublishedAt) : html`${day(names.postPublishedAt)} (${t.t('notice.contentPublishedAtPost')})`
    }</dd>
    <dt>${t.t('notice.jurisdiction')}</dt><dd>${notice.jurisdiction}</dd>
    <dt>${t.t('notice.legalBasis')}</dt><dd>${notice.legalBasis ?? '—'}</dd>
    <dt>${t.t('notice.actionTaken')}</dt><dd>${t.word('actionTaken', notice.actionTaken)}</dd>
    <dt>${t.t('notice.assignee')}</dt><dd>${names.person(notice.assigneeId)}</dd>
    <dt>${t.t('notice.recorded')}</dt><dd>${t.t('notice.recordedBy', { who: names.person(notice.createdBy), when: t.dateTime(notice.createdAt) })}</dd>
  </dl>
  ${notice.summary ? html`<h3>${t.t('notice.summary')}</h3><p class="text">${notice.summary}</p>` : ''}
  ${notice.requestedReply ? html`<h3>${t.t('notice.requestedReply')}</h3><p class="text">${notice.requestedReply}</p>` : ''}
  ${notice.dsaNotice ? dsaFacts(t, notice.dsaNotice) : ''}
  <h3>${t.t('notice.demands')}</h3>
  ${
    notice.demands.length
      ? html`<ol class="demands" data-testid="notice-demands">${notice.demands.map(
          (demand) => html`<li><strong>${t.word('demandKind', demand.kind)}</strong> — ${demand.description}${demand.targetUrl ? html`<br><a href="${demand.targetUrl}" rel="noopener noreferrer" class="url">${demand.targetUrl}</a>` : ''}</li>`,
        )}</ol>`
      : html`<p>${t.t('notice.noDemands')}</p>`
  }
  ${
    notice.privilegedNotes !== undefined
      ? html`<h3>${t.t('notice.privilegedNotes')}</h3><p class="text privileged" data-testid="privileged-notes">${notice.privilegedNotes || t.t('notice.noNotes')}</p>`
      : ''
  }`;
}

/** Move a notice along its workflow (answered, complied, contested, closed, withdrawn…), saying why. */
export function noticeMoveForm(page: PageContext, notice: LegalNoticeView, back: NoticeBack): Html {
  const { t } = page;
  const f = formView(page, `notice-move-${notice.id}`);
  if (!notice.allowedTransitions.length) return html`<p>${t.t('notice.noMoves')}</p>`;
  return f.form(
    { action: `/legal-notices/${notice.id}/transitions`, testid: 'notice-transition-form' },
    html`${f.hidden('_back', back)}
    <div class="fields">
      ${f.select('to', t.t('notice.moveTo'), notice.allowedTransitions.map((status) => [status, t.word('noticeStatus', status)]))}
      ${f.input('reason', t.t('incident.reason'), { required: true, maxlength: 2000 })}
    </div>
    <p><button type="submit">${t.t('notice.moveSubmit')}</button></p>`,
  );
}

/**
 * Set the deadline by hand, with the reason kept in the timeline. A notice with no deadline whose letter states one
 * offers that day's end (in the desk's zone) and says why: the officer confirms it or types another.
 */
export function deadlineForm(page: PageContext, notice: LegalNoticeView, back: NoticeBack): Html {
  const { t } = page;
  const f = formView(page, `deadline-${notice.id}`);
  const stated = !notice.respondBy && notice.statedDeadline ? statedDeadlineEnd(notice.statedDeadline, t.timeZone) : null;
  return f.form(
    { action: `/legal-notices/${notice.id}/deadline`, testid: 'deadline-form' },
    html`${f.hidden('_back', back)}
    <div class="fields">
      ${f.input('respondBy', t.t('notice.respondByManual'), { type: 'datetime-local', required: true, hint: t.timeZone, initial: notice.respondBy ? t.inputValue(notice.respondBy) : stated ? t.inputValue(stated) : '' })}
      ${f.input('respondByReason', t.t('notice.respondByReason'), { required: true, maxlength: 2000, initial: stated ? t.t('notice.statedReason') : '' })}
    </div>
    <p><button type="submit" class="secondary">${t.t('notice.setDeadline')}</button></p>`,
  );
}

/** A notice's own page: everything recorded of it, its deadline, and (for legal) its moves and a deadline set by hand. */
export function noticePage(page: PageContext, folder: NoticeFolder, people: UserView[], legal: boolean, decisions: NoticeDecisionView[] = [], evidence: EvidenceView[] | null = null): Html {
  const { t } = page;
  const { notice, incident } = folder;
  const names: NoticeNames = {
    party: (id) => folder.parties.find((party) => party.id === id),
    person: (id) => (id === 'system' ? t.t('app.name') : id ? (people.find((person) => person.id === id)?.name ?? id) : t.t('incident.nobody')),
    postPublishedAt: folder.postPublishedAt,
  };
  return layout(page, {
    title: t.t('notice.pageTitle', { ref: notice.ref, type: t.word('noticeType', notice.type) }),
    section: legal ? 'legal' : 'incidents',
    main: html`<p><a href="/incidents/${incident.id}#notice-${notice.id}">${incident.ref} · ${incident.title}</a> · <a href="/legal-notices/${notice.id}/letters" data-testid="notice-letters">${t.t('letters.open')}</a></p>
<div class="notice-page">
<section class="card" aria-labelledby="notice-facts-heading" data-testid="notice-page">
  <h2 id="notice-facts-heading">${t.t('notice.facts')}</h2>
  ${noticeFacts(page, notice, names)}
</section>
<div class="notice-side">
<section class="card" aria-labelledby="notice-deadline-heading">
  <h2 id="notice-deadline-heading">${t.t('notice.deadline')}</h2>
  ${noticeDeadline(page, notice)}
  ${legal ? html`<h3>${t.t('notice.setDeadlineHeading')}</h3>${deadlineForm(page, notice, 'notice')}` : ''}
</section>
${
  legal
    ? html`<section class="card" aria-labelledby="notice-moves-heading">
  <h2 id="notice-moves-heading">${t.t('notice.moves')}</h2>
  ${noticeMoveForm(page, notice, 'notice')}
</section>`
    : ''
}
${decisionsPart(page, notice, decisions, names, legal)}
${evidence ? evidencePart(page, folder, evidence, names) : ''}
</div>
</div>`,
  });
}

/** The evidence kept for the notice (a bailiff's report, a capture of the page it is about), each with its hash and a way to get it. */
function evidencePart(page: PageContext, folder: NoticeFolder, evidence: EvidenceView[], names: NoticeNames): Html {
  const { t } = page;
  return html`<section class="card" aria-labelledby="notice-evidence-heading" data-testid="notice-evidence">
  <h2 id="notice-evidence-heading">${t.t('notice.evidence')}</h2>
  ${
    evidence.length
      ? html`<ul class="side-list">${evidence.map((item) => html`<li id="evidence-${item.id}">${evidenceEntry(page, item, { who: names.person(item.capturedBy) })}</li>`)}</ul>`
      : html`<p>${t.t('notice.evidenceEmpty')}</p>`
  }
  <p><a href="/incidents/${folder.incident.id}#evidence-part">${t.t('notice.evidenceKeep', { ref: folder.incident.ref })}</a></p>
</section>`;
}

/** What the notifier of a notice under the DSA (art. 16) stated on the public form: the addresses, the kind, who (if they said), the good faith. */
function dsaFacts(t: PageContext['t'], facts: DsaNoticeView): Html {
  const said = dsaNoticeWords(t, facts);
  return html`<h3>${t.t('legal.dsa.heading')}</h3>
  <dl class="facts" data-testid="notice-dsa">
    <dt>${t.t('legal.dsa.urls')}</dt><dd>${facts.urls.map((url) => html`<a href="${url}" rel="noopener noreferrer" class="url">${url}</a><br>`)}</dd>
    <dt>${t.t('legal.dsa.category')}</dt><dd>${said.category}</dd>
    <dt>${t.t('legal.dsa.notifier')}</dt><dd>${said.notifier}</dd>
    <dt>${t.t('field.goodFaith')}</dt><dd>${said.goodFaith}</dd>
  </dl>`;
}
