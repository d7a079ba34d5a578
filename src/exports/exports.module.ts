import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/** CSV exports of incidents, legal notices and threads (docs/legal.md, "Calendars and exports"). */
@Module({ imports: [IncidentsModule, LegalNoticesModule, CommentsModule], controllers: [ExportsController], providers: [ExportsService], exports: [ExportsService] })
export class ExportsModule {}
