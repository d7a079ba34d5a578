import { Body, Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { CommitmentChecker } from '../commitments/commitment-checker.service.js';
import { CreateCommitmentDto, DueDto, ReasonDto } from '../commitments/commitment.dto.js';
import { CommitmentsService } from '../commitments/commitments.service.js';
import { answerForm } from './form-answer.js';
import { fromForm, type Form } from './forms.js';
import { IncidentPageReader } from './incident-page.reader.js';
import { incidentRefusal } from './incident-pages.controller.js';
import { commitmentForm, commitmentMoveForm, type CommitmentMove } from './pages/incident/commitments.part.js';
import { Page, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** Promises made to a party, from the incident page: add one, then set its due time, done, verify now, reopen or cancel it. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@MinRole('community_manager')
@Controller()
export class CommitmentFormsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly checker: CommitmentChecker,
    private readonly reader: IncidentPageReader,
  ) {}

  @Post('incidents/:id/commitments')
  async add(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'commitment' },
      async () => `/incidents/${id}#commitment-${(await this.commitments.create(actor, id, await fromForm(CreateCommitmentDto, form))).id}`,
      incidentRefusal(this.reader, actor, id, commitmentForm),
    );
  }

  @Post('commitments/:id/done')
  done(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.move('done', { request, page, actor, id, form, reply });
  }

  @Post('commitments/:id/verify')
  verify(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.move('verify', { request, page, actor, id, form, reply });
  }

  @Post('commitments/:id/reopen')
  reopen(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.move('reopen', { request, page, actor, id, form, reply });
  }

  @Post('commitments/:id/due')
  due(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.move('due', { request, page, actor, id, form, reply });
  }

  @Post('commitments/:id/cancel')
  cancel(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    return this.move('cancel', { request, page, actor, id, form, reply });
  }

  /** One move of a commitment; refused, its form comes back saying why (htmx), or the whole page with it open. */
  private async move(move: CommitmentMove, submit: { request: WebRequest; page: PageContext; actor: Actor; id: string; form: Form; reply: FastifyReply }): Promise<void> {
    const { request, page, actor, id, form, reply } = submit;
    const commitment = await this.commitments.get(id);
    await answerForm(
      { request, reply, page, form, id: `commitment-${move}-${id}` },
      async () => {
        if (move === 'done') await this.commitments.markDone(actor, id);
        else if (move === 'due') await this.commitments.setDue(actor, id, (await fromForm(DueDto, form)).dueAt);
        else if (move === 'verify') await this.checker.check(actor, id);
        else {
          const { reason } = await fromForm(ReasonDto, form);
          await (move === 'reopen' ? this.commitments.reopen(actor, id, reason) : this.commitments.cancel(actor, id, reason));
        }
        return `/incidents/${commitment.incidentId}#commitment-${id}`;
      },
      incidentRefusal(this.reader, actor, commitment.incidentId, (p) => commitmentMoveForm(p, commitment, move)),
    );
  }
}
