import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { awaitingReplySql } from '../comments/awaiting-reply.js';
import { Comment } from '../comments/comment.entity.js';
import { inChunks } from '../database/in-list.js';
import { Commitment } from '../commitments/commitment.entity.js';
import { actorId, SYSTEM } from '../common/roles.js';
import { AppConfig } from '../config/app-config.js';
import { OPEN_STATES, type Severity } from '../incidents/escalation.js';
import { Incident } from '../incidents/incident.entity.js';
import { LegalNotice } from '../legal-notices/legal-notice.entity.js';
import { OPEN_NOTICE_STATUSES } from '../legal-notices/notice-status.js';
import { Reminder } from '../reminders/reminder.entity.js';
import { AGENDA_KINDS, type AgendaItemView, type AgendaKind, type AgendaView } from './agenda.dto.js';

/** Legal deadlines show this far ahead. */
export const DEADLINE_HORIZON_MS = 7 * 24 * 60 * 60_000;
/** New messages a post's watch brought in show for this long after they arrived. */
export const WATCHED_NEWS_MS = 3 * 24 * 60 * 60_000;
const LABEL_LENGTH = 120;
/** Items shown at most, most urgent first; `total` and `counts` count them all. */
export const AGENDA_PAGE = 200;

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

  async of(userId: string, now: Date = new Date(), limit = AGENDA_PAGE): Promise<AgendaView> {
    const manager = this.dataSource.manager;
    // The incidents the person answers for, found through the owner and backup-owner indexes: never by walking every open incident.
    const mine = '(i.id IN (SELECT o.id FROM incidents o WHERE o.owner_id = :userId UNION ALL SELECT b.id FROM incidents b WHERE b.backup_owner_id = :userId))';
    // `|| ''` keeps SQLite from answering "open" through the state index (every open incident of the desk, then a filter on the person's).
    const open = "(i.state || '') IN (:...open)";
    const columns = this.dataSource.getMetadata(Comment);
    const [postedAt, createdAt] = [columns.findColumnWithPropertyName('postedAt')!, columns.findColumnWithPropertyName('createdAt')!];
    const hydrate = (raw: unknown, column: typeof postedAt) => this.dataSource.driver.prepareHydratedValue(raw, column) as Date;
    const [replyRows, notices, commitments, followUps, watchedRows] = await Promise.all([
      // Replies owed can run to thousands: only what places them in time is read for all; their words, for the page shown.
      manager
        .createQueryBuilder(Comment, 'c')
        .innerJoin(Incident, 'i', 'i.id = c.incidentId')
        .select('c.id', 'id')
        .addSelect('c.incidentId', 'incidentId')
        .addSelect('c.postedAt', 'postedAt')
        .addSelect('i.severity', 'severity')
        .where(...awaitingReplySql('c'))
        .andWhere(open, { open: OPEN_STATES })
        .andWhere(mine, { userId })
        .getRawMany<{ id: string; incidentId: string; postedAt: unknown; severity: Severity }>(),
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
        .select('c.id', 'id')
        .addSelect('c.incidentId', 'incidentId')
        .addSelect('c.createdAt', 'createdAt')
        .where("c.direction = 'inbound' AND c.postId IS NOT NULL AND c.createdBy = :system AND c.status <> 'deleted'", { system: actorId(SYSTEM) })
        .andWhere('c.createdAt >= :since', { since: new Date(now.getTime() - WATCHED_NEWS_MS) })
        .andWhere(open, { open: OPEN_STATES })
        .andWhere(mine, { userId })
        .getRawMany<{ id: string; incidentId: string; createdAt: unknown }>(),
    ]);

    type Placed = Omit<AgendaItemView, 'incidentRef' | 'incidentTitle' | 'overdue' | 'dueAt' | 'label'> & { dueAt: Date; label?: string };
    // What a watch brought in is news, never overdue.
    const isOverdue = (entry: Placed) => entry.kind !== 'watched' && entry.dueAt.getTime() < now.getTime();
    const placed: Placed[] = [
      ...replyRows.map((row): Placed => ({
        kind: 'reply',
        incidentId: row.incidentId,
        dueAt: new Date(hydrate(row.postedAt, postedAt).getTime() + this.config.responseSla[row.severity]),
        subjectType: 'comment',
        subjectId: row.id,
      })),
      ...notices.map((notice): Placed => ({ kind: 'deadline', incidentId: notice.incidentId, dueAt: notice.respondBy!, subjectType: 'notice', subjectId: notice.id, label: notice.ref, detail: notice.type })),
      ...commitments.map(
        (commitment): Placed => ({
          kind: commitment.status === 'failed_verification' ? 'check' : 'commitment',
          incidentId: commitment.incidentId,
          dueAt: commitment.status === 'failed_verification' ? commitment.updatedAt : commitment.dueAt!,
          subjectType: 'commitment',
          subjectId: commitment.id,
          label: commitment.description.slice(0, LABEL_LENGTH),
          detail: commitment.kind,
        }),
      ),
      ...followUps.map((reminder): Placed => ({ kind: 'follow_up', incidentId: reminder.incidentId, dueAt: reminder.dueAt, subjectType: 'reminder', subjectId: reminder.id, label: (reminder.note ?? '').slice(0, LABEL_LENGTH) })),
      ...watchedRows.map((row): Placed => ({ kind: 'watched', incidentId: row.incidentId, dueAt: hydrate(row.createdAt, createdAt), subjectType: 'comment', subjectId: row.id })),
    ].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.subjectId.localeCompare(b.subjectId));

    const counts = Object.fromEntries(AGENDA_KINDS.map((kind) => [kind, 0])) as Record<AgendaKind, number>;
    let overdue = 0;
    for (const entry of placed) {
      counts[entry.kind] += 1;
      if (isOverdue(entry)) overdue += 1;
    }
    const shown = placed.slice(0, limit);
    const words = await this.commentWords(shown.filter((entry) => entry.subjectType === 'comment').map((entry) => entry.subjectId));
    const incidentIds = [...new Set(shown.map((entry) => entry.incidentId))];
    const incidents = incidentIds.length ? await manager.findBy(Incident, { id: In(incidentIds) }) : [];
    const byId = new Map(incidents.map((incident) => [incident.id, incident]));
    const items = shown.map((entry): AgendaItemView => {
      const incident = byId.get(entry.incidentId)!;
      return {
        ...entry,
        label: entry.label ?? (words.get(entry.subjectId) ?? '').slice(0, LABEL_LENGTH),
        dueAt: entry.dueAt.toISOString(),
        overdue: isOverdue(entry),
        incidentRef: incident.ref,
        incidentTitle: incident.title,
      };
    });
    return { items, total: placed.length, counts, overdue };
  }

  /** The bodies of these comments, by id. */
  private async commentWords(ids: string[]): Promise<Map<string, string>> {
    const comments = await inChunks(ids, (chunk) => this.dataSource.manager.find(Comment, { select: { id: true, body: true }, where: { id: In(chunk) } }));
    return new Map(comments.map((comment) => [comment.id, comment.body]));
  }
}
