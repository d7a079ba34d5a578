import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { validateAs } from '../common/validation.js';
import { isLocale, Translator } from '../i18n/i18n.js';
import { PublicNoticeDto } from '../public-notices/public-notice.dto.js';
import { PublicNoticesService } from '../public-notices/public-notices.service.js';
import { answerForm, isHtmx } from './form-answer.js';
import { listOf, textOf, withScheme, type Form } from './forms.js';
import { REPORT_FORM, reportForm, reportPage, reportReceivedPage } from './pages/report.page.js';
import { PublicNoticeGate } from './public-notice-gate.js';
import { send } from './send-page.js';
import { Anonymous, pageContext, session, WebSessionGuard, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

const REF = /^LN-\d{4}-\d{4,6}$/;
const given = (text: string): string | undefined => (text.trim() ? text.trim() : undefined);

/**
 * The form's fields as the notice the service takes: one address per line (one typed without its scheme, as
 * `blog.example.com/2026/11/a-post`, is the https address a browser would open), the box ticked or not, the page's
 * language. The API takes whole addresses only.
 */
export function noticeOfForm(form: Form, locale: string): Record<string, unknown> {
  const urls = textOf(form, 'urls')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(withScheme);
  return {
    urls: urls.length ? urls : undefined,
    explanation: given(textOf(form, 'explanation')),
    goodFaith: listOf(form, 'goodFaith').includes('true'),
    name: given(textOf(form, 'name')),
    email: given(textOf(form, 'email')),
    category: given(textOf(form, 'category')),
    locale,
  };
}

/**
 * The public notice form, /report (DSA art. 16): no sign-in, in the
 * reader's language (Accept-Language, the language switch, or ?lang=),
 * behind the same gate as its API (web/public-notice-gate.ts).
 */
@ApiExcludeController()
@Public()
@Anonymous()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller('report')
export class ReportPagesController {
  constructor(
    private readonly gate: PublicNoticeGate,
    private readonly notices: PublicNoticesService,
  ) {}

  @Get()
  async form(@Req() request: WebRequest, @Query('lang') lang: unknown, @Res() reply: FastifyReply): Promise<void> {
    if (isLocale(lang)) {
      // Kept for the rest of the visit, as the language switch keeps it.
      session.setLocale(request, lang);
      request.translator = new Translator(lang, request.translator!.timeZone);
    }
    const ticket = await this.gate.issue();
    send(reply, 200, reportPage(pageContext(request, reply), ticket.token).text);
  }

  @Post()
  async submit(@Req() request: WebRequest, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const page = pageContext(request, reply);
    const admission = await this.gate.admit(request.ip);
    // A refused form keeps its token's age, so fixing it is not refused as too fresh.
    const ticket = await this.gate.reissue(textOf(form, 'formToken'));
    if (!admission.allowed) {
      void reply.header('Retry-After', Math.ceil(admission.waitMs / 1000));
      const limited = { ...page, refusal: { form: REPORT_FORM, values: form, problems: [] } };
      const error = page.t.t('report.limited', { minutes: Math.ceil(admission.waitMs / 60_000) });
      return send(reply, 429, (isHtmx(request) ? reportForm(limited, ticket.token, { error }) : reportPage(limited, ticket.token, { error })).text);
    }
    await answerForm(
      { request, reply, page, form, id: REPORT_FORM },
      async () => {
        await this.gate.check({ formToken: textOf(form, 'formToken'), website: textOf(form, 'website') }, request.ip);
        const receipt = await this.notices.submit(await validateAs(PublicNoticeDto, noticeOfForm(form, page.t.locale)), 'form');
        return `/report/received?ref=${encodeURIComponent(receipt.ref)}&ack=${receipt.acknowledgement}`;
      },
      (p, htmx) => (htmx ? reportForm(p, ticket.token) : reportPage(p, ticket.token)),
    );
  }

  @Get('received')
  received(@Req() request: WebRequest, @Query('ref') ref: unknown, @Query('ack') ack: unknown, @Res() reply: FastifyReply): void {
    const acknowledgement = ack === 'sent' || ack === 'failed' || ack === 'none' ? ack : undefined;
    send(reply, 200, reportReceivedPage(pageContext(request, reply), typeof ref === 'string' && REF.test(ref) ? ref : undefined, acknowledgement).text);
  }
}
