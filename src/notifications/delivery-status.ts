/** The channels a reminder goes out on, and what became of it on each: what other features name without reading the table. */

export const CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * sending: claimed, the send may be under way; sent; failed: the send was
 * refused and will be retried; unknown: the process died while sending, so
 * it is not sent again (at most once per channel, see docs/reminders.md).
 */
export const DELIVERY_STATUSES = ['sending', 'sent', 'failed', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One channel's delivery of a reminder, as other features read it. */
export interface DeliveryFacts {
  channel: Channel;
  status: DeliveryStatus;
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
}
