import { Catch, Injectable, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toErrorBody } from '../common/http-errors.filter.js';
import { AppConfig } from '../config/app-config.js';
import { negotiateLocale, Translator } from '../i18n/i18n.js';
import { errorPage } from './pages/error.page.js';
import { SignInRequired, type WebRequest } from './web-context.js';

/**
 * Errors on pages answer as pages: sign-in when no one is, else the status
 * with one line per problem, in the reader's language (a refused form names
 * its field by its word).
 */
@Catch()
@Injectable()
export class WebErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');

  constructor(private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      const target = `/login${request.method === 'GET' && request.url !== '/' ? `?next=${encodeURIComponent(request.url)}` : ''}`;
      if (request.headers['hx-request']) void reply.header('HX-Redirect', target).code(204).send();
      else void reply.redirect(target, 303);
      return;
    }
    const body = toErrorBody(exception, this.logger);
    const t = request.translator ?? new Translator(negotiateLocale(request.headers['accept-language'], this.config.language), this.config.timeZone);
    const messages = (body.problems ?? []).map((problem) => t.problem(problem));
    const back = request.method === 'GET' ? '/' : sameOriginPath(request.headers.referer) ?? '/';
    void reply
      .code(body.statusCode)
      .type('text/html; charset=utf-8')
      .send(errorPage({ t, user: request.user, csrf: reply.generateCsrf(), path: request.url }, body.statusCode, messages, back).text);
  }
}

/** The path of a Referer on this site (never another site's URL, which a link back would otherwise open). */
export function sameOriginPath(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    const url = new URL(referer, 'http://calumet.invalid');
    return url.pathname.startsWith('/') && !url.pathname.startsWith('//') ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}
