import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { decoratedMethods } from '../common/decorated-methods.js';
import { OnTimelineEvent } from './on-timeline-event.decorator.js';
import { isDefinedTimelineEvent, type TimelineEventType } from './timeline-events.js';
import { TimelineService, type TimelineListener } from './timeline.service.js';

export interface FoundListener {
  type: TimelineEventType;
  /** `Class.method`, for the order and for messages. */
  where: string;
  listener: TimelineListener<TimelineEventType>;
}

/**
 * The order listeners of one event type run in: by class name, then method
 * name. Fixed by the code, not by the order modules happen to initialise.
 * Refuses a listener of a type no feature defined (a typo, or an events file
 * that was never loaded).
 */
export function orderListeners(found: FoundListener[], isDefined: (type: string) => boolean = isDefinedTimelineEvent): FoundListener[] {
  const unknown = found.filter((candidate) => !isDefined(candidate.type));
  if (unknown.length) {
    throw new Error(`timeline listeners of event types no feature defines: ${unknown.map((candidate) => `${candidate.where} (${candidate.type})`).join(', ')}`);
  }
  return [...found].sort((a, b) => (a.where < b.where ? -1 : a.where > b.where ? 1 : 0));
}

/** Registers every @OnTimelineEvent method with the timeline at boot, before anything appends. */
@Injectable()
export class TimelineListeners implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly timeline: TimelineService,
  ) {}

  onModuleInit(): void {
    for (const { type, listener } of orderListeners(this.discover())) this.timeline.on(type, listener);
  }

  private discover(): FoundListener[] {
    return decoratedMethods<TimelineEventType>(this.discovery, this.scanner, OnTimelineEvent).map(({ value, where, call }) => ({
      type: value,
      where,
      listener: (tx, event) => call(tx, event) as Promise<void> | void,
    }));
  }
}
