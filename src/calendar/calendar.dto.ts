import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedView {
  @ApiProperty({ description: 'The private address of your calendar feed (iCalendar), shown this once: subscribe to it in Outlook, Google Calendar, Thunderbird… Whoever has it reads your deadlines without signing in.', example: 'https://calumet.example.org/calendar/3q2-7wE….ics' })
  url: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}
