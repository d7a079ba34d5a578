import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Comment } from '../comments/comment.entity.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { actorId, SYSTEM } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import { Incident } from '../incidents/incident.entity.js';
import { LegalNotice } from '../legal-notices/legal-notice.entity.js';
import { OPEN_NOTICE_STATUSES } from '../legal-notices/notice-status.js';
import { Reminder } from '../reminders/reminder.entity.js';
import type { AgendaItemView, AgendaView } from './agenda.dto.js';

/** Legal deadlines show this far ahead. */
export const DEADLINE_HORIZON_MS = 7 * 24 * 60 * 60_000;
/** New messages a post's watch brought in show for this long after they arrived. */
export const WATCHED_NEWS_MS = 3 * 24 * 60 * 60_000;
const LABEL_LENGTH = 120;

/**
 * What a person owes, most urgent first: replies owed on incidents they own
 * or back up (due at the severity's response time), legal deadlines within
 * DEADLINE_HORIZON_MS of notices assigned to them or on their incidents,
 * their pending commitments with a due date, commitments of theirs that
 * failed their check, the follow-ups scheduled for them, and the inbound
 * messages a watch brought in (written by `system` on a post) within
 * WATCHED_NEWS_MS on their open incidents, due when they arrived.
 */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async of(userId: string, now: Date = new Date()): Promise<AgendaView> {
    const manager = this.dataSource.manager;
    const mine = '(i.ownerId = :userId OR i.backupOwnerId = :userId)';
    const [replies, notices, commitments, followUps, watched] = await Promise.all([
      manager
        .createQueryBuilder(Comment, 'c')
        .innerJoin(Incident, 'i', 'i.id = c.incidentId')
        .select(['c.id', 'c.incidentId', 'c.body', 'c.postedAt'])
        .where("c.direction = 'inbound' AND c.needsResponse = :yes AND c.respondedById IS NULL AND c.status <> 'deleted'", { yes: true })
        .andWhere('i.state IN (:...open)', { open: OPEN_STATES })
        .andWhere(mine, { userId })
        .getMany(),
      manager
        .createQueryBuilder(LegalNotice, 'n')
        .innerJoin(Incident, 'i', 'i.id = n.incidentId')
        .where('n.status IN (:...statuses)', { statuses: OPEN_NOTICE_STATUSES })
        .andWhere('n.respondBy IS NOT NULL AND n.respondBy <= :horizon', { horizon: new Date(now.getTime() + DEADLINE_HORIZON_MS) })
        .andWhere(`(n.assigneeId = :userId OR ${mine})`, { userId })
        .getMany(),
      manager
        .createQueryBuilder(Commitment, 'c')
        .innerJoin(Incident, 'i', 'i.id = c.incidentId')
        .where("((c.status = 'pending' AND c.dueAt IS NOT NULL) OR c.status = 'failed_verification')")
        .andWhere(`(c.ownerId = :userId OR (c.ownerId IS NULL AND ${mine}))`, { userId })
        .getMany(),
      manager.findBy(Reminder, { recipientUserId: userId, kind: 'follow_up', status: 'scheduled' }),
      manager
        .createQueryBuilder(Comment, 'c')
        .innerJoin(Incident, 'i', 'i.id = c.incidentId')
        .select(['c.id', 'c.incidentId', 'c.body', 'c.createdAt'])
        .where("c.direction = 'inbound' AND c.postId IS NOT NULL AND c.createdBy = :system AND c.status <> 'deleted'", { system: actorId(SYSTEM) })
        .andWhere('c.createdAt >= :since', { since: new Date(now.getTime() - WATCHED_NEWS_MS) })
        .andWhere('i.state IN (:...open)', { open: OPEN_STATES })
        .andWhere(mine, { userId })
        .getMany(),
    ]);

    const incidentIds = [...new Set([...replies, ...notices, ...commitments, ...followUps, ...watched].map((row) => row.incidentId))];
    const incidents = incidentIds.length ? await manager.findBy(Incident, { id: In(incidentIds) }) : [];
    const byId = new Map(incidents.map((incident) => [incident.id, incident]));
    const item = (incidentId: string, fields: Omit<AgendaItemView, 'incidentId' | 'incidentRef' | 'incidentTitle' | 'overdue' | 'dueAt'> & { dueAt: Date }): AgendaItemView => {
      const incident = byId.get(incidentId)!;
      return { ...fields, dueAt: fields.dueAt.toISOString(), overdue: fields.dueAt.getTime() < now.getTime(), incidentId, incidentRef: incident.ref, incidentTitle: incident.title };
    };

    const items = [
      ...replies.map((comment) =>
        item(comment.incidentId, {
          kind: 'reply',
          dueAt: new Date(comment.postedAt.getTime() + this.config.responseSla[byId.get(comment.incidentId)!.severity]),
          subjectType: 'comment',
          subjectId: comment.id,
          label: comment.body.slice(0, LABEL_LENGTH),
        }),
      ),
      ...notices.map((notice) =>
        item(notice.incidentId, { kind: 'deadline', dueAt: notice.respondBy!, subjectType: 'notice', subjectId: notice.id, label: notice.ref, detail: notice.type }),
      ),
      ...commitments.map((commitment) =>
        item(commitment.incidentId, {
          kind: commitment.status === 'failed_verification' ? 'check' : 'commitment',
          dueAt: commitment.status === 'failed_verification' ? commitment.updatedAt : commitment.dueAt!,
          subjectType: 'commitment',
          subjectId: commitment.id,
          label: commitment.description.slice(0, LABEL_LENGTH),
          detail: commitment.kind,
        }),
      ),
      ...followUps.map((reminder) =>
        item(reminder.incidentId, { kind: 'follow_up', dueAt: reminder.dueAt, subjectType: 'reminder', subjectId: reminder.id, label: (reminder.note ?? '').slice(0, LABEL_LENGTH) }),
      ),
      ...watched.map((comment) => ({
        ...item(comment.incidentId, { kind: 'watched', dueAt: comment.createdAt, subjectType: 'comment', subjectId: comment.id, label: comment.body.slice(0, LABEL_LENGTH) }),
        overdue: false,
      })),
    ].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.subjectId.localeCompare(b.subjectId));
    return { items, overdue: items.filter((entry) => entry.overdue).length };
  }
}
