import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { inChunks, inList } from '../database/in-list.js';
import type { IncidentScope } from '../incidents/incident-scope.js';
import { LegalNotice } from './legal-notice.entity.js';
import { AWAITING_ANSWER_STATUSES, OPEN_NOTICE_STATUSES } from './notice-status.js';

/** A notice as an access request or an erasure names it: the party's roles in it, and whether it is still open. */
export interface NoticeNaming {
  id: string;
  ref: string;
  incidentId: string;
  type: string;
  status: string;
  open: boolean;
  summary: string | null;
  requestedReply: string | null;
  roles: Array<'sender' | 'on_behalf_of' | 'counsel' | 'their_message'>;
}

/** A notice's deadline as the lists of other features show it. */
export type NoticeDeadline = Pick<LegalNotice, 'id' | 'incidentId' | 'ref' | 'type' | 'updatedAt'> & { respondBy: Date };

/** The legal notices feature's reads for the lists of other features (Today, the calendar feed). */
export const noticeReads = {
  /** The notices that name the party (sender, on whose behalf, counsel) or carry one of these messages, by ref, with its roles in each and whether it is open (OPEN_NOTICE_STATUSES). */
  async naming(manager: EntityManager, partyId: string, commentIds: string[]): Promise<NoticeNaming[]> {
    const qb = manager.createQueryBuilder(LegalNotice, 'n').where('(n.senderPartyId = :partyId OR n.onBehalfOfPartyId = :partyId OR n.counselPartyId = :partyId)', { partyId });
    const rows = [...(await qb.getMany()), ...(await inChunks(commentIds, (ids) => manager.find(LegalNotice, { where: { commentId: In(ids) } })))];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const comments = new Set(commentIds);
    return [...byId.values()]
      .map((row) => ({
        id: row.id,
        ref: row.ref,
        incidentId: row.incidentId,
        type: row.type,
        status: row.status,
        open: (OPEN_NOTICE_STATUSES as readonly string[]).includes(row.status),
        summary: row.summary,
        requestedReply: row.requestedReply,
        roles: [
          ...(row.senderPartyId === partyId ? ['sender' as const] : []),
          ...(row.onBehalfOfPartyId === partyId ? ['on_behalf_of' as const] : []),
          ...(row.counselPartyId === partyId ? ['counsel' as const] : []),
          ...(row.commentId && comments.has(row.commentId) ? ['their_message' as const] : []),
        ],
      }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
  },

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

  /** The deadlines of notices awaiting an answer (AWAITING_ANSWER_STATUSES: one answered or withdrawn owes nothing), due by `horizon` if given, assigned to the person or on the incidents in `alsoIn`. */
  async deadlinesFor(manager: EntityManager, userId: string, alsoIn: IncidentScope, horizon?: Date): Promise<NoticeDeadline[]> {
    const open = inList('n.status', AWAITING_ANSWER_STATUSES);
    const rows = await manager
      .createQueryBuilder(LegalNotice, 'n')
      .select(['n.id', 'n.incidentId', 'n.ref', 'n.type', 'n.respondBy', 'n.updatedAt'])
      .where(open.sql, open.params)
      .andWhere(horizon ? 'n.respondBy IS NOT NULL AND n.respondBy <= :horizon' : 'n.respondBy IS NOT NULL', horizon ? { horizon } : {})
      .andWhere(`(n.assigneeId = :assignee OR ${alsoIn.where('n.incidentId')})`, { assignee: userId, ...alsoIn.parameters })
      .getMany();
    return rows as NoticeDeadline[];
  },
};
