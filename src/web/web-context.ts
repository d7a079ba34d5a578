import {
  HttpStatus,
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MIN_ROLE_KEY } from '../auth/auth.decorators.js';
import { refusal } from '../common/problem.js';
import { hasRole, type Actor, type Role } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import type { Person } from '../users/people.js';
import { WebSessionsService, type LiveSession, type SessionMeta } from '../users/web-sessions.service.js';
import { isLocale, negotiateLocale, Translator, type Locale } from '../i18n/i18n.js';
import type { Refusal } from './forms.js';

const ANONYMOUS_KEY = 'calumet:web-anonymous';
/** A page anyone may open (sign-in, invite). */
export const Anonymous = () => SetMetadata(ANONYMOUS_KEY, true);

export type WebRequest = FastifyRequest & { user?: Person; translator?: Translator; webSession?: LiveSession };

type SessionStore = { get(key: string): unknown; set(key: string, value: unknown): void; regenerate(keep?: string[]): void; delete(): void };
const store = (request: FastifyRequest): SessionStore => request.session as unknown as SessionStore;

/**
 * What the session cookie holds: the token of the signed-in person's session
 * (its row, in the database, says who and whether it still holds: see
 * WebSessionsService), the language of a visitor not yet signed in, a
 * message for the next page.
 */
export const session = {
  token: (request: FastifyRequest): string | undefined => {
    const value = store(request).get('sid');
    return typeof value === 'string' ? value : undefined;
  },
  locale: (request: FastifyRequest): Locale | undefined => {
    const value = store(request).get('locale');
    return isLocale(value) ? value : undefined;
  },
  signIn(request: FastifyRequest, token: string): void {
    // A new cookie on sign-in, so a session fixed before it is worth nothing after.
    store(request).regenerate(['locale']);
    store(request).set('sid', token);
  },
  setLocale: (request: FastifyRequest, locale: Locale): void => store(request).set('locale', locale),
  /** Drops the cookie; the caller ends the session's row (WebSessionsService). */
  forget: (request: FastifyRequest): void => store(request).delete(),
  flash: (request: FastifyRequest, message: string): void => store(request).set('flash', message),
  /** The message left for this page, once. */
  takeFlash(request: FastifyRequest): string | undefined {
    const value = store(request).get('flash');
    if (value !== undefined) store(request).set('flash', undefined);
    return typeof value === 'string' ? value : undefined;
  },
};

/** What the desk keeps of a browser signing in: its User-Agent and address (as TRUST_PROXY lets it be told). */
export const sessionMeta = (request: FastifyRequest): SessionMeta => ({
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  address: request.ip,
});

/** Thrown for a page that needs a signed-in person; the web filter answers with the sign-in page. */
export class SignInRequired extends Error {}

/**
 * Resolves the session into the signed-in user (active ones only) and the
 * reader's language, then applies the route's least role, as the API does.
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessionsService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const token = session.token(request);
    const found = token ? await this.sessions.resolve(token) : null;
    // Signed out, ended elsewhere, idle too long, or the person deactivated: the cookie is dropped.
    if (token && !found) session.forget(request);
    const user = found?.user;
    if (found) {
      request.user = found.user;
      request.webSession = found.session;
    }
    const locale = (isLocale(user?.locale) ? user.locale : undefined) ?? session.locale(request) ?? negotiateLocale(request.headers['accept-language'], this.config.language);
    request.translator = new Translator(locale, this.config.timeZone);

    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(ANONYMOUS_KEY, targets)) return true;
    if (!user) throw new SignInRequired();
    const minimum = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE_KEY, targets);
    if (minimum && !hasRole(user.role, minimum)) throw refusal(HttpStatus.FORBIDDEN, 'auth.roleRequired', `this page needs the ${minimum} role or above`, { values: { role: minimum }, words: { role: 'role' } });
    return true;
  }
}

/** Everything a page needs to render for its reader. */
export interface PageContext {
  t: Translator;
  user: Person | undefined;
  /** The form token every POST form carries as `_csrf`. */
  csrf: string;
  path: string;
  /** Set when the page answers a refused form: that form shows what was typed and what is wrong. */
  refusal?: Refusal;
}

export const pageContext = (request: WebRequest, reply: FastifyReply): PageContext => ({
  t: request.translator!,
  user: request.user,
  csrf: reply.generateCsrf(),
  path: request.url,
});

export const Page = createParamDecorator((_: unknown, context: ExecutionContext): PageContext => {
  const http = context.switchToHttp();
  return pageContext(http.getRequest<WebRequest>(), http.getResponse<FastifyReply>());
});

/** The signed-in person as the services' actor: every role rule of the API applies unchanged. */
export const WebActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<WebRequest>().user!;
  return { kind: 'user', id: user.id, role: user.role };
});
