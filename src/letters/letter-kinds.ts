import type { NoticeType } from '../deadlines/notice-kinds.js';

/** The letters Calumet fills from a legal notice; each has a template per language (the `letter_templates` table). */
export const LETTER_KEYS = [
  'formal_notice_acknowledgement',
  'formal_notice_counsel_request',
  'reply_insertion',
  'reply_refusal',
  'dsa_acknowledgement',
  'dsa_decision',
] as const;
export type LetterKey = (typeof LETTER_KEYS)[number];
export const isLetterKey = (value: string): value is LetterKey => (LETTER_KEYS as readonly string[]).includes(value);

export const LETTER_LANGUAGES = ['fr', 'en'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

/** The notice types each letter answers: the desk offers these first (the API fills any letter for any notice; a person chooses). */
export const LETTER_NOTICE_TYPES: Record<LetterKey, readonly NoticeType[]> = {
  formal_notice_acknowledgement: ['formal_notice', 'takedown_request', 'trademark_claim', 'defamation_claim', 'data_protection_request', 'other'],
  formal_notice_counsel_request: ['formal_notice', 'takedown_request', 'trademark_claim', 'defamation_claim', 'other'],
  reply_insertion: ['right_of_reply'],
  reply_refusal: ['right_of_reply'],
  dsa_acknowledgement: ['dsa_notice'],
  dsa_decision: ['dsa_notice'],
};

/**
 * Every placeholder a template may use, `{{name}}`. A template naming
 * another is refused. The last three are the DSA decision's: no decision
 * is recorded yet, so they fill as "to be completed" until decisions exist.
 */
export const PLACEHOLDERS = [
  'today',
  'organisationName',
  'organisationAddress',
  'signatory',
  'recipientName',
  'recipientAddress',
  'onBehalfOfName',
  'noticeRef',
  'incidentRef',
  'noticeReceivedAt',
  'noticeSentAt',
  'noticeSummary',
  'noticeTrackingNumber',
  'demands',
  'contentTitle',
  'contentUrl',
  'requestedReply',
  'refusalGrounds',
  'refusalNote',
  'dsaDecision',
  'dsaDecisionGrounds',
  'dsaAutomatedMeans',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export const isPlaceholder = (value: string): value is Placeholder => (PLACEHOLDERS as readonly string[]).includes(value);

/** Placeholders filled only once the record holds what they say: the DSA decision's, until the notice is decided. */
export const PENDING_PLACEHOLDERS: readonly Placeholder[] = ['dsaDecision', 'dsaDecisionGrounds', 'dsaAutomatedMeans'];

/** The grounds a right of reply may be refused on (the refusal letter says the chosen ones, with their references). */
export const REFUSAL_GROUNDS = ['out_of_time', 'not_proven', 'too_long', 'unlawful', 'comments_open'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

/** How a letter went out: the channel of the outbound message it is logged as. */
export const SENT_VIA = ['registered_mail', 'email', 'hand_delivery', 'post', 'other'] as const;
export type SentVia = (typeof SENT_VIA)[number];
export const CHANNEL_OF_VIA: Record<SentVia, 'letter' | 'email' | 'other'> = {
  registered_mail: 'letter',
  email: 'email',
  hand_delivery: 'letter',
  post: 'letter',
  other: 'other',
};
