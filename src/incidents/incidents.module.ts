import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IncidentPost } from './incident-post.entity.js';
import { Incident } from './incident.entity.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';
import { OpenItemsRegistry } from './open-items.registry.js';
import { PrescriptionsRegistry } from './prescriptions.registry.js';
import { IncidentRemovals } from './removals.registry.js';
import { SuggestionsRegistry } from './suggestions.registry.js';

/** Global: every feature under an incident (comments, notices, commitments, reminders) starts from it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Incident, IncidentPost])],
  controllers: [IncidentsController],
  providers: [IncidentsService, OpenItemsRegistry, SuggestionsRegistry, PrescriptionsRegistry, IncidentRemovals],
  exports: [IncidentsService, OpenItemsRegistry, SuggestionsRegistry, PrescriptionsRegistry],
})
export class IncidentsModule {}
