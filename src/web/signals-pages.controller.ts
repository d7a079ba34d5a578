import { Body, Controller, Get, HttpException, HttpStatus, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import { CommentsService } from '../comments/comments.service.js';
import { problemsOf } from '../common/problem.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { SettingsTimelineService } from '../settings/settings-timeline.service.js';
import { SettingsEventView } from '../settings/settings.dto.js';
import { CreatePhraseDto } from '../signals/phrase.dto.js';
import { SignalsService } from '../signals/signals.service.js';
import { UsersService } from '../users/users.service.js';
import { fromForm, type Form } from './forms.js';
import { phrasesPage, type PhraseEdit, type PhrasesPageData } from './pages/phrases.page.js';
import { send } from './sign-in.controller.js';
import { Page, session, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** How many changes of the settings the phrases page shows, newest last. */
const HISTORY_SHOWN = 100;

/** The desk's forms for signals: the admins' phrases (/admin/phrases) and reading an incident's thread again. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class SignalsPagesController {
  constructor(
    private readonly signals: SignalsService,
    private readonly settings: SettingsTimelineService,
    private readonly comments: CommentsService,
    private readonly users: UsersService,
  ) {}

  @Post('incidents/:id/signals/reread')
  @MinRole('community_manager')
  async reread(@Req() request: WebRequest, @WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const read = await this.comments.rereadSignals(actor, id);
    session.flash(request, request.translator!.t('reread.done', { comments: read.comments, changed: read.changed, version: read.settingsVersion }));
    void reply.redirect(`/incidents/${id}#thread-heading`, 303);
  }

  @Get('admin/phrases')
  @MinRole('admin')
  async phrases(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, phrasesPage(page, await this.data()).text);
  }

  /** A refused phrase comes back in place, each problem beside its field, what was typed kept. */
  @Post('admin/phrases')
  @MinRole('admin')
  async addPhrase(@Page() page: PageContext, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    try {
      await this.signals.addPhrase(actor, await fromForm(CreatePhraseDto, form));
    } catch (error) {
      const problems = problemsOf(error);
      if (!(error instanceof HttpException) || !problems || error.getStatus() >= HttpStatus.INTERNAL_SERVER_ERROR) throw error;
      const values = Object.fromEntries(Object.entries(form).map(([name, value]) => [name, typeof value === 'string' ? value : '']));
      const edit: PhraseEdit = { values, problems };
      send(reply, error.getStatus() === HttpStatus.CONFLICT ? 409 : 400, phrasesPage(page, await this.data(), edit).text);
      return;
    }
    void reply.redirect('/admin/phrases', 303);
  }

  @Post('admin/phrases/:id/delete')
  @MinRole('admin')
  async removePhrase(@WebActor() actor: Actor, @IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.signals.removePhrase(actor, id);
    void reply.redirect('/admin/phrases', 303);
  }

  private async data(): Promise<PhrasesPageData> {
    const [phrases, chain, events] = await Promise.all([this.signals.phrases(), this.settings.verify(), this.settings.recent(HISTORY_SHOWN)]);
    const actors = [...new Set(events.map((event) => event.actor).filter((actor) => actor !== 'system'))];
    const people = await Promise.all(actors.map((id) => this.users.get(id).then((user) => [id, user.name] as const, () => [id, id] as const)));
    return { phrases, history: events.map(SettingsEventView.of), chain, people: Object.fromEntries(people) };
  }
}
