import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, MinRole } from '../auth/auth.decorators.js';
import type { Actor } from '../common/roles.js';
import { DeadlineRulesView, ReplaceDeadlineRulesDto } from './deadline-rule.dto.js';
import { DeadlineRulesService } from './deadline-rules.service.js';

@ApiTags('deadline rules')
@ApiBearerAuth()
@Controller('api/deadline-rules')
export class DeadlineRulesController {
  constructor(private readonly rules: DeadlineRulesService) {}

  @Get()
  @ApiOperation({ summary: 'The rules that compute a legal notice’s respondBy, with their legal references' })
  @ApiOkResponse({ type: DeadlineRulesView })
  list(): Promise<DeadlineRulesView> {
    return this.rules.list();
  }

  @Put()
  @MinRole('admin')
  @ApiOperation({ summary: 'Replace the whole rule set (admin); notices already recorded keep their deadline' })
  @ApiOkResponse({ type: DeadlineRulesView })
  replace(@CurrentActor() actor: Actor, @Body() dto: ReplaceDeadlineRulesDto): Promise<DeadlineRulesView> {
    return this.rules.replace(actor, dto);
  }
}
