import type { Side } from './lexicon/lexicon.js';

/** A message's direction as comments record it (src/comments): signals read it without depending on comments. */
export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * Who wrote a message: ours when outbound; for an inbound one, the
 * counterpart when its author is the incident's counterpart, or when the
 * incident names none (a threat is then read as meant); anyone else in the
 * thread, a party or a free name, is a bystander.
 */
export function sideOf(message: { direction: MessageDirection; partyId: string | null }, counterpartId: string | null): Side {
  if (message.direction === 'outbound') return 'ours';
  return !counterpartId || message.partyId === counterpartId ? 'counterpart' : 'bystander';
}

/** The side a text is read as from what the caller says of it: a side, else a direction, else the other side. */
export function sideFrom(direction: MessageDirection | undefined, side: Side | undefined): Side {
  return side ?? (direction === 'outbound' ? 'ours' : 'counterpart');
}
