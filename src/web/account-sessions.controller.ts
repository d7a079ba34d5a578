import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { IdParam } from '../common/validation.js';
import { SessionView } from '../users/user.dto.js';
import { WebSessionsService } from '../users/web-sessions.service.js';
import { answerForm, isHtmx } from './form-answer.js';
import type { Form } from './forms.js';
import { SESSIONS_SHOWN, sessionsPart } from './pages/account/sessions.part.js';
import { send } from './send-page.js';
import { Page, session, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/**
 * The reader's sessions: the section alone for htmx (on "My account"
 * otherwise) and the forms that end one, or all the others.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class AccountSessionsController {
  constructor(private readonly sessions: WebSessionsService) {}

  @Get('account/sessions')
  async section(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    if (!isHtmx(request)) return void reply.redirect(SESSIONS_SHOWN, 303);
    const sessions = await this.viewsOf(request);
    const notice = session.takeFlash(request);
    const current = request.webSession?.id;
    send(reply, 200, sessionsPart(page, sessions, current, notice).text);
  }

  /** Ends one of the reader's sessions; ending this browser's own signs it out. */
  @Post('account/sessions/:id/end')
  async end(@Req() request: WebRequest, @Page() page: PageContext, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: `end-session-${id}` },
      async () => {
        await this.sessions.end(request.user!.id, id);
        if (id === request.webSession?.id) {
          session.forget(request);
          return '/login?signedOut=1';
        }
        session.flash(request, request.translator!.t('sessions.ended'));
        return SESSIONS_SHOWN;
      },
      async (p) => sessionsPart(p, await this.viewsOf(request), request.webSession?.id),
    );
  }

  @Post('account/sessions/end-others')
  async endOthers(@Req() request: WebRequest, @Page() page: PageContext, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'end-other-sessions' },
      async () => {
        const ended = await this.sessions.endAll(request.user!.id, request.webSession!.id);
        session.flash(request, request.translator!.t('sessions.endedOthers', { count: ended }));
        return SESSIONS_SHOWN;
      },
      async (p) => sessionsPart(p, await this.viewsOf(request), request.webSession?.id),
    );
  }

  private async viewsOf(request: WebRequest): Promise<SessionView[]> {
    return (await this.sessions.list(request.user!.id)).map(SessionView.of);
  }
}
