import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import { CommentsService } from '../comments/comments.service.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { SettingsTimelineService } from '../settings/settings-timeline.service.js';
import { SettingsEventView } from '../settings/settings.dto.js';
import { CreatePhraseDto } from '../signals/phrase.dto.js';
import { SignalsService } from '../signals/signals.service.js';
import { UsersService } from '../users/users.service.js';
import { answerForm, redirectAfterForm } from './form-answer.js';
import { fromForm, type Form } from './forms.js';
import type { Html } from '../common/html.js';
import { addPhraseForm, phrasesPage, removePhraseForm, type PhrasesPageData } from './pages/phrases.page.js';
import { send } from './send-page.js';
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
    redirectAfterForm(request, reply, `/incidents/${id}#thread-heading`);
  }

  @Get('admin/phrases')
  @MinRole('admin')
  async phrases(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, phrasesPage(page, await this.data()).text);
  }

  @Post('admin/phrases')
  @MinRole('admin')
  async addPhrase(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'add-phrase' },
      async () => {
        await this.signals.addPhrase(actor, await fromForm(CreatePhraseDto, form));
        return '/admin/phrases';
      },
      this.refused(addPhraseForm),
    );
  }

  @Post('admin/phrases/:id/delete')
  @MinRole('admin')
  async removePhrase(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `remove-phrase-${id}` },
      async () => {
        await this.signals.removePhrase(actor, id);
        return '/admin/phrases';
      },
      // Gone meanwhile: the page again, saying so where the form was.
      this.refused((p) => removePhraseForm(p, { id, phrase: '' })),
    );
  }

  /** A refused form of the phrases page: the form alone for htmx, else the page with it filled in. */
  private refused(form: (page: PageContext) => Html) {
    return async (page: PageContext, htmx: boolean): Promise<Html> => (htmx ? form(page) : phrasesPage(page, await this.data()));
  }

  private async data(): Promise<PhrasesPageData> {
    const [phrases, chain, events] = await Promise.all([this.signals.phrases(), this.settings.verify(), this.settings.recent(HISTORY_SHOWN)]);
    const actors = [...new Set(events.map((event) => event.actor).filter((actor) => actor !== 'system'))];
    const people = await Promise.all(actors.map((id) => this.users.get(id).then((user) => [id, user.name] as const, () => [id, id] as const)));
    return { phrases, history: events.map(SettingsEventView.of), chain, people: Object.fromEntries(people) };
  }
}
