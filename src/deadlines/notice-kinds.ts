/** The kinds of legal notices and how they reach us: deadline rules are keyed by them, so they live below the notices. */
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
export const RECEIVED_VIA = ['comment', 'email', 'registered_mail', 'bailiff', 'court', 'hand_delivery', 'other'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];
