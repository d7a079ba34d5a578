import type { NoticeCategory } from './dsa-categories.js';
export const NOTICE_DIRECTIONS = ['received', 'sent'] as const;
export type NoticeDirection = (typeof NOTICE_DIRECTIONS)[number];
export const DEMAND_KINDS = ['remove_content', 'remove_mention', 'publish_reply', 'correct', 'cease', 'pay', 'other'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];
export const ACTIONS_TAKEN = ['none', 'partial', 'full'] as const;
export type ActionTaken = (typeof ACTIONS_TAKEN)[number];

/**
 * What a notice of allegedly illegal content under the DSA (art. 16(2))
 * states beyond a notice's fields: the exact addresses of the content, the
 * category the notifier chose (null: none), the notifier's name and email
 * (optional: art. 16(2)(c)), the good-faith statement (art. 16(2)(d)), the
 * language the notifier used and how it came (the public form or its API).
 */
export interface DsaNoticeFacts {
  urls: string[];
  category: NoticeCategory | null;
  notifierName: string | null;
  notifierEmail: string | null;
  goodFaith: true;
  locale: string;
  channel: 'form' | 'api';
}
