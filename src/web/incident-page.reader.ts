import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/roles.js';
import { DossierService } from '../dossier/dossier.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { UsersService } from '../users/users.service.js';
import { TIMELINE_SHOWN, type IncidentPageData } from './pages/incident/page-data.js';

/** What the incident page shows, read for the reader: the page, its live parts and its refused forms all start here. */
@Injectable()
export class IncidentPageReader {
  constructor(
    private readonly dossiers: DossierService,
    private readonly incidents: IncidentsService,
    private readonly reminders: RemindersService,
    private readonly users: UsersService,
  ) {}

  async read(actor: Actor, id: string, replyTo?: string): Promise<IncidentPageData> {
    const [dossier, history, reminders, people] = await Promise.all([
      this.dossiers.glance(actor, id, TIMELINE_SHOWN),
      this.incidents.stateHistory(id),
      this.reminders.list({ incidentId: id, status: 'scheduled', limit: 100 }),
      this.users.everyone(),
    ]);
    return { dossier, history, reminders: reminders.items, people, ...(replyTo && dossier.thread.some((comment) => comment.id === replyTo) ? { replyTo } : {}) };
  }
}
