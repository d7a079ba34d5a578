import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { UpdateMeDto, UserView } from '../users/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { answerForm, isHtmx } from './form-answer.js';
import { textOf, type Form } from './forms.js';
import { validateAs } from '../common/validation.js';
import type { Html } from '../common/html.js';
import { accountPage } from './pages/account/account.page.js';
import type { AccountContext } from './pages/account/account-part.js';
import { languageForm } from './pages/account/language.part.js';
import { profileForm } from './pages/account/profile.part.js';
import { tokenForm } from './pages/account/token.part.js';
import { calendarForm, type CalendarState } from './pages/account/calendar.part.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { send } from './send-page.js';
import { Page, session, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

const SAVED = 'account:saved';

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
  ) {}

  @Get()
  async account(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    const flash = session.takeFlash(request);
    const notice = flash === SAVED ? page.t.t('account.saved') : flash;
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
