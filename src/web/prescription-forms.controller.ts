import { Body, Controller, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { MarkPrescriptionDto, UnmarkPrescriptionDto } from '../prescriptions/prescription.dto.js';
import { PrescriptionsService } from '../prescriptions/prescriptions.service.js';
import { answerForm } from './form-answer.js';
import { fromForm, textOf, type Form } from './forms.js';
import { IncidentPageReader } from './incident-page.reader.js';
import { incidentRefusal } from './incident-pages.controller.js';
import { prescriptionForm, removeForm } from './pages/incident/prescriptions.part.js';
import { Page, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/** Press-law prescription from the incident page: mark a message or post, remove a mark. */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@MinRole('community_manager')
@Controller()
export class PrescriptionFormsController {
  constructor(
    private readonly prescriptions: PrescriptionsService,
    private readonly reader: IncidentPageReader,
  ) {}

  @Post('incidents/:id/prescriptions')
  async mark(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'prescription' },
      async () => {
        // One select names the subject as `comment:<id>` or `post:<id>`; its problems are said beside it.
        const [subjectType = '', subjectId = ''] = textOf(form, 'subjectId').split(':');
        const ground = textOf(form, 'ground');
        const dto = await fromForm(MarkPrescriptionDto, { ...form, subjectType, subjectId, ground: ground || undefined, publishedAt: textOf(form, 'publishedAt') || undefined, note: textOf(form, 'note') || undefined });
        return `/incidents/${id}#prescription-${(await this.prescriptions.mark(actor, id, dto)).id}`;
      },
      incidentRefusal(this.reader, actor, id, prescriptionForm),
    );
  }

  @Post('prescriptions/:id/remove')
  async remove(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    const mark = await this.prescriptions.get(id);
    await answerForm(
      { request, reply, page, form, id: `prescription-remove-${id}` },
      async () => {
        await this.prescriptions.unmark(actor, id, await fromForm(UnmarkPrescriptionDto, form));
        return `/incidents/${mark.incidentId}#prescriptions`;
      },
      incidentRefusal(this.reader, actor, mark.incidentId, (p) => removeForm(p, mark)),
    );
  }
}
