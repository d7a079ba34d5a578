import { Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Tx } from '../database/transaction.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import type { AppendedEvent } from '../timeline/timeline-events.js';

/** What changes a page someone may have open: a message, a move, a record, a reminder sent or a failed check. */
export const LIVE_EVENT_TYPES = [
  'comment.added',
  'comment.edited',
  'comment.removed',
  'state.changed',
  'notice.recorded',
  'notice.status_changed',
  'notice.deadline_changed',
  'notice.updated',
  'notice.assigned',
  'notice.decided',
  'evidence.added',
  'evidence.capture_requested',
  'evidence.capture_failed',
  'legal_hold.changed',
  'commitment.created',
  'commitment.status_changed',
  'commitment.observed',
  'suggestion.accepted',
  'suggestion.dismissed',
  'reminder.sent',
  'reminder.cancelled',
  'reminder.snoozed',
  'import.completed',
  'post.watch_changed',
] as const;
type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export interface LiveEvent {
  incidentId: string;
  type: string;
}

/**
 * Tells open pages that an incident changed, once the change is committed,
 * and a person that a notification of theirs arrived.
 * In-process: a page hears of changes made by the process it is connected
 * to (with CALUMET_ROLES=api,worker, that is every change); behind several
 * API processes, or with the worker apart, others show on the next load.
 */
@Injectable()
export class LiveBus implements OnModuleInit, BeforeApplicationShutdown {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  constructor(private readonly notifications: NotificationsService) {}

  onModuleInit(): void {
    this.notifications.onNew((userId) => this.emitter.emit(`notification:${userId}`));
  }

  /** After every feature's listener of the type: pages hear of the change once it is committed. */
  @OnTimelineEvent({ type: LIVE_EVENT_TYPES, priority: 100 })
  onChange(tx: Tx, { incidentId, type }: AppendedEvent<LiveEventType>): void {
    tx.afterCommit(() => this.emitter.emit('event', { incidentId, type } satisfies LiveEvent));
  }

  /** Listens until the returned function is called; `onClose` runs when the process shuts down (streams must end for it to). */
  subscribe(listener: (event: LiveEvent) => void, onClose: () => void): () => void {
    this.emitter.on('event', listener);
    this.emitter.on('close', onClose);
    return () => {
      this.emitter.off('event', listener);
      this.emitter.off('close', onClose);
    };
  }

  /** Calls `listener` when a notification for this user is committed, until the returned function is called. */
  subscribeNotifications(userId: string, listener: () => void): () => void {
    this.emitter.on(`notification:${userId}`, listener);
    return () => this.emitter.off(`notification:${userId}`, listener);
  }

  beforeApplicationShutdown(): void {
    this.emitter.emit('close');
  }
}
