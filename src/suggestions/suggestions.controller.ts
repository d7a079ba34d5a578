import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { IdParam } from '../common/validation.js';
import { AcceptSuggestionDto, DismissSuggestionDto, SuggestionOutcomeView } from './suggestion.dto.js';
import { SuggestionsService } from './suggestions.service.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/incidents/:id/suggestions/:key')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Post('accept')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Record what a suggestion proposes, with your edits: a state move, a legal notice (legal and admin only) or a commitment' })
  @ApiOkResponse({ type: SuggestionOutcomeView })
  accept(@CurrentActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() dto: AcceptSuggestionDto): Promise<SuggestionOutcomeView> {
    return this.suggestions.accept(actor, id, key, dto);
  }

  @Post('dismiss')
  @HttpCode(200)
  @MinRole('community_manager')
  @ApiOperation({ summary: 'Dismiss a suggestion for good; recorded in the timeline' })
  @ApiOkResponse({ type: SuggestionOutcomeView })
  dismiss(@CurrentActor() actor: Actor, @IdParam() id: string, @Param('key') key: string, @Body() dto: DismissSuggestionDto): Promise<SuggestionOutcomeView> {
    return this.suggestions.dismiss(actor, id, key, dto);
  }
}
