import { Body, Controller, Get, HttpStatus, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { fieldProblem, problemException } from '../common/problem.js';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { UpdateMeDto, UserView } from '../users/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { answerForm, isHtmx, refusalOf } from './form-answer.js';
import { textOf, type Form } from './forms.js';
import { validateAs } from '../common/validation.js';
import type { Html } from '../common/html.js';
import { accountPage } from './pages/account/account.page.js';
import type { AccountContext } from './pages/account/account-part.js';
import { languageForm } from './pages/account/language.part.js';
import { passwordForm } from './pages/account/password.part.js';
import { profileForm } from './pages/account/profile.part.js';
import { tokenForm } from './pages/account/token.part.js';
import { calendarForm, type CalendarState } from './pages/account/calendar.part.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { send } from './send-page.js';
import { LoginLimiter } from './login-limiter.js';
import { SecurityLog } from '../common/security-log.js';
import { WebSessionsService } from '../users/web-sessions.service.js';
import { Page, session, sessionMeta, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

const SAVED = 'account:saved';
const PASSWORD_CHANGED = 'account:passwordChanged';

/** "My account": the signed-in person's own profile, language, API token and calendar address, whatever their role. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller('account')
export class AccountPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly modules: ModuleRef,
    private readonly calendars: CalendarService,
    private readonly limiter: LoginLimiter,
    private readonly sessions: WebSessionsService,
    private readonly security: SecurityLog,
  ) {}

  @Get()
  async account(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const flash = session.takeFlash(request);
    const notice = flash === SAVED ? page.t.t('account.saved') : flash === PASSWORD_CHANGED ? page.t.t('account.passwordChanged') : flash;
    send(reply, 200, (await this.page(request, page, {}, notice)).text);
  }

  @Post('profile')
  async profile(@Req() request: WebRequest, @Page() page: PageContext, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'account-profile' },
      async () => {
        const { name } = await validateAs(UpdateMeDto, { name: textOf(form, 'name') });
        await this.users.updateMe(page.user!.id, { name });
        session.flash(request, SAVED);
        return '/account';
      },
      this.refusal(request, (p, user) => profileForm(p, user)),
    );
  }

  @Post('language')
  async language(@Req() request: WebRequest, @Page() page: PageContext, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'account-language' },
      async () => {
        const { locale } = await validateAs(UpdateMeDto, { locale: textOf(form, 'locale') });
        await this.users.updateMe(page.user!.id, { locale });
        if (locale) session.setLocale(request, locale);
        session.flash(request, SAVED);
        return '/account';
      },
      this.refusal(request, (p, user) => languageForm(p, user)),
    );
  }

  /**
   * A new password, given the current one. A wrong current password counts
   * as a failed sign-in on the account and from the address (LoginLimiter):
   * a session left open does not let anyone guess it at leisure. Every
   * session of the person ends; this browser gets a new one and comes back
   * to the page, told so. The change goes to the security log.
   */
  @Post('password')
  async password(@Req() request: WebRequest, @Page() page: PageContext, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const person = page.user!;
    await answerForm(
      { request, reply, page, form, id: 'account-password' },
      async () => {
        const check = await this.limiter.check(request.ip, person.email);
        if (!check.allowed) {
          void reply.header('Retry-After', Math.ceil(check.waitMs / 1000));
          const minutes = Math.ceil(check.waitMs / 60_000);
          throw problemException(HttpStatus.TOO_MANY_REQUESTS, [fieldProblem('current', 'password.limited', `too many wrong passwords; try again in ${minutes} minutes`, { minutes })]);
        }
        const user = await this.users.changePassword(person.id, textOf(form, 'current'), textOf(form, 'password'), textOf(form, 'confirm')).catch(async (error: unknown) => {
          if (refusalOf(error)?.problems.some((problem) => problem.code === 'password.wrongCurrent')) await this.limiter.fail(request.ip, person.email);
          throw error;
        });
        await this.limiter.succeed(request.ip, person.email);
        this.security.info('password.changed', { account: person.email, address: request.ip }, 'password changed by its owner: their sessions ended');
        const { token } = await this.sessions.start(user.id, sessionMeta(request));
        session.signIn(request, token);
        session.flash(request, PASSWORD_CHANGED);
        return '/account';
      },
      this.refusal(request, (p, user) => passwordForm(p, user)),
    );
  }

  /** A new API token, said in this answer only (htmx: the section's form in place; else the page). */
  @Post('token')
  async token(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const { user, token } = await this.users.rotateToken(page.user!.id);
    send(reply, 200, (isHtmx(request) ? tokenForm(page, user, token) : await this.page(request, page, { newToken: token, user })).text);
  }

  /** The calendar address: a new one (`do=renew`), said in this answer only, or none (`do=off`); the old one opens nothing from now on. */
  @Post('calendar')
  async calendar(@Req() request: WebRequest, @Page() page: PageContext, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const userId = page.user!.id;
    let calendar: CalendarState;
    if (textOf(form, 'do') === 'off') {
      await this.calendars.turnOff(userId);
      calendar = { issuedAt: null, turnedOff: true };
    } else {
      calendar = await this.calendars.issue(userId);
    }
    send(reply, 200, (isHtmx(request) ? calendarForm(page, calendar) : await this.page(request, page, { calendar })).text);
  }

  private async page(request: WebRequest, page: PageContext, context: Partial<AccountContext>, notice?: string): Promise<Html> {
    const user = context.user ?? UserView.of(await this.users.get(page.user!.id));
    return accountPage(page, { request, modules: this.modules, ...context, user }, notice);
  }

  /** A refused form of the page: the form alone for htmx, else the page with it filled in. */
  private refusal(request: WebRequest, form: (page: PageContext, user: UserView) => Html) {
    return async (page: PageContext, htmx: boolean): Promise<Html> => (htmx ? form(page, UserView.of(await this.users.get(page.user!.id))) : this.page(request, page, {}));
  }
}
