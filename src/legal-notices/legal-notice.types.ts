export const NOTICE_DIRECTIONS = ['received', 'sent'] as const;
export type NoticeDirection = (typeof NOTICE_DIRECTIONS)[number];
export const DEMAND_KINDS = ['remove_content', 'remove_mention', 'publish_reply', 'correct', 'cease', 'pay', 'other'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];
export const ACTIONS_TAKEN = ['none', 'partial', 'full'] as const;
export type ActionTaken = (typeof ACTIONS_TAKEN)[number];
