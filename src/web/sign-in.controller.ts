import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { PASSWORD_MAX_LENGTH } from '../users/passwords.js';
import { UsersService } from '../users/users.service.js';
import { WebSessionsService } from '../users/web-sessions.service.js';
import { isLocale, Translator } from '../i18n/i18n.js';
import { LoginLimiter } from './login-limiter.js';
import { answerForm } from './form-answer.js';
import { inviteForm, invitePage, signInPage } from './pages/sign-in.page.js';
import { Anonymous, Page, pageContext, session, sessionMeta, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { sameOriginPath, WebErrorsFilter } from './web-errors.filter.js';
import { send } from './send-page.js';
import { sitePath } from './site-path.js';

type Form = Record<string, unknown>;
const field = (form: Form | undefined, name: string): string => (typeof form?.[name] === 'string' ? (form[name] as string) : '');

/** The invite page speaks the language chosen for the person (on the invite form), else the browser's. */
const inviteeLanguage = (page: PageContext, invitee: { locale: string | null }): PageContext =>
  isLocale(invitee.locale) && invitee.locale !== page.t.locale ? { ...page, t: new Translator(invitee.locale, page.t.timeZone) } : page;

@ApiExcludeController()
@Public()
@Anonymous()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class SignInController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: WebSessionsService,
    private readonly limiter: LoginLimiter,
  ) {}

  @Get('login')
  signInForm(@Page() page: PageContext, @Query('next') next: unknown, @Res() reply: FastifyReply): void {
    if (page.user) return void reply.redirect(sitePath(next), 303);
    send(reply, 200, signInPage(page, { next: next ? sitePath(next) : undefined }).text);
  }

  @Post('login')
  async signIn(@Req() request: WebRequest, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const email = field(form, 'email').trim().toLowerCase().slice(0, 254);
    const password = field(form, 'password').slice(0, PASSWORD_MAX_LENGTH);
    const next = sitePath(form?.['next']);
    const t = request.translator!;
    const check = await this.limiter.check(request.ip, email);
    if (!check.allowed) {
      void reply.header('Retry-After', Math.ceil(check.waitMs / 1000));
      return send(reply, 429, signInPage(pageContext(request, reply), { next, email, error: t.t('login.limited', { minutes: Math.ceil(check.waitMs / 60_000) }) }).text);
    }
    const user = email && password ? await this.users.signIn(email, password) : null;
    if (!user) {
      await this.limiter.fail(request.ip, email);
      return send(reply, 401, signInPage(pageContext(request, reply), { next, email, error: t.t('login.failed') }).text);
    }
    await this.limiter.succeed(request.ip, email);
    await this.startSession(request, user.id);
    void reply.redirect(next, 303);
  }

  @Post('logout')
  async signOut(@Req() request: WebRequest, @Res() reply: FastifyReply): Promise<void> {
    // The row goes: the cookie, and any copy of it, opens nothing any more.
    const token = session.token(request);
    if (token) await this.sessions.endByToken(token);
    session.forget(request);
    void reply.redirect('/login?signedOut=1', 303);
  }

  @Get('invite/:token')
  async inviteForm(@Page() page: PageContext, @Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const { user } = await this.users.invitee(token);
    send(reply, 200, invitePage(inviteeLanguage(page, user), token, user).text);
  }

  @Post('invite/:token')
  async acceptInvite(@Req() request: WebRequest, @Page() page: PageContext, @Param('token') token: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const { user: invitee } = await this.users.invitee(token);
    page = inviteeLanguage(page, invitee);
    await answerForm(
      { request, reply, page, form, id: 'invite' },
      async () => {
        // Said next to the field, in the reader's language: too short, why it is too easy to guess, or the two differing.
        // Every earlier session of the person ends with the new password; this browser gets a new one.
        const user = await this.users.acceptInvite(token, field(form, 'password'), field(form, 'confirm'));
        await this.startSession(request, user.id);
        // Said once on Today, in their language: the password is set and they are signed in.
        session.flash(request, page.t.t('invite.done'));
        return '/';
      },
      (p, htmx) => (htmx ? inviteForm(p, token, invitee) : invitePage(p, token, invitee)),
    );
  }

  /** A new session for this browser; the one it held before (signing in again, as someone else say) ends. */
  private async startSession(request: WebRequest, userId: string): Promise<void> {
    const previous = session.token(request);
    if (previous) await this.sessions.endByToken(previous);
    const { token } = await this.sessions.start(userId, sessionMeta(request));
    session.signIn(request, token);
  }

  /** The reader's language: kept on the person when signed in, in the session otherwise. */
  @Post('language')
  async setLanguage(@Req() request: WebRequest, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const locale = field(form, 'locale');
    if (isLocale(locale)) {
      session.setLocale(request, locale);
      if (request.user) await this.users.setLocale(request.user.id, locale);
    }
    const back = field(form, 'back');
    void reply.redirect(back ? sitePath(back) : sitePath(sameOriginPath(request.headers.referer)), 303);
  }
}
