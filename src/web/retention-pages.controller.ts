import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import { fieldProblem, badRequest } from '../common/problem.js';
import type { Actor } from '../common/roles.js';
import { PurgeDto } from '../retention/retention.dto.js';
import { RetentionService } from '../retention/retention.service.js';
import { UsersService } from '../users/users.service.js';
import { answerForm } from './form-answer.js';
import { fromForm, listOf, textOf, type Form } from './forms.js';
import { purgeForm, retentionPage, type RetentionPageData } from './pages/retention.page.js';
import { send } from './send-page.js';
import { Page, session, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** Removals the page lists, newest first. */
const REMOVALS_SHOWN = 50;

/** /admin/retention: what is due for purge under the retention rules, purged by an admin who has seen it. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller()
export class RetentionPagesController {
  constructor(
    private readonly retention: RetentionService,
    private readonly users: UsersService,
  ) {}

  @Get('admin/retention')
  @MinRole('admin')
  async page(@Req() request: WebRequest, @Page() page: PageContext, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, retentionPage(page, await this.data(), session.takeFlash(request)).text);
  }

  @Post('admin/retention/purge')
  @MinRole('admin')
  async purge(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'purge' },
      async () => {
        const ticked = listOf(form, 'incidentIds');
        const problems = [
          ...(ticked.length ? [] : [fieldProblem('incidentIds', 'retention.noneTicked', 'incidentIds: tick the incidents to purge')]),
          ...(textOf(form, 'confirm') === 'true' ? [] : [fieldProblem('confirm', 'retention.unconfirmed', 'confirm: tick it to say you understand the incidents are removed for good')]),
        ];
        if (problems.length) throw badRequest(...problems);
        const dto = await fromForm(PurgeDto, { incidentIds: ticked });
        const result = await this.retention.purge(actor, dto.incidentIds);
        const purged = result.outcomes.filter((outcome) => outcome.status === 'purged').length;
        const refused = result.outcomes.filter((outcome) => outcome.status === 'refused');
        const t = request.translator!;
        session.flash(request, refused.length ? t.t('retention.purgedSome', { purged, refused: refused.length, refs: refused.map((outcome) => `${outcome.ref ?? outcome.incidentId} (${outcome.detail ?? outcome.reason})`).join(', ') }) : t.t('retention.purged', { purged }));
        return '/admin/retention';
      },
      async (p, htmx) => {
        const data = await this.data();
        return htmx ? purgeForm(p, data.due.due) : retentionPage(p, data);
      },
    );
  }

  private async data(): Promise<RetentionPageData> {
    const [due, removals] = await Promise.all([this.retention.due(), this.retention.removals(REMOVALS_SHOWN)]);
    const actors = [...new Set(removals.map((removal) => removal.actor).filter((actor) => actor !== 'system'))];
    const people = await Promise.all(actors.map((id) => this.users.get(id).then((user) => [id, user.name] as const, () => [id, id] as const)));
    return { due, removals, people: Object.fromEntries(people) };
  }
}
