import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CommentsService } from '../comments/comments.service.js';
import type { CommentView } from '../comments/comment.dto.js';
import { badRequest, refusal } from '../common/problem.js';
import { actorId, type Actor } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { BrowserLauncher } from '../evidence/browser.js';
import { Translator } from '../i18n/i18n.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { NoticeDecisionsService } from '../legal-notices/notice-decisions.service.js';
import { PostsService } from '../posts/posts.service.js';
import { SettingsTimelineService } from '../settings/settings-timeline.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { people } from '../users/people.js';
import './letter-events.js';
import { fillTemplate, templateProblems } from './letter-fill.js';
import { letterDocument, letterText, type FilledLetter } from './letter-html.js';
import { CHANNEL_OF_VIA, isLetterKey, LETTER_LANGUAGES, PENDING_PLACEHOLDERS, PLACEHOLDERS, REFUSAL_GROUNDS, type LetterKey, type LetterLanguage } from './letter-kinds.js';
import { LetterTemplate } from './letter-template.entity.js';
import { letterValues } from './letter-values.js';
import { LetterTemplatesView, LetterTemplateView, type LetterOptionsDto, type MarkLetterSentDto, type UpdateLetterTemplateDto } from './letter.dto.js';

/** What a letter is made of besides its template: its language, its date, and the refusal's grounds. */
export interface LetterRequest extends LetterOptionsDto {
  language: LetterLanguage;
  date?: Date;
}

/**
 * Letters answering a legal notice: templates kept as data (seeded in
 * French and English, edited by admins), filled from the record, printed
 * (HTML, PDF through the dossier's Chromium printer), and logged as an
 * outbound message of the incident once sent. Calumet fills and prints; a
 * person decides, completes and signs.
 */
