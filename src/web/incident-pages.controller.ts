import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { CreateCommentDto } from '../comments/comment.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { IdParam } from '../common/validation.js';
import { DossierService } from '../dossier/dossier.service.js';
import { TransitionDto } from '../incidents/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { CancelReminderDto, SnoozeReminderDto } from '../reminders/reminder.dto.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { AcceptSuggestionDto, DismissSuggestionDto } from '../suggestions/suggestion.dto.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { ImportWordPressDto } from '../imports/import.dto.js';
import { ImportsService } from '../imports/imports.service.js';
import { fromForm, type Form } from './forms.js';
import { dossierPage } from './pages/dossier.page.js';
import { incidentPage, liveParts, TIMELINE_SHOWN, verificationResult, type IncidentPageData } from './pages/incident.page.js';
import { send } from './sign-in.controller.js';
import { Page, session, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** The incident page (where reminder links land) and the forms on it. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller('incidents/:id')
export class IncidentPagesController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly dossiers: DossierService,
    private readonly reminders: RemindersService,
    private readonly comments: CommentsService,
    private readonly suggestions: SuggestionsService,
    private readonly imports: ImportsService,
    private readonly timeline: TimelineService,
  ) {}

  @Get()
  async show(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, incidentPage(page, await this.data(actor, id), session.takeFlash(request)).text);
  }

  @Get('dossier')
  async dossier(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const [dossier, history] = await Promise.all([this.dossiers.build(actor, id), this.incidents.stateHistory(id)]);
    send(reply, 200, dossierPage(page, { dossier, history }).text);
  }

  /** "Verify now": the whole chain recomputed, on demand rather than on every load of the page. */
  @Get('verification')
  async verify(@Page() page: PageContext, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.incidents.assertExists(id);
    send(reply, 200, verificationResult(page, await this.timeline.verify(id)).text);
  }

  /** The parts live updates refresh (htmx swaps them in). */
  @Get('live')
  async live(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, liveParts(page, await this.data(actor, id)).text);
  }

  @Post('comments')
  @MinRole('community_manager')
  async logComment(@Req() request: WebRequest, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const comment = await this.comments.create(actor, id, await fromForm(CreateCommentDto, form));
    for (const warning of comment.warnings ?? []) session.flash(request, warning);
    void reply.redirect(`/incidents/${id}#comment-${comment.id}`, 303);
  }

  @Post('transitions')
  @MinRole('community_manager')
  async move(@WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await this.incidents.transition(actor, id, await fromForm(TransitionDto, form, ['version']));
    void reply.redirect(`/incidents/${id}`, 303);
  }

  @Post('import')
  @MinRole('community_manager')
  async importThread(@Req() request: WebRequest, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const dto = await fromForm(ImportWordPressDto, { postUrl: form['postUrl'], incidentId: id, watch: form['watch'] === 'true' });
    const summary = await this.imports.fromBlog(actor, dto);
    session.flash(request, request.translator!.t('incident.imported', { ...summary }));
    void reply.redirect(`/incidents/${id}#posts-heading`, 303);
  }

  @Post('posts/:postId/watch')
  @MinRole('community_manager')
  async watch(@WebActor() actor: Actor, @IdParam() id: string, @IdParam('postId') postId: string, @Res() reply: FastifyReply): Promise<void> {
    await this.imports.watch(actor, postId, id);
    void reply.redirect(`/incidents/${id}#posts-heading`, 303);
  }

  @Post('posts/:postId/unwatch')
  @MinRole('community_manager')
  async unwatch(@WebActor() actor: Actor, @IdParam() id: string, @IdParam('postId') postId: string, @Res() reply: FastifyReply): Promise<void> {
    await this.imports.unwatch(actor, postId);
    void reply.redirect(`/incidents/${id}#posts-heading`, 303);
  }

  @Post('suggestions/:key/accept')
  @MinRole('community_manager')
  async accept(@WebActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    // Fields named edits.<field> change the suggested record (a notice's jurisdiction, say).
    const edits = Object.fromEntries(Object.entries(form).filter(([name, value]) => name.startsWith('edits.') && value !== '').map(([name, value]) => [name.slice('edits.'.length), value]));
    await this.suggestions.accept(actor, id, key, await fromForm(AcceptSuggestionDto, { _csrf: form['_csrf'], ...(Object.keys(edits).length ? { edits } : {}) }));
    void reply.redirect(`/incidents/${id}#suggestions`, 303);
  }

  @Post('suggestions/:key/dismiss')
  @MinRole('community_manager')
  async dismiss(@WebActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await this.suggestions.dismiss(actor, id, key, await fromForm(DismissSuggestionDto, form));
    void reply.redirect(`/incidents/${id}#suggestions`, 303);
  }

  private async data(actor: Actor, id: string): Promise<IncidentPageData> {
    const [dossier, history, reminders] = await Promise.all([
      this.dossiers.glance(actor, id, TIMELINE_SHOWN),
      this.incidents.stateHistory(id),
      this.reminders.list({ incidentId: id, status: 'scheduled', limit: 100 }),
    ]);
    return { dossier, history, reminders: reminders.items };
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
  constructor(private readonly reminders: RemindersService) {}

  @Post('snooze')
  async snooze(@WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const reminder = await this.reminders.snooze(actor, id, await fromForm(SnoozeReminderDto, form));
    void reply.redirect(`/incidents/${reminder.incidentId}#reminders-heading`, 303);
  }

  @Post('cancel')
  async cancel(@WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const reminder = await this.reminders.cancelOne(actor, id, await fromForm(CancelReminderDto, form));
    void reply.redirect(`/incidents/${reminder.incidentId}#reminders-heading`, 303);
  }
}
