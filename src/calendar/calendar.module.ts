import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarFeed } from './calendar-feed.entity.js';
import { CalendarSources } from './calendar-sources.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';

/** The personal calendar feeds (docs/legal.md, "Calendars and exports"). */
@Module({ imports: [TypeOrmModule.forFeature([CalendarFeed])], controllers: [CalendarController], providers: [CalendarService, CalendarSources], exports: [CalendarService] })
export class CalendarModule {}
