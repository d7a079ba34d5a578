import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Changes } from '../common/changes.js';
import { AppConfig } from '../config/app-config.js';
import type { Tx } from '../database/transaction.service.js';
import { OPEN_STATES } from '../incidents/escalation.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { PartiesService } from '../parties/parties.service.js';
import type { ReminderKind, Subject } from '../reminders/reminder-kinds.js';
import { englishNote, type NoteFacts } from '../reminders/reminder-note.js';
import { ReminderPolicy, type FiredReminder, type ReminderKindPolicy } from '../reminders/reminder-policy.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import type { AppendedEvent, EventContext } from '../timeline/timeline-events.js';
import { escalationUsers } from '../users/responsible-users.js';
import { UsersService } from '../users/users.service.js';
import { awaitsReply } from './awaiting-reply.js';
import { Comment } from './comment.entity.js';
import type { AddedBatch } from './comment-events.js';
import { firstReminderAt, nextChainStep, responseSlaMs } from './response-chain.js';

const RESPONSE_KINDS = ['response_due', 'escalation_notice'] as const satisfies readonly ReminderKind[];
const comment = (id: string): Subject => ({ type: 'comment', id });

/**
 * docs/design.md §4, response_due: an inbound comment that needs a response is owed a
 * reply by the incident owner within the SLA of its severity, reminded up to
 * RESPONSE_REMINDERS times, then escalated; an answer, a cleared
 * needsResponse, a deleted comment or a resolved incident cancels at once.
 */
@Injectable()
@ReminderPolicy({ kinds: RESPONSE_KINDS })
export class ResponseReminders implements ReminderKindPolicy {
  /** The parties' names of comments added together, read once per call. */
  private readonly namesTogether = new WeakMap<AddedBatch, Promise<Map<string, string>>>();

