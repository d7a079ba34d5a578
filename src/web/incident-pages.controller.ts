import { Body, Controller, Get, NotFoundException, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { CreateCommentDto, UpdateCommentDto } from '../comments/comment.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { asUuid, IdParam } from '../common/validation.js';
import { notFound } from '../common/problem.js';
import { DossierService } from '../dossier/dossier.service.js';
import { TransitionDto, UpdateIncidentDto } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { CancelReminderDto, CreateReminderDto, SnoozeReminderDto } from '../reminders/reminder.dto.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { AcceptSuggestionDto, DismissSuggestionDto } from '../suggestions/suggestion.dto.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { FileImportFieldsDto, ImportAddressDto } from '../imports/import.dto.js';
import { ImportsService, type ImportStarted } from '../imports/imports.service.js';
import { answerForm, isHtmx } from './form-answer.js';
import { problemsAlone } from './form-view.js';
import { fromForm, patchOf, tagsOf, textOf, type Form } from './forms.js';
import type { Html } from '../common/html.js';
import { IncidentPageReader, type PageRead } from './incident-page.reader.js';
import { dossierPage } from './pages/dossier.page.js';
import { editIncidentForm, moveForm } from './pages/incident/header.part.js';
import { incidentPage, liveParts } from './pages/incident/incident.page.js';
import type { IncidentPageData } from './pages/incident/page-data.js';
import { importForm, importProgress, watchForm, wxrForm } from './pages/incident/posts.part.js';
import { cancelForm, followUpForm, snoozeForm } from './pages/incident/reminders.part.js';
import { acceptForm, dismissForm } from './pages/incident/suggestions.part.js';
import { commentForm, earlierPart, messageEditPage, messageEditPart, replyChoices, replyForm } from './pages/incident/thread.part.js';
import { verificationResult } from './pages/incident/timeline.part.js';
import { send } from './send-page.js';
import { Page, session, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** An incident's reference as people quote it: INC-2026-0007. */
const INCIDENT_REF = /^INC-\d{4}-\d+$/i;

/** What an import's answer counts, as the flash sentence says it. */
const importCounts = ({ added, updated, deleted, unchanged, signals }: ImportStarted) => ({ added, updated, deleted, unchanged, signals });

/** A refused form of the incident page: htmx gets the form back, a browser without it the whole page with the form filled in. */
export function incidentRefusal(reader: IncidentPageReader, actor: Actor, id: string, form: (page: PageContext, data: IncidentPageData) => Html, read: PageRead = {}) {
  return async (page: PageContext, htmx: boolean): Promise<Html> => {
    const data = await reader.read(actor, id, read);
    return htmx ? form(page, data) : incidentPage(page, data);
  };
}

/** The incident page (where reminder links land) and the forms on it. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller('incidents/:id')
export class IncidentPagesController {
  constructor(
    private readonly reader: IncidentPageReader,
    private readonly incidents: IncidentsService,
    private readonly dossiers: DossierService,
    private readonly comments: CommentsService,
    private readonly suggestions: SuggestionsService,
    private readonly imports: ImportsService,
    private readonly timeline: TimelineService,
    private readonly reminders: RemindersService,
  ) {}

  /**
   * The page; `?replyTo=<message>` opens the composer to answer that message
   * (the reply link without JavaScript). Addressed by its reference as people
   * quote it (`/incidents/INC-2026-0007`), it redirects to the page's address;
   * an unknown reference is a 404, anything else neither a UUID nor a
   * reference a 400 naming `id`.
   */
  @Get()
  async show(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @Param('id') raw: string, @Query('replyTo') replyTo: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (INCIDENT_REF.test(raw)) {
      const found = await this.incidents.idOfRef(raw);
      if (!found) throw notFound('incident', raw);
      return void reply.redirect(`/incidents/${found}${replyTo === undefined ? '' : `?replyTo=${encodeURIComponent(replyTo)}`}`, 302);
    }
    const id = await asUuid('id', raw);
    send(reply, 200, incidentPage(page, await this.reader.read(actor, id, { replyTo }), session.takeFlash(request)).text);
  }

  /**
   * The page of messages before `before` (the "Show earlier messages"
   * control's cursor): for htmx the messages alone, swapped in where the
   * control stood (with the next control); without it the incident page
   * showing that page of the thread. A cursor that is not one: 400 naming `before`.
   */
  @Get('earlier')
  async earlier(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Query('before') before: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const data = await this.reader.read(actor, id, { before: typeof before === 'string' ? before : '' });
    send(reply, 200, (isHtmx(request) ? earlierPart(page, data) : incidentPage(page, data)).text);
  }

  /**
   * The messages the composer may answer, found by their author or words
   * (`?q=`, the latest first): for htmx the choices alone, swapped in under
   * the search; without it the page with the composer open on them.
   */
  @Get('message-choices')
  @MinRole('community_manager')
  async messageChoices(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Query('q') q: string | undefined, @Query('parentId') parentId: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const data = await this.reader.read(actor, id, { q: typeof q === 'string' ? q : '', focus: typeof parentId === 'string' ? parentId : undefined });
    send(reply, 200, (isHtmx(request) ? replyChoices(page, data, 'comment', typeof parentId === 'string' ? parentId : '') : incidentPage(page, data)).text);
  }

  /** The answer to one message, unfolded under it (htmx). */
  @Get('reply/:commentId')
  @MinRole('community_manager')
  async replyTo(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @IdParam('commentId') commentId: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, replyForm(page, await this.threadWith(actor, id, commentId), commentId).text);
  }

  /** A message's correction: under it for htmx, else on a page of its own. */
  @Get('messages/:commentId/edit')
  @MinRole('community_manager')
  async messageEdit(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @IdParam('commentId') commentId: string, @Res() reply: FastifyReply): Promise<void> {
    const data = await this.threadWith(actor, id, commentId);
    send(reply, 200, (isHtmx(request) ? messageEditPart(page, data, commentId) : messageEditPage(page, data, commentId)).text);
  }

  @Post('messages/:commentId')
  @MinRole('community_manager')
  async correctMessage(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @IdParam('commentId') commentId: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `edit-message-${commentId}` },
      async () => {
        await this.threadWith(actor, id, commentId);
        const needsResponse = textOf(form, 'needsResponse');
        await this.comments.update(actor, commentId, await fromForm(UpdateCommentDto, { ...form, ...(needsResponse ? { needsResponse: needsResponse === 'true' } : {}) }));
        return `/incidents/${id}#comment-${commentId}`;
      },
      async (p, htmx) => {
        const data = await this.reader.read(actor, id, { focus: commentId });
        return htmx ? messageEditPart(p, data, commentId) : messageEditPage(p, data, commentId);
      },
    );
  }

  @Get('dossier')
  async dossier(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const [dossier, history] = await Promise.all([this.dossiers.build(actor, id), this.incidents.stateHistory(id)]);
    send(reply, 200, dossierPage(page, { dossier, history }).text);
  }

  /** "Verify now": the whole chain recomputed, on demand rather than on every load of the page. */
  /** The incident's page data, or 404 when the message is not in its thread. */
  private async threadWith(actor: Actor, id: string, commentId: string): Promise<IncidentPageData> {
    const data = await this.reader.read(actor, id, { focus: commentId });
    if (!data.dossier.thread.some((comment) => comment.id === commentId)) throw new NotFoundException(`comment ${commentId} is not in incident ${data.dossier.incident.ref}`);
    return data;
  }

  @Get('verification')
  async verify(@Page() page: PageContext, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.incidents.assertExists(id);
    send(reply, 200, verificationResult(page, await this.timeline.verify(id)).text);
  }

  /** An import's progress line (htmx asks for it every second while the import runs). */
  @Get('imports/:importId')
  async importLine(@Page() page: PageContext, @IdParam() id: string, @IdParam('importId') importId: string, @Res() reply: FastifyReply): Promise<void> {
    const run = await this.imports.find(importId);
    if (run.incidentId !== id) throw new NotFoundException(`import ${importId} is not in this incident`);
    send(reply, 200, importProgress(page, run).text);
  }

  /** The parts live updates refresh (htmx swaps them in). */
  @Get('live')
  async live(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, liveParts(page, await this.reader.read(actor, id)).text);
  }

  @Post('comments')
  @MinRole('community_manager')
  async logComment(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'comment' },
      async () => {
        // The reply-to search's words are not the message's.
        const { q: _words, ...fields } = form;
        const comment = await this.comments.create(actor, id, await fromForm(CreateCommentDto, fields));
        for (const warning of comment.warnings ?? []) session.flash(request, warning);
        return `/incidents/${id}#comment-${comment.id}`;
      },
      // The search as it was typed, and the choices it found: refused, the reply is still to be chosen among them.
      incidentRefusal(this.reader, actor, id, (p, data) => commentForm(p, data, p.refusal!.form), { focus: textOf(form, 'parentId') || undefined, q: textOf(form, 'q') || undefined }),
    );
  }

  @Post('transitions')
  @MinRole('community_manager')
  async move(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'move' },
      async () => {
        await this.incidents.transition(actor, id, await fromForm(TransitionDto, form, ['version']));
        return `/incidents/${id}`;
      },
      incidentRefusal(this.reader, actor, id, moveForm),
    );
  }

  /** Corrects the incident; an emptied summary, backup owner or counterpart is cleared, tags split at commas. */
  @Post('edit')
  @MinRole('community_manager')
  async edit(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'edit-incident' },
      async () => {
        // The title as typed: an emptied one is refused by name, not left as it was.
        const fields = { ...patchOf(form, ['severity', 'ownerId', 'version'], ['summary', 'backupOwnerId', 'counterpartId']), title: textOf(form, 'title'), tags: tagsOf(form) };
        await this.incidents.update(actor, id, await fromForm(UpdateIncidentDto, fields, ['version']));
        return `/incidents/${id}#case-head`;
      },
      incidentRefusal(this.reader, actor, id, editIncidentForm),
    );
  }

  @Post('import')
  @MinRole('community_manager')
  async importThread(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'import' },
      async () => {
        const dto = await fromForm(ImportAddressDto, { url: form['url'], source: form['source'] || undefined, incidentId: id, watch: form['watch'] === 'true' });
        const summary = await this.imports.fromAddress(actor, dto);
        session.flash(request, request.translator!.t('incident.imported', importCounts(summary)));
        return `/incidents/${id}#posts-heading`;
      },
      incidentRefusal(this.reader, actor, id, importForm),
    );
  }

  /** A file uploaded from the page (a WXR, a Disqus export, an outbox.json; multipart, its CSRF token in its address). */
  @Post('import/wxr')
  @MinRole('community_manager')
  async importExport(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const form: Form = {};
    await answerForm(
      { request, reply, page, form, id: 'wxr' },
      async () => {
        const upload = await this.imports.stageFile(request, 'file, format and thread');
        try {
          Object.assign(form, upload.fields);
          const dto = await fromForm(FileImportFieldsDto, { thread: upload.fields['thread'], format: upload.fields['format'] || undefined, incidentId: id });
          // A large export takes a while: the page comes back at once, with the import's progress line.
          const started = await this.imports.settle((await this.imports.fromFile(actor, dto, upload.path, { background: true })).importId, 2_000);
          session.flash(request, request.translator!.t(started.status === 'completed' ? 'incident.imported' : started.status === 'failed' ? 'case.importFailed' : 'case.importStarted', { ...importCounts(started), total: started.total, error: started.error ?? '' }));
          return `/incidents/${id}#posts-heading`;
        } finally {
          await upload.remove();
        }
      },
      incidentRefusal(this.reader, actor, id, wxrForm),
    );
  }

  @Post('follow-ups')
  @MinRole('community_manager')
  async followUp(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'follow-up' },
      async () => {
        await this.reminders.createFollowUp(actor, await fromForm(CreateReminderDto, { ...form, incidentId: id }));
        return `/incidents/${id}#reminders-heading`;
      },
      incidentRefusal(this.reader, actor, id, followUpForm),
    );
  }

  @Post('posts/:postId/watch')
  @MinRole('community_manager')
  async watch(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @IdParam('postId') postId: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `watch-${postId}` },
      async () => {
        await this.imports.watch(actor, postId, id);
        return `/incidents/${id}#posts-heading`;
      },
      incidentRefusal(this.reader, actor, id, (p, data) => watchForm(p, data, postId, false)),
    );
  }

  @Post('posts/:postId/unwatch')
  @MinRole('community_manager')
  async unwatch(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @IdParam('postId') postId: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `watch-${postId}` },
      async () => {
        await this.imports.unwatch(actor, postId);
        return `/incidents/${id}#posts-heading`;
      },
      incidentRefusal(this.reader, actor, id, (p, data) => watchForm(p, data, postId, true)),
    );
  }

  @Post('suggestions/:key/accept')
  @MinRole('community_manager')
  async accept(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'accept' },
      async () => {
        // Fields named edits.<field> change the suggested record (a notice's jurisdiction, say).
        const edits = Object.fromEntries(Object.entries(form).filter(([name, value]) => name.startsWith('edits.') && value !== '').map(([name, value]) => [name.slice('edits.'.length), value]));
        await this.suggestions.accept(actor, id, key, await fromForm(AcceptSuggestionDto, Object.keys(edits).length ? { edits } : {}));
        return `/incidents/${id}#suggestions`;
      },
      incidentRefusal(this.reader, actor, id, (p, data) => {
        const suggestion = data.dossier.incident.suggestions.find((candidate) => candidate.key === key);
        return suggestion ? acceptForm(p, data, suggestion) : problemsAlone(p);
      }),
    );
  }

  @Post('suggestions/:key/dismiss')
  @MinRole('community_manager')
  async dismiss(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'dismiss' },
      async () => {
        await this.suggestions.dismiss(actor, id, key, await fromForm(DismissSuggestionDto, form));
        return `/incidents/${id}#suggestions`;
      },
      incidentRefusal(this.reader, actor, id, (p, data) => {
        const suggestion = data.dossier.incident.suggestions.find((candidate) => candidate.key === key);
        return suggestion ? dismissForm(p, data, suggestion) : problemsAlone(p);
      }),
    );
  }
}

/** Snooze and cancel, from the incident page: back to it after. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@MinRole('community_manager')
@Controller('reminders/:id')
export class ReminderFormsController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly reader: IncidentPageReader,
  ) {}

  @Post('snooze')
  async snooze(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const reminder = await this.reminders.get(id);
    await answerForm(
      { request, reply, page, form, id: `snooze-${id}` },
      async () => {
        await this.reminders.snooze(actor, id, await fromForm(SnoozeReminderDto, form));
        return `/incidents/${reminder.incidentId}#reminders-heading`;
      },
      incidentRefusal(this.reader, actor, reminder.incidentId, (p) => snoozeForm(p, reminder)),
    );
  }

  @Post('cancel')
  async cancel(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const reminder = await this.reminders.get(id);
    await answerForm(
      { request, reply, page, form, id: `cancel-${id}` },
      async () => {
        await this.reminders.cancelOne(actor, id, await fromForm(CancelReminderDto, form));
        return `/incidents/${reminder.incidentId}#reminders-heading`;
      },
      incidentRefusal(this.reader, actor, reminder.incidentId, (p) => cancelForm(p, reminder)),
    );
  }
}
