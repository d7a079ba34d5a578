import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../common/openapi.js';
import { mapPage } from '../common/pagination.js';
import { VerificationView } from '../timeline/timeline.dto.js';
import { SettingsEventView, SettingsTimelineQuery } from './settings.dto.js';
import { SettingsTimelineService } from './settings-timeline.service.js';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('api/settings/timeline')
export class SettingsController {
  constructor(private readonly timeline: SettingsTimelineService) {}

  @Get()
  @ApiOperation({ summary: 'The settings’ hash-chained timeline, oldest first: every change of a setting (signal phrases…) and who made it' })
  @ApiPage(SettingsEventView)
  async list(@Query() query: SettingsTimelineQuery) {
    return mapPage(await this.timeline.list(query), SettingsEventView.of);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the settings’ chain and names the first event that does not hold' })
  @ApiOkResponse({ type: VerificationView })
  verify(): Promise<VerificationView> {
    return this.timeline.verify();
  }
}