  constructor(
    private readonly reminders: RemindersService,
    private readonly incidents: IncidentsService,
    private readonly parties: PartiesService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @OnTimelineEvent({ type: 'comment.added', priority: 20 })
  async onCommentAdded(tx: Tx, { incidentId, payload, context }: AppendedEvent<'comment.added'>): Promise<void> {
    if (payload.answers) await this.reminders.cancelForSubject(tx, comment(payload.answers), 'answered by an outbound comment', [...RESPONSE_KINDS]);
    if (payload.direction === 'inbound' && payload.needsResponse) await this.startChain(tx, incidentId, payload.commentId, {}, context);
  }

  @OnTimelineEvent({ type: 'comment.updated' })
  async onCommentUpdated(tx: Tx, { incidentId, payload }: AppendedEvent<'comment.updated'>): Promise<void> {
    const { needsResponse, status } = payload.changes;
    if (needsResponse?.to === false) await this.reminders.cancelForSubject(tx, comment(payload.commentId), 'needsResponse cleared', [...RESPONSE_KINDS]);
    else if (status?.to === 'deleted') await this.reminders.cancelForSubject(tx, comment(payload.commentId), 'comment deleted', [...RESPONSE_KINDS]);
    else if (needsResponse?.to === true) await this.startChain(tx, incidentId, payload.commentId, payload.changes);
  }

  @OnTimelineEvent({ type: 'comment.removed' })
  async onCommentRemoved(tx: Tx, { payload }: AppendedEvent<'comment.removed'>): Promise<void> {
    await this.reminders.cancelForSubject(tx, comment(payload.commentId), 'comment deleted', [...RESPONSE_KINDS]);
  }

  @OnTimelineEvent({ type: 'state.changed', priority: 10 })
  async onStateChanged(tx: Tx, { incidentId, payload }: AppendedEvent<'state.changed'>): Promise<void> {
    if (payload.to === 'resolved' || payload.to === 'closed') {
      await this.reminders.cancelForIncident(tx, incidentId, `incident ${payload.to}`, [...RESPONSE_KINDS]);
    }
  }

  /** Why a response reminder is no longer owed (checked again when it fires), or null while it is. */
  async obsolete(manager: EntityManager, reminder: FiredReminder): Promise<string | null> {
    const [row, incident] = await Promise.all([manager.findOneBy(Comment, { id: reminder.subjectId }), this.incidents.find(manager, reminder.incidentId)]);
    if (!row || row.status === 'deleted') return 'comment deleted';
    if (row.respondedById) return 'answered by an outbound comment';
    if (!row.needsResponse) return 'needsResponse cleared';
    if (!OPEN_STATES.includes(incident.state)) return `incident ${incident.state}`;
    return null;
  }

  /** After a response_due went out unanswered: the next one of the chain, or the escalation once it is spent. */
  async afterSent(tx: Tx, reminder: FiredReminder, firedAt: Date): Promise<void> {
    if (reminder.kind !== 'response_due') return;
    const incident = await this.incidents.find(tx.manager, reminder.incidentId);
    const step = nextChainStep(reminder.sequence, firedAt, responseSlaMs(this.config.responseSla, incident.severity), this.config.responseReminders);
    const base = { kind: step.kind, subject: comment(reminder.subjectId), incidentId: incident.id, dueAt: step.dueAt, owedBy: reminder.owedBy, sequence: step.sequence };
    if (step.kind === 'response_due') {
      await this.reminders.schedule(tx, { ...base, recipientUserIds: [reminder.recipientUserId], note: reminder.note, noteFacts: reminder.noteFacts });
      return;
    }
    // With several recipients (the admins of an ownerless incident) each chain ends here: escalate once.
    if (await this.reminders.exists(tx.manager, { kind: 'escalation_notice', subject: comment(reminder.subjectId) })) return;
    const reminded = await this.users.nameOf(tx.manager, reminder.recipientUserId);
    const earlier: NoteFacts = reminder.noteFacts ?? (reminder.note ? [{ key: 'note.raw', values: { text: reminder.note } }] : []);
    const noteFacts: NoteFacts = [{ key: 'note.escalation', values: { hasName: String(reminded !== null), name: reminded ?? '', count: reminder.sequence } }, ...earlier];
    await this.reminders.schedule(tx, { ...base, recipientUserIds: await escalationUsers(tx.manager, incident), note: englishNote(noteFacts, this.config.timeZone), noteFacts });
  }

  /** A party's name; of comments added together (an import's batch), the names of all their parties read at once. */
  private partyName(tx: Tx, partyId: string, together: AddedBatch | undefined): Promise<string | null> {
    if (!together) return this.parties.nameOf(tx.manager, partyId);
    let names = this.namesTogether.get(together);
    if (!names) {
      names = this.parties.namesOf(tx.manager, together.comments.flatMap((row) => row.partyId ?? []));
      this.namesTogether.set(together, names);
    }
    return names.then((byId) => byId.get(partyId) ?? null);
  }

  /**
   * Starts a comment's chain; `changes` are those of an update whose row is
   * written after its event. A comment just added (in `context`) has no chain
   * yet; one flagged again may still have one.
   */
  private async startChain(tx: Tx, incidentId: string, commentId: string, changes: Changes = {}, context: EventContext = {}): Promise<void> {
    const [found, incident] = await Promise.all([context.comment ?? tx.manager.findOneBy(Comment, { id: commentId }), context.incident ?? this.incidents.find(tx.manager, incidentId)]);
    const row = found && ({ ...found, ...Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])) } as Comment);
    if (!row || !awaitsReply(row)) return;
    if (!OPEN_STATES.includes(incident.state)) return;
    if (!context.comment && (await this.reminders.exists(tx.manager, { kind: 'response_due', subject: comment(commentId), status: 'scheduled' }))) return;
    const author = row.partyId ? await this.partyName(tx, row.partyId, context.addedWith) : row.authorName;
    const excerpt = row.body.replace(/\s+/g, ' ').trim();
    const noteFacts: NoteFacts = [
      {
        key: 'note.replyOwed',
        values: { hasAuthor: String(Boolean(author)), author: author ?? '', channel: row.channel, postedAt: row.postedAt.toISOString(), excerpt: excerpt.length > 160 ? `${excerpt.slice(0, 159)}…` : excerpt },
        words: { channel: 'lower:channel', postedAt: 'date' },
      },
    ];
    const note = englishNote(noteFacts, this.config.timeZone);
    const owedBy = new Date(row.postedAt.getTime() + responseSlaMs(this.config.responseSla, incident.severity));
    await this.reminders.schedule(tx, {
      kind: 'response_due',
      subject: comment(commentId),
      incidentId,
      incident,
      dueAt: firstReminderAt(owedBy, new Date(), this.config.backfillGraceMs),
      owedBy,
      note,
      noteFacts,
    });
  }
}
