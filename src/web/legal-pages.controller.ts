import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import { attachment } from '../common/attachment.js';
import { hasRole, type Actor } from '../common/roles.js';
import { IdParam, validateAs } from '../common/validation.js';
import { DossierPrinter } from '../dossier/dossier-printer.service.js';
import { CreateEvidenceDto, EvidenceLinksDto } from '../evidence/evidence.dto.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { LegalHoldDto } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { NoticeTransitionDto, type LegalNoticeView } from '../legal-notices/legal-notice.dto.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { DecideNoticeDto } from '../legal-notices/notice-decision.dto.js';
import { NoticeDecisionsService } from '../legal-notices/notice-decisions.service.js';
import { RecordNoticeDto, SetDeadlineDto } from '../legal-notices/record-notice.dto.js';
import { PartiesService } from '../parties/parties.service.js';
import { UsersService } from '../users/users.service.js';
import { answerForm } from './form-answer.js';
import { addressesTyped, fromForm, textOf, type Form } from './forms.js';
import type { Html } from '../common/html.js';
import { IncidentPageReader } from './incident-page.reader.js';
import { incidentRefusal } from './incident-pages.controller.js';
import { evidenceForm } from './pages/incident/evidence.part.js';
import { incidentPage } from './pages/incident/incident.page.js';
import { legalHoldForm } from './pages/incident/legal-hold.part.js';
import { noticeForm, noticeFormPage, noticeOf } from './pages/legal/notice-form.js';
import { decideForm, statementLetter, statementPage } from './pages/legal/decision.part.js';
import { deadlineForm, noticeBackPath, noticeMoveForm, noticePage, type NoticeBack } from './pages/legal/notice.page.js';
import { send } from './send-page.js';
import { Page, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** How many parties the notice form offers to pick from (by name). */
const PICKED = 200;

const backOf = (form: Form): NoticeBack => (textOf(form, '_back') === 'notice' ? 'notice' : 'incident');

/**
 * What legal staff do at the desk: record a notice (its new parties in the
 * same form), move it along its workflow, set its deadline by hand; keep
 * evidence and get it back (a capture's zip); set and lift the legal hold;
 * and the dossier as a PDF, for anyone who may read the incident.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class LegalPagesController {
  constructor(
    private readonly reader: IncidentPageReader,
    private readonly notices: LegalNoticesService,
    private readonly incidents: IncidentsService,
    private readonly evidence: EvidenceService,
    private readonly parties: PartiesService,
    private readonly users: UsersService,
    private readonly printer: DossierPrinter,
    private readonly decisions: NoticeDecisionsService,
  ) {}

  @Get('incidents/:id/legal-notices/new')
  @MinRole('legal')
  async newNotice(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, await this.noticeFormPage(page, actor, id));
  }

  @Post('incidents/:id/legal-notices')
  @MinRole('legal')
  async recordNotice(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'notice' },
      async () => {
        const notice = await this.notices.create(actor, id, await validateAs(RecordNoticeDto, noticeOf(form)));
        return `/incidents/${id}#notice-${notice.id}`;
      },
      async (p, htmx) => {
        const choices = { parties: await this.parties.picker(PICKED) };
        const data = await this.reader.read(actor, id);
        return htmx ? noticeForm(p, data, choices) : noticeFormPage(p, data, choices);
      },
    );
  }

  @Get('legal-notices/:id')
  async notice(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, (await this.noticePage(page, actor, id)).text);
  }

  @Post('legal-notices/:id/transitions')
  @MinRole('legal')
  async moveNotice(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `notice-move-${id}` },
      async () => noticeBackPath(await this.notices.transition(actor, id, await fromForm(NoticeTransitionDto, form)), backOf(form)),
      this.noticeRefusal(actor, id, backOf(form), noticeMoveForm),
    );
  }

  @Post('legal-notices/:id/deadline')
  @MinRole('legal')
  async setDeadline(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `deadline-${id}` },
      async () => noticeBackPath(await this.notices.update(actor, id, await fromForm(SetDeadlineDto, form)), backOf(form)),
      this.noticeRefusal(actor, id, backOf(form), deadlineForm),
    );
  }

  @Post('legal-notices/:id/decisions')
  @MinRole('legal')
  async decide(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `decide-${id}` },
      async () => {
        await this.decisions.decide(actor, id, await fromForm(DecideNoticeDto, form));
        return `/legal-notices/${id}#notice-decisions-heading`;
      },
      async (p, htmx) => (htmx ? decideForm(p, { id, dsaNotice: null }) /* a refused form shows what was typed */ : this.noticePage(p, actor, id)),
    );
  }

  /** The latest decision's statement of reasons in the reader's language; `?format=letter` alone, to print. */
  @Get('legal-notices/:id/statement-of-reasons')
  async statement(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Query('format') format: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const [{ decision }, notice] = await Promise.all([this.decisions.latest(id), this.notices.get(actor, id)]);
    send(reply, 200, (format === 'letter' ? statementLetter(page, notice, decision) : statementPage(page, notice, decision)).text);
  }

  @Post('incidents/:id/legal-hold')
  @MinRole('legal')
  async legalHold(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'legal-hold' },
      async () => {
        const on = textOf(form, 'on');
        await this.incidents.setLegalHold(actor, id, await fromForm(LegalHoldDto, { ...form, on: on === 'true' ? true : on === 'false' ? false : on }));
        return `/incidents/${id}#case-head`;
      },
      incidentRefusal(this.reader, actor, id, legalHoldForm),
    );
  }

  /** Evidence kept from the page: text, a page fetched now, a browser capture, or a file (multipart, its CSRF token in its address). */
  @Post('incidents/:id/evidence')
  @MinRole('legal')
  async keepEvidence(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const form: Form = {};
    await answerForm(
      { request, reply, page, form, id: 'evidence' },
      async () => {
        await this.incidents.assertExists(id);
        const upload = await this.evidence.readUpload(request);
        try {
          const fields = addressesTyped(upload.fields);
          Object.assign(form, fields);
          const { kind = '', text, url, note, linkedNoticeId } = fields;
          const links = { note, linkedNoticeId };
          const kept =
            kind === 'file'
              ? await this.evidence.keepUpload(actor, id, upload, await fromForm(EvidenceLinksDto, links))
              : await this.evidence.create(actor, id, await fromForm(CreateEvidenceDto, { kind, ...links, ...(kind === 'text' ? { text } : { url }) }));
          return `/incidents/${id}#evidence-${kept.id}`;
        } finally {
          await upload.discard();
        }
      },
      incidentRefusal(this.reader, actor, id, evidenceForm),
    );
  }

  /** A page capture as one zip for counsel, each part checked against its SHA-256 first. */
  @Get('evidence/:id/bundle')
  @MinRole('legal')
  async bundle(@IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const { evidence, zip } = await this.evidence.bundle(id);
    void reply.type('application/zip').header('content-disposition', attachment(`evidence-${evidence.id}.zip`)).header('cache-control', 'no-store').send(zip);
  }

  /** A piece of evidence's bytes, checked against its SHA-256 first. */
  @Get('evidence/:id/content')
  @MinRole('legal')
  async content(@IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const { evidence, bytes } = await this.evidence.content(id);
    void reply.type(evidence.contentType).header('content-disposition', attachment(evidence.fileName ?? `evidence-${evidence.id}`)).header('cache-control', 'no-store').send(bytes);
  }

  /** The dossier printed for counsel, under the reader's session, in their language. */
  @Get('incidents/:id/dossier.pdf')
  async dossierPdf(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const { fileName, pdf } = await this.printer.pdf(actor, id, page.t);
    void reply.type('application/pdf').header('content-disposition', attachment(fileName)).header('cache-control', 'no-store').send(pdf);
  }

  private async noticeFormPage(page: PageContext, actor: Actor, id: string): Promise<string> {
    const [data, parties] = await Promise.all([this.reader.read(actor, id), this.parties.picker(PICKED)]);
    return noticeFormPage(page, data, { parties }).text;
  }

  private async noticePage(page: PageContext, actor: Actor, id: string): Promise<Html> {
    const [folder, people, decisions] = await Promise.all([this.notices.folder(actor, id), this.users.everyone(), this.decisions.list(id)]);
    const legal = !!page.user && hasRole(page.user.role, 'legal');
    // Evidence is for legal staff and admins, as on the incident's page.
    const evidence = legal ? await this.evidence.keptFor(folder.incident.id, id) : null;
    return noticePage(page, folder, people, legal, decisions, evidence);
  }

  /** A refused form of a notice: the form alone for htmx; else the page it was on, with the form filled in. */
  private noticeRefusal(actor: Actor, id: string, back: NoticeBack, form: (page: PageContext, notice: LegalNoticeView, back: NoticeBack) => Html) {
    return async (page: PageContext, htmx: boolean): Promise<Html> => {
      if (htmx) return form(page, await this.notices.get(actor, id), back);
      if (back === 'notice') return this.noticePage(page, actor, id);
      return incidentPage(page, await this.reader.read(actor, (await this.notices.get(actor, id)).incidentId));
    };
  }
}
