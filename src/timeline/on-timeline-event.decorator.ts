import { methodHook, type MethodDecoratorOf } from '../common/hooks.js';
import type { Tx } from '../database/transaction.service.js';
import type { AppendedEvent, TimelineEventType } from './timeline-events.js';

export interface TimelineHook<T extends TimelineEventType = TimelineEventType> {
  /** The event type listened to, or several (the live bus). */
  type: T | readonly T[];
  /**
   * Where it runs among the listeners of its type: lower first, 0 by default.
   * Two listeners of one type with the same priority fail the boot.
   */
  priority?: number;
}

type Listener<T extends TimelineEventType> = (tx: Tx, event: AppendedEvent<T>) => Promise<void> | void;

const hook = methodHook<TimelineHook, Listener<TimelineEventType>>();

/**
 * Marks a provider's method as a listener of a timeline event type: it runs
 * inside the transaction that appends the event, in the order of the
 * listeners' priorities. Found at boot (see TimelineListeners); a listener of
 * a type no feature defined fails the boot.
 */
export const OnTimelineEvent = Object.assign(
  <T extends TimelineEventType>(options: TimelineHook<T>) =>
    hook(options) as unknown as MethodDecoratorOf<Listener<T>>,
  { KEY: hook.KEY },
);
