import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import secureSession from '@fastify/secure-session';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { negotiateLocale, Translator } from '../i18n/i18n.js';
import { html } from '../common/html.js';
import { addressesTyped } from './forms.js';
import { errorPage } from './pages/error.page.js';
import { sizeInWords } from './pages/sizes.js';
import { SessionKeyService } from './session-key.service.js';
import { session } from './web-context.js';
import { sameOriginPath } from './web-errors.filter.js';

export const SESSION_COOKIE = 'calumet_session';
const SESSION_SECONDS = 12 * 60 * 60;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Pages run no inline script or style and load nothing from elsewhere. */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Swagger UI and the queue dashboard bring their own inline code; the API answers JSON and forms there carry no session. */
const outsideDesk = (url: string): boolean => url.startsWith('/docs') || url.startsWith('/admin/queues') || url.startsWith('/api/');

/**
 * The web desk's plugins on the API's Fastify: the session cookie
 * (httpOnly, SameSite=Lax, Secure when the request came over https), a
 * CSRF token checked on every state-changing request outside the API, and
 * the strict Content-Security-Policy on every page.
 */
export async function registerWebDesk(http: NestFastifyApplication): Promise<void> {
  const key = await http.get(SessionKeyService).key();
  const config = http.get(AppConfig);
  const timeZone = config.timeZone;
  await http.register(cookie);
  await http.register(secureSession, {
    key,
    cookieName: SESSION_COOKIE,
    expiry: SESSION_SECONDS,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_SECONDS },
  });
  await http.register(csrf, { sessionPlugin: '@fastify/secure-session', getToken: formToken });

  const fastify = http.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!outsideDesk(request.url)) void reply.header('content-security-policy', STRICT_CSP);
    done(null, payload);
  });
  // Said in words on the form, before the body is read (browsers and htmx send its length); multipart uploads check their own cap.
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    const length = Number(request.headers['content-length']);
    if (outsideDesk(request.url) || !(length > config.maxBodyBytes) || request.headers['content-type']?.startsWith('multipart/')) return done(null, payload);
    refuseTooLarge(request, reply, timeZone, config.maxBodyBytes);
  });
  fastify.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || outsideDesk(request.url)) return done();
    // An address typed without its scheme is the https one (forms.ts, ADDRESS_FIELD): one rule for every desk form.
    if (request.body && typeof request.body === 'object' && !Array.isArray(request.body)) request.body = addressesTyped(request.body as Record<string, unknown>);
    // csrfProtection answers a bad token through reply.send(error), as JSON: this reply answers with a page instead.
    const refusing = { send: () => refuseForm(request, reply, timeZone) } as unknown as FastifyReply;
    fastify.csrfProtection(request, refusing, done);
  });
}

/**
 * A form's CSRF token: its `_csrf` field, or htmx's header; a file upload,
 * whose fields are read only once the route runs, carries it in its address.
 */
function formToken(request: FastifyRequest): string | undefined {
  const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  const header = request.headers['x-csrf-token'];
  const query = (request.query as { _csrf?: unknown } | undefined)?._csrf;
  if (typeof field === 'string') return field;
  if (typeof header === 'string') return header;
  return request.isMultipart() && typeof query === 'string' ? query : undefined;
}

/** A body over the limit: htmx puts the sentence at the top of the form, everything typed still in it; a browser without it gets a page saying it. */
function refuseTooLarge(request: FastifyRequest, reply: FastifyReply, timeZone: string, limit: number): void {
  const t = new Translator(session.locale(request) ?? negotiateLocale(request.headers['accept-language']), timeZone);
  const message = t.t('form.tooLarge', { size: sizeInWords(t, limit) });
  if (request.headers['hx-request'] === 'true') {
    void reply.code(413).type('text/html; charset=utf-8').header('HX-Retarget', 'find .form-problems').header('HX-Reswap', 'innerHTML').send(html`<ul><li>${message}</li></ul>`.text);
    return;
  }
  const back = sameOriginPath(request.headers.referer) ?? '/';
  void reply.code(413).type('text/html; charset=utf-8').send(errorPage({ t, user: undefined, csrf: '', path: request.url }, 413, [message], back).text);
}

function refuseForm(request: FastifyRequest, reply: FastifyReply, timeZone: string): FastifyReply {
  const t = new Translator(negotiateLocale(request.headers['accept-language']), timeZone);
  return reply.code(403).type('text/html; charset=utf-8').send(errorPage({ t, user: undefined, csrf: '', path: request.url }, 403, [t.t('error.csrf')]).text);
}
