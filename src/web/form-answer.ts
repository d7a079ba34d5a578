import { HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from '../common/http-errors.filter.js';
import type { Problem } from '../common/problem.js';
import { formIdOf, type Form, type Refusal } from './forms.js';
import type { Html } from '../common/html.js';
import { send } from './send-page.js';
import type { PageContext } from './web-context.js';

/** Refusals a form says in place, what was typed kept; anything else (403, 500) answers as the error page. */
const IN_PLACE = new Set([400, 404, 409, 410, 413, 422, 429]);

/** The problems of a refused request, in place of a form: the API's problems, else one per message it answered. */
export function refusalOf(error: unknown): { status: number; problems: Problem[] } | undefined {
  if (!(error instanceof HttpException) || !IN_PLACE.has(error.getStatus())) return undefined;
  const body = toErrorBody(error);
  const messages = Array.isArray(body.message) ? body.message : [body.message];
  return { status: body.statusCode, problems: body.problems ?? messages.map((message) => ({ code: 'http.status' as const, values: { status: body.statusCode }, message })) };
}

/** A request htmx made for an element (not a boosted page load): it swaps the answer in place. */
export const isHtmx = (request: FastifyRequest): boolean => request.headers['hx-request'] === 'true' && request.headers['hx-boosted'] !== 'true';

export interface FormSubmit {
  request: FastifyRequest;
  reply: FastifyReply;
  page: PageContext;
  form: Form;
  /** The form's id when the submit names none (`_form`). */
  id: string;
}

/**
 * Runs a form's action and answers the browser. Done: a redirect to where
 * `act` says (303; for htmx, HX-Redirect). Refused: the status of the
 * refusal with `render`'s page, the refused form showing what was typed and
 * what is wrong; `render` is told whether htmx asked, and then answers the
 * form alone, which htmx swaps in place of the one submitted.
 */
export async function answerForm(submit: FormSubmit, act: () => Promise<string>, render: (page: PageContext, htmx: boolean) => Html | Promise<Html>): Promise<void> {
  let location: string;
  try {
    location = await act();
  } catch (error) {
    const refused = refusalOf(error);
    if (!refused) throw error;
    const refusal: Refusal = { form: formIdOf(submit.form, submit.id), values: submit.form, problems: refused.problems };
    const htmx = isHtmx(submit.request);
    send(submit.reply, refused.status, (await render({ ...submit.page, refusal }, htmx)).text);
    return;
  }
  redirectAfterForm(submit.request, submit.reply, location);
}

/**
 * After a form did its work: 303 to the next page; for htmx, HX-Redirect
 * (and HX-Refresh when only the anchor differs from the page it was on, or
 * the browser would only scroll).
 */
export function redirectAfterForm(request: FastifyRequest, reply: FastifyReply, location: string): void {
  if (!isHtmx(request)) {
    void reply.redirect(location, 303);
    return;
  }
  void reply.header('HX-Redirect', location);
  if (location.includes('#') && location.split('#')[0] === currentPath(request)) void reply.header('HX-Refresh', 'true');
  void reply.code(204).send();
}

function currentPath(request: FastifyRequest): string | undefined {
  const header = request.headers['hx-current-url'];
  if (typeof header !== 'string') return undefined;
  try {
    const url = new URL(header);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}
