import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import { attachment } from '../common/attachment.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { CommentView } from '../comments/comment.dto.js';
import { AppConfig } from '../config/app-config.js';
import { letterDocument } from './letter-html.js';
import { LETTER_KEYS, LETTER_LANGUAGES } from './letter-kinds.js';
import { LetterQuery, LetterTemplatesView, LetterTemplateView, MarkLetterSentDto, UpdateLetterTemplateDto } from './letter.dto.js';
import { LettersService } from './letters.service.js';

@ApiTags('letters')
@ApiBearerAuth()
@Controller('api')
export class LettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly config: AppConfig,
  ) {}

  @Get('letter-templates')
  @ApiOperation({ summary: 'The letters’ templates in French and English, the placeholders they may use, those the record cannot fill yet, and the refusal grounds' })
  @ApiOkResponse({ type: LetterTemplatesView })
  list(): Promise<LetterTemplatesView> {
    return this.letters.list();
  }

  @Put('letter-templates/:key/:language')
  @MinRole('admin')
  @ApiOperation({ summary: 'Rewrite a letter’s template (admin); 400 naming the field and the placeholder when it uses one Calumet cannot fill, nothing written' })
  @ApiParam({ name: 'key', enum: LETTER_KEYS })
  @ApiParam({ name: 'language', enum: LETTER_LANGUAGES })
  @ApiOkResponse({ type: LetterTemplateView })
  update(@CurrentActor() actor: Actor, @Param('key') key: string, @Param('language') language: string, @Body() dto: UpdateLetterTemplateDto): Promise<LetterTemplateView> {
    return this.letters.update(actor, key, language, dto);
  }

  @Get('legal-notices/:id/letters/:key')
  @ApiOperation({ summary: 'A letter answering the notice, filled from the record: a printable HTML page (letterhead, date, recipient, reference, body) or its PDF' })
  @ApiParam({ name: 'key', enum: LETTER_KEYS })
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({ schema: { type: 'string' } })
  async letter(@CurrentActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Query() query: LetterQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | StreamableFile> {
    const letter = await this.letters.fill(actor, id, key, { ...query, language: query.language ?? this.config.language });
    if (query.format === 'pdf') {
      const { fileName, pdf } = await this.letters.pdf(letter);
      return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length, disposition: attachment(fileName) });
    }
    void reply.type('text/html; charset=utf-8');
    return letterDocument(letter);
  }

  @Post('legal-notices/:id/letters/:key/sent')
  @MinRole('legal')
  @ApiOperation({ summary: 'Record a letter as sent: its text becomes an outbound message of the incident (answering the message that carried the notice), with a letter.sent timeline event' })
  @ApiParam({ name: 'key', enum: LETTER_KEYS })
  @ApiCreatedResponse({ type: CommentView })
  sent(@CurrentActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() dto: MarkLetterSentDto): Promise<CommentView> {
    return this.letters.markSent(actor, id, key, dto);
  }
}
