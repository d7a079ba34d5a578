import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal-directory.js';
import { AgendaView } from './agenda.dto.js';
import { AgendaService } from './agenda.service.js';

@ApiTags('agenda')
@ApiBearerAuth()
@Controller('api/me')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get('agenda')
  @ApiOperation({ summary: 'What I owe, most urgent first: replies, legal deadlines within 7 days, commitments due, failed checks, follow-ups' })
  @ApiOkResponse({ type: AgendaView })
  get(@CurrentUser() user: Principal): Promise<AgendaView> {
    return this.agenda.of(user.id);
  }
}