@Injectable()
export class LettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly timeline: TimelineService,
    private readonly settings: SettingsTimelineService,
    private readonly notices: LegalNoticesService,
    private readonly decisions: NoticeDecisionsService,
    private readonly incidents: IncidentsService,
    private readonly posts: PostsService,
    private readonly comments: CommentsService,
    private readonly browsers: BrowserLauncher,
    private readonly config: AppConfig,
  ) {}

  async list(): Promise<LetterTemplatesView> {
    const templates = await this.dataSource.manager.find(LetterTemplate, { order: { key: 'ASC', language: 'ASC' } });
    return { items: templates.map(LetterTemplateView.of), placeholders: [...PLACEHOLDERS], pending: [...PENDING_PLACEHOLDERS], refusalGrounds: [...REFUSAL_GROUNDS] };
  }

  /** Rewrites a template (admin): refused, with nothing written, when it names a placeholder Calumet cannot fill; the change and the text it replaced go to the settings' timeline. */
  async update(actor: Actor, key: string, language: string, dto: UpdateLetterTemplateDto): Promise<LetterTemplateView> {
    const problems = [...templateProblems('subject', dto.subject), ...templateProblems('body', dto.body)];
    if (problems.length) throw badRequest(...problems);
    return this.transactions.run(async (tx) => {
      const template = await this.template(tx.manager, key, language);
      const previous = { previousSubject: template.subject, previousBody: template.body };
      Object.assign(template, { subject: dto.subject, body: dto.body, updatedBy: actorId(actor) === 'system' ? null : actorId(actor), updatedAt: new Date() });
      await tx.manager.save(LetterTemplate, template);
      await this.settings.append(tx, actor, 'letter_template.changed', { key: template.key, language: template.language, ...previous });
      return LetterTemplateView.of(template);
    });
  }

  /** The letter filled from the notice, its incident, its parties and content, the letterhead and the person asking. */
  async fill(actor: Actor, noticeId: string, key: string, request: LetterRequest): Promise<FilledLetter> {
    const template = await this.template(this.dataSource.manager, key, request.language);
    const { notice, incident, parties } = await this.notices.folder(actor, noticeId);
    const party = (id: string | null) => parties.find((found) => found.id === id) ?? null;
    const recipient = party(notice.senderPartyId);
    const target = notice.demands.find((demand) => demand.targetUrl)?.targetUrl ?? null;
    const post = target ? null : (await this.posts.ofIds(this.dataSource.manager, (await this.incidents.postIdsOf(this.dataSource.manager, [incident.id])).get(incident.id) ?? []))[0];
    const signatory = actor.kind === 'user' ? ((await people.one(this.dataSource.manager, actor.id))?.name ?? '') : '';
    const latest = (await this.decisions.list(notice.id)).at(-1) ?? null;
    const t = new Translator(request.language, this.config.timeZone);
    const values = letterValues(
      {
        notice: {
          ref: notice.ref,
          receivedAt: notice.receivedAt,
          sentAt: notice.sentAt,
          summary: notice.summary,
          requestedReply: notice.requestedReply,
          demands: notice.demands,
          trackingNumber: notice.registeredMail?.trackingNumber ?? null,
        },
        incidentRef: incident.ref,
        recipient,
        onBehalfOf: party(notice.onBehalfOfPartyId),
        content: target ? { title: null, url: target } : post ? { title: post.title, url: post.url } : null,
        letterhead: this.config.letterhead,
        signatory,
        date: request.date ?? new Date(),
        grounds: request.grounds ?? [],
        groundsNote: request.groundsNote ?? null,
        decision: latest
          ? {
              kind: latest.kind,
              decisionGround: latest.decisionGround,
              legalGround: latest.illegalContentLegalGround ?? latest.incompatibleContentGround,
              explanation: latest.illegalContentExplanation ?? latest.incompatibleContentExplanation,
              automatedDetection: latest.automatedDetection,
              automatedDecision: latest.automatedDecision,
            }
          : null,
      },
      t,
    );
    const subject = fillTemplate(template.subject, values);
    return {
      key: template.key,
      language: template.language,
      noticeId: notice.id,
      incidentId: incident.id,
      noticeRef: notice.ref,
      name: t.t(`letters.name.${template.key}`),
      // An address the record or the configuration does not hold is marked to be completed, as every other value: a
      // registered letter goes nowhere without the recipient's, and the signatory sees what to write.
      letterhead: { name: values.organisationName, address: values.organisationAddress },
      recipient: { name: values.recipientName, address: values.recipientAddress },
      dateLine: t.t('letters.dateLine', { date: values.today }),
      referenceLine: t.t('letters.ourReference', { incident: incident.ref, notice: notice.ref }),
      subjectLine: t.t('letters.subjectLine', { subject }),
      subject,
      body: fillTemplate(template.body, values),
    };
  }

  /** The letter printed by Chromium (the dossier's printer), A4, its reference and page numbers in the footer. */
  async pdf(letter: FilledLetter): Promise<{ fileName: string; pdf: Buffer }> {
    return { fileName: `${letter.noticeRef}-${letter.key}-${letter.language}.pdf`, pdf: await this.browsers.printPdf(letterDocument(letter), `${letter.noticeRef} — ${letter.name}`) };
  }

  /**
   * Records a letter as sent: its text (dated the day it went out) becomes an
   * outbound message of the incident, answering the message that carried the
   * notice if there is one, and `letter.sent` joins the timeline, in one unit
   * of work.
   */
  async markSent(actor: Actor, noticeId: string, key: string, dto: MarkLetterSentDto): Promise<CommentView> {
    const letter = await this.fill(actor, noticeId, key, { ...dto, date: dto.sentAt });
    const notice = await this.notices.get(actor, noticeId);
    const channel = CHANNEL_OF_VIA[dto.via];
    return this.transactions.run(async (tx) => {
      const comment = await this.comments.add(tx, actor, letter.incidentId, {
        direction: 'outbound',
        channel,
        postedAt: dto.sentAt,
        body: letterText(letter),
        ...(notice.commentId ? { parentId: notice.commentId } : {}),
      });
      await this.timeline.append(tx, letter.incidentId, actor, 'letter.sent', {
        noticeId,
        ref: letter.noticeRef,
        letter: letter.key,
        language: letter.language,
        via: dto.via,
        channel,
        commentId: comment.id,
        sentAt: dto.sentAt.toISOString(),
        trackingNumber: dto.trackingNumber ?? null,
      });
      return comment;
    });
  }

  private async template(manager: EntityManager, key: string, language: string): Promise<LetterTemplate> {
    const found = isLetterKey(key) && (LETTER_LANGUAGES as readonly string[]).includes(language) ? await manager.findOneBy(LetterTemplate, { key: key as LetterKey, language: language as LetterLanguage }) : null;
    if (!found) throw refusal(HttpStatus.NOT_FOUND, 'letter.unknownTemplate', `there is no letter ${key} in ${language}`, { values: { key, language } });
    return found;
  }
}
