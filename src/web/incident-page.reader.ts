import { Injectable } from '@nestjs/common';
import { canSeePrivileged, type Actor } from '../common/roles.js';
import { DossierService } from '../dossier/dossier.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { ImportsService } from '../imports/imports.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { UsersService } from '../users/users.service.js';
import { EVIDENCE_SHOWN, TIMELINE_SHOWN, type IncidentPageData } from './pages/incident/page-data.js';

/** What the incident page shows, read for the reader: the page, its live parts and its refused forms all start here. */
@Injectable()
export class IncidentPageReader {
  constructor(
    private readonly dossiers: DossierService,
    private readonly incidents: IncidentsService,
    private readonly reminders: RemindersService,
    private readonly users: UsersService,
    private readonly evidence: EvidenceService,
    private readonly imports: ImportsService,
  ) {}

  async read(actor: Actor, id: string, replyTo?: string): Promise<IncidentPageData> {
    const [dossier, history, reminders, people, evidence] = await Promise.all([
      this.dossiers.glance(actor, id, TIMELINE_SHOWN),
      this.incidents.stateHistory(id),
      this.reminders.list({ incidentId: id, status: 'scheduled', limit: 100 }),
      this.users.everyone(),
      canSeePrivileged(actor) ? this.evidence.list(id, { limit: EVIDENCE_SHOWN }) : null,
    ]);
    const imports = await this.imports.running(id);
    return { dossier, history, reminders: reminders.items, people, evidence: evidence?.items ?? null, imports, ...(replyTo && dossier.thread.some((comment) => comment.id === replyTo) ? { replyTo } : {}) };
  }
}
