import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../auth/auth.decorators.js';
import { analyzeSignals, suggestedState } from './analyzer.js';
import { AnalysisView, AnalyzeDto } from './signal.dto.js';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/signals')
export class SignalsController {
  @Post('analyze')
  @HttpCode(200)
  // Analysing writes nothing: any signed-in user may.
  @MinRole('viewer')
  @ApiOperation({ summary: 'The signals of a text (French or English) and the state they suggest, without recording anything' })
  @ApiOkResponse({ type: AnalysisView })
  analyze(@Body() dto: AnalyzeDto): AnalysisView {
    const signals = analyzeSignals(dto.text);
    const state = suggestedState(signals);
    return { signals, ...(state ? { suggestedState: state } : {}) };
  }
}
