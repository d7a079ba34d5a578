import type { EntityManager } from 'typeorm';
import { inList } from '../database/in-list.js';
import type { IncidentScope } from '../incidents/incident-scope.js';
import { LegalNotice } from './legal-notice.entity.js';
import { AWAITING_ANSWER_STATUSES } from './notice-status.js';

/** A notice's deadline as the lists of other features show it. */
export type NoticeDeadline = Pick<LegalNotice, 'id' | 'incidentId' | 'ref' | 'type' | 'updatedAt'> & { respondBy: Date };

/** The legal notices feature's reads for the lists of other features (Today, the calendar feed). */
export const noticeReads = {
  /** Whether the notice is one of this incident's. */
  isOf(manager: EntityManager, noticeId: string, incidentId: string): Promise<boolean> {
    return manager.existsBy(LegalNotice, { id: noticeId, incidentId });
  },

  /** The users assigned to the incident's notices (any status but withdrawn), each once. */
  async assigneesOf(manager: EntityManager, incidentId: string): Promise<string[]> {
    const rows = await manager
      .createQueryBuilder(LegalNotice, 'n')
      .select('DISTINCT n.assigneeId', 'assigneeId')
      .where('n.incidentId = :incidentId AND n.assigneeId IS NOT NULL', { incidentId })
      .andWhere("n.status <> 'withdrawn'")
      .getRawMany<{ assigneeId: string }>();
    return rows.map((row) => row.assigneeId).sort();
  },

  /** The deadlines of notices awaiting an answer (AWAITING_ANSWER_STATUSES: one answered or withdrawn owes nothing) due by `horizon`, assigned to the person or on the incidents in `alsoIn`. */
  async deadlinesFor(manager: EntityManager, userId: string, alsoIn: IncidentScope, horizon: Date): Promise<NoticeDeadline[]> {
    const open = inList('n.status', AWAITING_ANSWER_STATUSES);
    const rows = await manager
      .createQueryBuilder(LegalNotice, 'n')
      .select(['n.id', 'n.incidentId', 'n.ref', 'n.type', 'n.respondBy', 'n.updatedAt'])
      .where(open.sql, open.params)
      .andWhere('n.respondBy IS NOT NULL AND n.respondBy <= :horizon', { horizon })
      .andWhere(`(n.assigneeId = :assignee OR ${alsoIn.where('n.incidentId')})`, { assignee: userId, ...alsoIn.parameters })
      .getMany();
    return rows as NoticeDeadline[];
  },
};
