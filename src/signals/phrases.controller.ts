import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { CreatePhraseDto, PhrasesView, PhraseView } from './phrase.dto.js';
import { SignalsService } from './signals.service.js';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/signals/phrases')
export class PhrasesController {
  constructor(private readonly signals: SignalsService) {}

  @Get()
  @ApiOperation({ summary: 'The phrases admins added to the lexicons, per language and kind, with the settings’ version' })
  @ApiOkResponse({ type: PhrasesView })
  list(): Promise<PhrasesView> {
    return this.signals.phrases();
  }

  @Post()
  @MinRole('admin')
  @ApiOperation({ summary: 'Add a phrase to a language’s lexicon for a kind (admin); it applies to messages analysed from now on, and is recorded in the settings’ timeline' })
  @ApiCreatedResponse({ type: PhraseView })
  add(@CurrentActor() actor: Actor, @Body() dto: CreatePhraseDto): Promise<PhraseView> {
    return this.signals.addPhrase(actor, dto);
  }

  @Delete(':id')
  @MinRole('admin')
  @ApiOperation({ summary: 'Remove a phrase (admin); recorded in the settings’ timeline. Messages keep their signals until their thread is read again' })
  @ApiOkResponse({ type: PhraseView })
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PhraseView> {
    return this.signals.removePhrase(actor, id);
  }
}
