import { Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, MinRole, Public } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal-directory.js';
import { refusal } from '../common/problem.js';
import { CalendarFeedView } from './calendar.dto.js';
import { CalendarService } from './calendar.service.js';

/** The private calendar feed: its address (issued, renewed, turned off by its owner) and the feed itself, opened by the secret in its address. */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Post('api/me/calendar')
  @HttpCode(200)
  @MinRole('viewer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Make (or renew) your private calendar feed: a new address, shown this once; the old one answers 404 from now on' })
  @ApiOkResponse({ type: CalendarFeedView })
  async issue(@CurrentUser() user: Principal): Promise<CalendarFeedView> {
    const { url, issuedAt } = await this.calendars.issue(user.id);
    return { url, issuedAt: issuedAt.toISOString() };
  }

  @Delete('api/me/calendar')
  @HttpCode(204)
  @MinRole('viewer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Turn your calendar feed off: its address answers 404 from now on (nothing to turn off is no error)' })
  @ApiNoContentResponse()
  async turnOff(@CurrentUser() user: Principal): Promise<void> {
    await this.calendars.turnOff(user.id);
  }

  @Get('calendar/:file')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary:
      'Your calendar feed (iCalendar, RFC 5545), no sign-in: the secret in the address is the credential. Legal deadlines (all-day events on their last day in CALUMET_TZ), commitments due and follow-ups (timed, in UTC), in your language; each event keeps its UID across changes',
  })
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'No feed has this address (renewed, turned off, or never made)' })
  async feed(@Param('file') file: string): Promise<string> {
    const secret = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const text = secret ? await this.calendars.feed(secret) : null;
    if (text === null) throw refusal(HttpStatus.NOT_FOUND, 'calendar.unknown', 'no calendar feed has this address');
    return text;
  }
}
