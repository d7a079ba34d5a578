import type { Channel, DeliveryStatus } from '../notifications/delivery-status.js';
import { defineTimelineEvents } from '../timeline/timeline-events.js';
import type { ReminderKind, Subject } from './reminder-kinds.js';

type ReminderFacts = { reminderId: string; kind: ReminderKind; subject: Subject };

declare module '../timeline/timeline-events.js' {
  interface TimelineEvents {
    /** A reminder set by a person (automatic ones follow from the event that caused them). */
    'reminder.scheduled': ReminderFacts & { recipientUserId: string; dueAt: string };
    'reminder.snoozed': ReminderFacts & { from: string; to: string };
    /** Moved by a change of its subject (a commitment's due date, for instance). */
    'reminder.rescheduled': ReminderFacts & { from: string; to: string; reason: string };
    'reminder.sent': ReminderFacts & { sequence: number; recipientUserId: string; dueAt: string; deliveries: Partial<Record<Channel, DeliveryStatus>> };
    'reminder.cancelled': ReminderFacts & { reason: string };
    'reminder.failed': ReminderFacts & { sequence: number; recipientUserId: string; error: string; deliveries: Partial<Record<Channel, DeliveryStatus>> };
  }
}

export const REMINDER_EVENTS = defineTimelineEvents([
  'reminder.scheduled',
  'reminder.snoozed',
  'reminder.rescheduled',
  'reminder.sent',
  'reminder.cancelled',
  'reminder.failed',
]);
