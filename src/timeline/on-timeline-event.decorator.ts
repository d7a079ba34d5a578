import { DiscoveryService } from '@nestjs/core';
import type { TimelineEventType } from './timeline-events.js';

/**
 * Marks a provider's method as a listener of a timeline event type: it runs
 * inside the transaction that appends the event. Found at boot (see
 * TimelineListeners); a listener of a type no feature defined fails the boot.
 */
export const OnTimelineEvent = DiscoveryService.createDecorator<TimelineEventType>();
