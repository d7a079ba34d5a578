import type { Channel } from './delivery-status.js';

/** What one reminder says to one user, ready for every channel. */
export interface Message {
  recipient: { userId: string; email: string };
  incidentId: string;
  kind: string;
  dueAt: Date;
  /** The email subject and in-app title; it names the incident ref. */
  subject: string;
  /** The email body and in-app text: what is owed, by when, and the link. */
  text: string;
  /** The incident's page. */
  url: string;
  /** The webhook's JSON body (with a Slack-compatible `text`). */
  payload: Record<string, unknown>;
}

/** Which delivery this is, for the idempotency ledger. */
export interface DeliveryRef {
  reminderId: string;
  sequence: number;
}

/** `reminderId:sequence:channel`: the same reminder is never delivered twice on one channel. */
export const idempotencyKey = (ref: DeliveryRef, channel: Channel): string => `${ref.reminderId}:${ref.sequence}:${channel}`;

/** A channel that sends outside the database (mail, webhook): it may fail, and is retried with backoff. */
export interface ExternalChannel {
  readonly name: Exclude<Channel, 'in_app'>;
  readonly enabled: boolean;
  send(message: Message, key: string): Promise<void>;
}
