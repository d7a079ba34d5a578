import type { Signal } from '../signals/analyzer.js';

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const CHANNELS = ['comment', 'tweet', 'direct_message', 'email', 'phone_call', 'meeting', 'letter', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const COMMENT_STATUSES = ['visible', 'edited', 'deleted', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** A comment as its signals are read (suggestions): who said what, where and when, never its body. */
export interface CommentSignals {
  id: string;
  direction: Direction;
  partyId: string | null;
  parentId: string | null;
  postId: string | null;
  postedAt: Date;
  createdAt: Date;
  status: CommentStatus;
  signals: Signal[];
}
