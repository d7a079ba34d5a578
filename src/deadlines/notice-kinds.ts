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
  /** A notice of allegedly illegal content under the EU Digital Services Act (art. 16), e.g. from the public form /report. */
  'dsa_notice',
  'other',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export const RECEIVED_VIA = ['comment', 'email', 'registered_mail', 'bailiff', 'court', 'hand_delivery', 'web_form', 'other'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];
