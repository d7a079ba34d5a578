import type { EvidenceView } from '../../../evidence/evidence.dto.js';
import type { LegalNoticeView } from '../../../legal-notices/legal-notice.dto.js';
import type { DossierEvidenceView } from '../../../dossier/dossier.dto.js';
import { formView } from '../../form-view.js';
import { html, type Html } from '../../../common/html.js';
import type { PageContext } from '../../web-context.js';
import { disclosure } from '../disclosure.js';
import { sizeInWords } from '../sizes.js';
import { incidentPath, personName, type IncidentPageData } from './page-data.js';

/** What the evidence form keeps: text typed in, a page fetched now, a page captured by a browser, a file. */
export const EVIDENCE_FORM_KINDS = ['text', 'url_capture', 'page_capture', 'file'] as const;

/**
 * The side column's evidence, for the readers who may see it (legal and
 * admin; nothing for others): each piece with its SHA-256 and a way to get
 * it, a browser capture with its progress and then its zip; and a way to
 * keep more.
 */
export function evidencePart(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const evidence = data.evidence;
  if (!evidence) return html``;
  return html`<section class="card side-part" aria-labelledby="evidence-heading" id="evidence-part" data-live-part>
  <h2 id="evidence-heading">${t.t('incident.evidence')}</h2>
  ${evidence.length ? '' : html`<p>${t.t('incident.evidenceEmpty')}</p>`}
  <ul class="side-list">
  ${evidence.map((item) => evidenceItem(page, data, item))}
  </ul>
  ${disclosure(page, { summary: t.t('evidence.add'), forms: ['evidence'] }, evidenceForm(page, data))}
</section>`;
}

function evidenceItem(page: PageContext, data: IncidentPageData, item: EvidenceView): Html {
  // The notice it was kept for (a bailiff's report for a formal notice, say), as the form chose it and the dossier says it.
  const notice = item.linkedNoticeId ? data.dossier.notices.find((candidate) => candidate.id === item.linkedNoticeId) : undefined;
  return html`<li data-testid="evidence" id="evidence-${item.id}" data-kind="${item.kind}" data-status="${item.status}">
    ${evidenceEntry(page, item, { who: personName(page, data, item.capturedBy), checked: data.dossier.evidence?.find((kept) => kept.id === item.id)?.content, notice })}
  </li>`;
}

/**
 * One piece of evidence as the incident's page and a notice's page show it: its kind and state, where it came from,
 * who kept it when, the notice it was kept for (when given), its SHA-256 and a way to get it.
 */
export function evidenceEntry(page: PageContext, item: EvidenceView, facts: { who: string; checked?: DossierEvidenceView['content']; notice?: { id: string; ref: string; type: LegalNoticeView['type'] } }): Html {
  const { t } = page;
  const source = item.sourceUrl ? html`<a href="${item.sourceUrl}" rel="noopener noreferrer" class="url">${item.sourceUrl}</a>` : (item.fileName ?? '');
  const { checked, notice } = facts;
  return html`<p class="item-head"><strong>${t.word('evidenceKind', item.kind)}</strong>${item.status === 'captured' ? '' : html` <span class="badge${item.status === 'failed' ? ' red' : ' amber'}">${t.word('evidenceStatus', item.status)}</span>`}${
    checked && checked !== 'intact' ? html` <span class="badge red">${t.t(`evidence.content.${checked}`)}</span>` : ''
  }</p>
    ${source ? html`<p>${source}</p>` : ''}
    <p class="meta">${t.t('evidence.captured', { when: t.dateTime(item.capturedAt), who: facts.who })}${item.status === 'captured' ? html` · ${sizeInWords(t, item.size)}` : ''}${item.httpStatus ? html` · ${t.t('commitment.httpStatus', { status: item.httpStatus })}` : ''}</p>
    ${item.note ? html`<p>${item.note}</p>` : ''}
    ${notice ? html`<p data-testid="evidence-notice">${t.t('evidence.linkedNotice')} <a href="/legal-notices/${notice.id}">${notice.ref}</a> · ${t.word('noticeType', notice.type)}</p>` : ''}
    ${item.status === 'pending' ? html`<p class="progress" role="status" data-testid="capture-pending">${t.t('evidence.capturing')}</p>` : ''}
    ${item.status === 'failed' ? html`<p class="error" data-testid="capture-failed">${t.t('evidence.failed', { error: item.error ?? '' })}</p>` : ''}
    ${
      item.status === 'captured'
        ? html`<p class="hash" data-testid="evidence-sha256">SHA-256 ${item.sha256}</p>
    <p>${
      item.kind === 'page_capture'
        ? html`<a href="/evidence/${item.id}/bundle" data-testid="bundle-download" download>${t.t('evidence.bundle', { parts: item.parts?.length ?? 0 })}</a>`
        : html`<a href="/evidence/${item.id}/content" data-testid="evidence-download" download>${t.t('evidence.download')}</a>`
    }</p>`
        : ''
    }`;
}

/** Keep evidence: text typed in, a page fetched now, a page captured by a browser (in the background), or a file. */
export function evidenceForm(page: PageContext, data: IncidentPageData): Html {
  const { t } = page;
  const f = formView(page, 'evidence');
  const notices = data.dossier.notices;
  return f.form(
    { action: incidentPath(data, '/evidence'), testid: 'evidence-form', multipart: true },
    html`${f.select('kind', t.t('evidence.kind'), EVIDENCE_FORM_KINDS.map((kind) => [kind, t.t(`evidence.kind.${kind}`)]), { initial: 'page_capture' })}
    ${f.input('url', t.t('evidence.url'), { type: 'url', maxlength: 2048, hint: t.t('evidence.urlHint') })}
    ${f.textarea('text', t.t('evidence.text'), { hint: t.t('evidence.textHint'), attributes: html` rows="3"` })}
    ${f.input('file', t.t('evidence.file'), { type: 'file', hint: t.t('evidence.fileHint') })}
    ${f.input('note', t.t('evidence.note'), { maxlength: 5000 })}
    ${notices.length ? f.select('linkedNoticeId', t.t('evidence.linkedNotice'), [['', t.t('evidence.noNotice')], ...notices.map((notice) => [notice.id, `${notice.ref} · ${t.word('noticeType', notice.type)}`] as const)]) : ''}
    <p><button type="submit">${t.t('evidence.submit')}</button></p>`,
  );
}
