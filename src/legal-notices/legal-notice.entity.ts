export const NOTICE_TYPES = [
  'right_of_reply',
  'takedown_request',
  'trademark_claim',
  'defamation_claim',
  'formal_notice',
  'bailiff_report',
  'court_summons',
  'data_protection_request',
  'other',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
