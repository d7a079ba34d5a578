import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../auth/auth.decorators.js';
import { suggestedState } from './analyzer.js';
import { AnalysisView, AnalyzeDto } from './signal.dto.js';
import { sideFrom } from './sides.js';
import { SignalsService } from './signals.service.js';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('api/signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  @Post('analyze')
  @HttpCode(200)
  // Analysing writes nothing: any signed-in user may.
  @MinRole('viewer')
  @ApiOperation({ summary: 'The signals of a text (French or English) as the side writing it says them, and the state they suggest, without recording anything' })
  @ApiOkResponse({ type: AnalysisView })
  async analyze(@Body() dto: AnalyzeDto): Promise<AnalysisView> {
    if (dto.side && dto.direction && (dto.side === 'ours') !== (dto.direction === 'outbound')) {
      throw new BadRequestException([`side ${dto.side} contradicts direction ${dto.direction}: outbound is our side, inbound the counterpart's or a bystander's`]);
    }
    const side = sideFrom(dto.direction, dto.side);
    const signals = (await this.signals.analyzer()).analyze(dto.text, side);
    const state = suggestedState(signals, side);
    return { side, signals, ...(state ? { suggestedState: state } : {}) };
  }
}
