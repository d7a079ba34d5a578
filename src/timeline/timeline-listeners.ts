import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Hooks, inPriorityOrder } from '../common/hooks.js';
import { OnTimelineEvent, type TimelineHook } from './on-timeline-event.decorator.js';
import { isDefinedTimelineEvent, type TimelineEventType } from './timeline-events.js';
import { TimelineService, type TimelineListener } from './timeline.service.js';

export interface FoundListener {
  type: TimelineEventType;
  priority?: number;
  /** `Class.method`, for messages. */
  where: string;
  listener: TimelineListener<TimelineEventType>;
}

/**
 * The order listeners of one event type run in: by their priority, lower
 * first, whatever their names or the order modules initialise. Refuses a
 * listener of a type no feature defined (a typo, or an events file that was
 * never loaded), and two listeners of one type with the same priority.
 */
export function orderListeners(found: FoundListener[], isDefined: (type: string) => boolean = isDefinedTimelineEvent): FoundListener[] {
  const unknown = found.filter((candidate) => !isDefined(candidate.type));
  if (unknown.length) {
    throw new Error(`timeline listeners of event types no feature defines: ${unknown.map((candidate) => `${candidate.where} (${candidate.type})`).join(', ')}`);
  }
  return inPriorityOrder('timeline listeners of one event type', found, (listener) => listener.type);
}

/** Registers every @OnTimelineEvent method with the timeline at boot, before anything appends: the only caller of `timeline.on`. */
@Injectable()
export class TimelineListeners implements OnModuleInit {
  constructor(
    private readonly hooks: Hooks,
    private readonly timeline: TimelineService,
  ) {}

  private readonly order = new Map<string, string[]>();

  onModuleInit(): void {
    for (const { type, where, listener } of orderListeners(this.discover())) {
      this.timeline.on(type, listener);
      this.order.set(type, [...(this.order.get(type) ?? []), where]);
    }
  }

  /** The listeners of a type, as `Class.method`, in the order they run. */
  orderOf(type: TimelineEventType): string[] {
    return this.order.get(type) ?? [];
  }

  private discover(): FoundListener[] {
    return this.hooks.methods<TimelineHook>(OnTimelineEvent).flatMap(({ value, where, call }) =>
      (typeof value.type === 'string' ? [value.type] : value.type).map((type) => ({
        type,
        priority: value.priority,
        where,
        listener: (tx, event) => call(tx, event) as Promise<void> | void,
      })),
    );
  }
}
