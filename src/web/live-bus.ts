import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Tx } from '../database/transaction.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OnTimelineEvent } from '../timeline/on-timeline-event.decorator.js';
import type { AppendedEvent } from '../timeline/timeline-events.js';
import { LiveRelay, type LiveMessage } from './live-relay.js';

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
  'commitment.due_changed',
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
 * and a person that a notification of theirs arrived, whichever process made
 * the change: it runs in every process (API and worker), publishes through
 * LiveRelay (Redis, else PostgreSQL NOTIFY, else this process alone on the
 * embedded default), and hands what any process published to the pages open
 * on this one.
 */
@Injectable()
export class LiveBus implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveBus.name);
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly relay: LiveRelay,
  ) {}

  onModuleInit(): void {
    this.notifications.onNew((userId) => this.publish({ kind: 'notification', userId }));
    this.relay.onMessage((message) => {
      if (message.kind === 'incident') this.emitter.emit('event', { incidentId: message.incidentId, type: message.type } satisfies LiveEvent);
      else this.emitter.emit(`notification:${message.userId}`);
    });
  }

  /** After every feature's listener of the type: pages hear of the change once it is committed. */
  @OnTimelineEvent({ type: LIVE_EVENT_TYPES, priority: 100 })
  onChange(tx: Tx, { incidentId, type }: AppendedEvent<LiveEventType>): void {
    tx.afterCommit(() => this.publish({ kind: 'incident', incidentId, type }));
  }

  /** Resolves once this process hears every process's changes (or has waited long enough): a page's stream opens after it. */
  listening(): Promise<void> {
    return this.relay.listen();
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

  /** Out of the committing caller's way: a write never waits on Redis for its live update. */
  private publish(message: LiveMessage): void {
    this.relay.publish(message).catch((error: unknown) => this.logger.warn(`live update lost: ${(error as Error).message}`));
  }
}
