import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MinRole, Public } from '../auth/auth.decorators.js';
import { attachment } from '../common/attachment.js';
import { hasRole, type Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import type { Html } from '../common/html.js';
import { LegalNoticesService } from '../legal-notices/legal-notices.service.js';
import { isLetterKey, LETTER_LANGUAGES, REFUSAL_GROUNDS, type LetterLanguage, type RefusalGround } from '../letters/letter-kinds.js';
import { MarkLetterSentDto } from '../letters/letter.dto.js';
import { LettersService } from '../letters/letters.service.js';
import { answerForm } from './form-answer.js';
import { fromForm, listOf, textOf, type Form } from './forms.js';
import { lettersFor, lettersPage, type LetterChoice } from './pages/legal/letters.page.js';
import { send } from './send-page.js';
import { Page, WebActor, WebSessionGuard, type PageContext, type WebRequest } from './web-context.js';
import { WebErrorsFilter } from './web-errors.filter.js';

/**
 * Letters at the desk: from a notice's page, choose a letter and its
 * language, read it filled, print it or take its PDF; legal staff record it
 * as sent (its text then joins the thread as an outbound message).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorsFilter)
@Controller('legal-notices')
export class LettersPagesController {
  constructor(
    private readonly notices: LegalNoticesService,
    private readonly letters: LettersService,
  ) {}

  @Get(':id/letters')
  async page(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Query() query: Form, @Res() reply: FastifyReply): Promise<void> {
    send(reply, 200, (await this.render(page, actor, id, query)).text);
  }

  @Get(':id/letters/:key/pdf')
  async pdf(@Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Query() query: Form, @Res() reply: FastifyReply): Promise<void> {
    const choice = await this.choice(page, actor, id, query);
    const { fileName, pdf } = await this.letters.pdf(await this.letters.fill(actor, id, key, choice));
    void reply.type('application/pdf').header('content-disposition', attachment(fileName)).header('cache-control', 'no-store').send(pdf);
  }

  @Post(':id/letters/:key/sent')
  @MinRole('legal')
  async sent(@Req() request: WebRequest, @Page() page: PageContext, @WebActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await answerForm(
      { request, reply, page, form, id: 'letter-sent' },
      async () => {
        const comment = await this.letters.markSent(actor, id, key, await fromForm(MarkLetterSentDto, form));
        return `/incidents/${comment.incidentId}#comment-${comment.id}`;
      },
      (refused) => this.render(refused, actor, id, { letter: key, language: textOf(form, 'language'), grounds: listOf(form, 'grounds'), groundsNote: textOf(form, 'groundsNote') }),
    );
  }

  private async render(page: PageContext, actor: Actor, id: string, query: Form): Promise<Html> {
    const notice = await this.notices.get(actor, id);
    const choice = await this.choice(page, actor, id, query, notice);
    const letter = await this.letters.fill(actor, id, choice.key, choice);
    return lettersPage(page, notice, choice, letter, !!page.user && hasRole(page.user.role, 'legal'));
  }

  /** What the address asks for, what it does not know left out: the first letter for the notice's type, the reader's language. */
  private async choice(page: PageContext, actor: Actor, id: string, query: Form, known?: { type: string }): Promise<LetterChoice> {
    const letter = textOf(query, 'letter');
    const language = textOf(query, 'language');
    const { type } = known ?? (await this.notices.get(actor, id));
    return {
      key: isLetterKey(letter) ? letter : lettersFor(type)[0]!,
      language: (LETTER_LANGUAGES as readonly string[]).includes(language) ? (language as LetterLanguage) : page.t.locale,
      grounds: listOf(query, 'grounds').filter((ground): ground is RefusalGround => (REFUSAL_GROUNDS as readonly string[]).includes(ground)),
      groundsNote: textOf(query, 'groundsNote').slice(0, 4000),
    };
  }
}
