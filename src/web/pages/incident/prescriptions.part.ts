import { html, type Html } from '../../../common/html.js';
import { periodWords } from '../../../deadlines/deadline-words.js';
import type { IncidentPrescriptionView } from '../../../incidents/prescriptions.registry.js';
import { PRESS_GROUNDS_65_3, PRESS_OFFENCES } from '../../../prescriptions/prescription.types.js';
import { formView } from '../../form-view.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { abilities, incidentPath, type IncidentPageData } from './page-data.js';

const EXCERPT = 80;

/** A message by a few words: its author and its start. */
const commentLabel = (comment: { authorName: string | null; body: string }): string =>
  `${comment.authorName ? `${comment.authorName} — ` : ''}${comment.body.slice(0, EXCERPT)}${comment.body.length > EXCERPT ? '…' : ''}`;

/** A message or post by a few words: the message's start, the post's title or address. */
function subjectLabel(data: IncidentPageData, type: 'comment' | 'post', id: string): string {
  if (type === 'comment') {
    const comment = data.dossier.thread.find((item) => item.id === id);
    return comment ? commentLabel(comment) : id;
  }
  const post = data.dossier.posts.find((item) => item.id === id);
  return post ? (post.title ?? post.url) : id;
}

/**
 * The side column's press-law prescriptions: each marked message or post
 * with the date its action is time-barred, the rule and the warning that a
 * formal notice does not interrupt it; a way to mark one and to remove a mark.
 */
export function prescriptionsPart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const marks = data.dossier.incident.prescriptions;
  const { write } = abilities(page);
  return html`<section class="card side-part" aria-labelledby="prescriptions-heading" id="prescriptions" data-live-part>
  <h2 id="prescriptions-heading">${t.t('prescription.heading')}</h2>
  ${marks.length ? html`<p class="warning" data-testid="prescription-warning">${t.t('prescription.warning')}</p>` : html`<p>${t.t('prescription.none')}</p>`}
  <ul class="side-list">
  ${marks.map((mark) => prescriptionCard(page, data, mark, write))}
  </ul>
  ${write ? disclosure(page, { summary: t.t('prescription.mark'), forms: ['prescription'] }, prescriptionForm(page, data)) : ''}
</section>`;
}

function prescriptionCard(page: PageContext, data: IncidentPageData, mark: IncidentPrescriptionView, write: boolean): Html {
  const { t } = page;
  const label = subjectLabel(data, mark.subjectType, mark.subjectId);
  return html`<li data-testid="prescription" id="prescription-${mark.id}">
    <p class="item-head"><strong>${t.word('pressOffence', mark.offence)}</strong>${mark.ground ? html` <span class="badge">${t.word('pressGround', mark.ground)}</span>` : ''}</p>
    <p>${t.t('prescription.subject', { subject: mark.subjectType, label })}</p>
    <p class="meta">${
      mark.prescribesAt
        ? html`<strong><time datetime="${mark.prescribesAt}">${t.t('prescription.when', { when: t.dateTime(mark.prescribesAt) })}</time></strong><br>${t.t('prescription.basis', {
            period: periodWords(t, mark.ground ? 'P1Y' : 'P3M'),
            published: t.dateTime(mark.publishedAt),
            reference: mark.reference ?? '',
          })}`
        : t.t('prescription.noRule')
    }</p>
    ${write ? disclosure(page, { summary: html`${t.t('prescription.remove')}<span class="visually-hidden"> ${label}</span>`, forms: [`prescription-remove-${mark.id}`], className: 'menu' }, removeForm(page, mark)) : ''}
  </li>`;
}

/** Remove a mark, saying why. */
export function removeForm(page: PageContext, mark: Pick<IncidentPrescriptionView, 'id'>): Html {
  const { t } = page;
  const f = formView(page, `prescription-remove-${mark.id}`);
  return f.form(
    { action: `/prescriptions/${mark.id}/remove`, className: 'fields', testid: 'prescription-remove-form' },
    html`${f.input('reason', t.t('prescription.removeReason'), { required: true, maxlength: 1000 })}
    <p><button type="submit" class="secondary">${t.t('prescription.removeSubmit')}</button></p>`,
  );
}

/** Mark a message or post of the incident: which, the offence, an art. 65-3 ground, when it was published (its own date by default), a note. */
export function prescriptionForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const f = formView(page, 'prescription');
  const subjects = [
    ...data.dossier.thread.filter((comment) => comment.status !== 'deleted').map((comment) => [`comment:${comment.id}`, `${t.word('markSubject', 'comment')} · ${commentLabel(comment)}`] as const),
    ...data.dossier.posts.map((post) => [`post:${post.id}`, `${t.word('markSubject', 'post')} · ${post.title ?? post.url}`] as const),
  ];
  return f.form(
    { action: incidentPath(data, '/prescriptions'), testid: 'prescription-form' },
    html`${f.select('subjectId', t.t('prescription.subjectLabel'), subjects, { required: true })}
    ${f.select('offence', t.t('field.offence'), PRESS_OFFENCES.map((offence) => [offence, t.word('pressOffence', offence)]))}
    ${f.select('ground', t.t('field.ground'), [['', t.t('prescription.groundNone')], ...PRESS_GROUNDS_65_3.map((ground) => [ground, t.word('pressGround', ground)] as const)])}
    ${f.input('publishedAt', t.t('field.publishedAt'), { type: 'datetime-local', hint: t.t('prescription.publishedAtHint') })}
    ${f.textarea('note', t.t('field.note'), { maxlength: 2000, attributes: html` rows="2"` })}
    <p><button type="submit">${t.t('prescription.markSubmit')}</button></p>`,
  );
}
