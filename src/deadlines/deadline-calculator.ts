import { DateTime, type Duration } from 'luxon';
import type { ReceivedVia } from './notice-kinds.js';
import type { DeadlineRule } from './deadline-rule.entity.js';
import type { ClockStart, DayCount } from './deadline-rule.types.js';
import { ruleJurisdictionsFor } from './jurisdictions.js';
import { parsePeriod, periodDays } from './period.js';
import { measureText, REPLY_LINE_WIDTH } from './reply-length.js';

export const VALIDITY_CODES = ['clock_start_unknown', 'request_out_of_time', 'publication_date_unknown', 'receipt_not_proven', 'requested_reply_missing', 'comments_open', 'reply_too_long', 'reply_over_200_lines'] as const;
export type ValidityCode = (typeof VALIDITY_CODES)[number];

/** The facts a warning names, for the reader's language: periods as ISO-8601, dates as YYYY-MM-DD, channels as codes. */
export type WarningValues = Record<string, string | string[]>;

export interface ValidityWarning {
  code: ValidityCode;
  /** The English sentence (the API's, kept as it was). */
  message: string;
  /** What the sentence names (absent from warnings recorded before they had them): each reader reads `deadline.warning.<code>` with them. */
  values?: WarningValues;
}

/**
 * The facts of a deadline's basis, said in each reader's language
 * (`deadline.basis.*`): `rule`, counted from a date of the notice; `stated`,
 * the date the notice states; `manual`, set by hand for `reason`.
 */
export type DeadlineBasisFacts =
  | { kind: 'rule'; jurisdiction: string; noticeType: string; period: string; dayCount: DayCount; clockStarts: ClockStart; noStatedDeadline: boolean; reference: string }
  | { kind: 'stated'; jurisdiction: string; noticeType: string; reference: string }
  | { kind: 'manual'; reason: string };

/** What of a notice the deadline and its validity warnings depend on. */
export interface NoticeClock {
  type: string;
  jurisdiction: string;
  receivedAt: Date | null;
  /** The registered mail's acknowledgment of receipt. */
  acknowledgedAt: Date | null;
  sentAt: Date | null;
  /** The deadline the notice itself states, as a calendar date (YYYY-MM-DD). */
  statedDeadline: string | null;
  /** When the content the notice is about was published. */
  publishedAt: Date | null;
  /** How the notice reached us; null for one we sent. */
  receivedVia: string | null;
  /** The reply the requester asks to have published. */
  requestedReply: string | null;
  /** What is known of the comments where the content was published (absent: nothing). */
  commentsOpen?: CommentsFact;
  /** The text of the message the reply answers (the notice's comment), when known. */
  originalText?: string | null;
}

/**
 * Whether people could answer in the comments of the content a notice is
 * about: its post says its comments are `open` or `closed` (a WordPress
 * import or the watch read it), or, the post saying nothing, others have
 * commented on it (`others_commented`); null when nothing is known.
 */
export type CommentsFact = 'open' | 'closed' | 'others_commented' | null;

export interface Deadline {
  respondBy: Date | null;
  /** The rule that gave the deadline, with its legal reference; null when no rule applies. */
  deadlineBasis: string | null;
  /** The same, as facts; null when no rule applies. */
  deadlineBasisFacts: DeadlineBasisFacts | null;
  validity: ValidityWarning[];
}

const CLOCK_EVENTS: Record<ClockStart, string> = {
  receivedAt: 'receipt',
  acknowledgedAt: 'the acknowledgment of receipt',
  sentAt: 'sending',
  publishedAt: 'publication',
};

/** The rule for a notice: its own country's first, then the EU's for a member state, then the one for anywhere (`*`). */
export function findRule<R extends Pick<DeadlineRule, 'jurisdiction' | 'noticeType'>>(rules: readonly R[], noticeType: string, jurisdiction: string): R | null {
  for (const candidate of ruleJurisdictionsFor(jurisdiction)) {
    const rule = rules.find((item) => item.noticeType === noticeType && item.jurisdiction === candidate);
    if (rule) return rule;
  }
  return null;
}

/** The end of the day a letter states (a calendar date, 2026-12-18) in `timeZone`: when a deadline it sets runs out. */
export const statedDeadlineEnd = (statedDeadline: string, timeZone: string): Date => DateTime.fromISO(statedDeadline, { zone: timeZone }).endOf('day').toJSDate();

/**
 * When a notice must be answered, and why. A deadline ends at the end of its
 * last day (23:59:59.999) in `timeZone`; the day the clock starts does not
 * count, and dates are read in `timeZone` (a letter received on Sunday 23:30
 * UTC arrived on Monday in Paris).
 */
export function computeDeadline(rules: readonly DeadlineRule[], notice: NoticeClock, timeZone: string): Deadline {
  const rule = findRule(rules, notice.type, notice.jurisdiction);
  if (!rule) return { respondBy: null, deadlineBasis: null, deadlineBasisFacts: null, validity: [] };
  const validity = checkValidity(rule, notice, timeZone);
  const name = `${rule.jurisdiction} ${rule.noticeType} rule`;

  if (rule.preferStatedDeadline && notice.statedDeadline) {
    const respondBy = statedDeadlineEnd(notice.statedDeadline, timeZone);
    const deadlineBasisFacts: DeadlineBasisFacts = { kind: 'stated', jurisdiction: rule.jurisdiction, noticeType: rule.noticeType, reference: rule.reference };
    return { respondBy, deadlineBasis: `${name}: the deadline the notice states (${rule.reference})`, deadlineBasisFacts, validity };
  }

  const counted = `${describePeriod(rule.period, rule.dayCount)} from ${CLOCK_EVENTS[rule.clockStarts]}`;
  const deadlineBasis = `${name}: ${counted}${rule.preferStatedDeadline ? ', as the notice states no deadline' : ''} (${rule.reference})`;
  const deadlineBasisFacts: DeadlineBasisFacts = {
    kind: 'rule',
    jurisdiction: rule.jurisdiction,
    noticeType: rule.noticeType,
    period: rule.period,
    dayCount: rule.dayCount,
    clockStarts: rule.clockStarts,
    noStatedDeadline: rule.preferStatedDeadline,
    reference: rule.reference,
  };
  const start = notice[rule.clockStarts];
  if (!start) {
    const warning: ValidityWarning = {
      code: 'clock_start_unknown',
      message: `no deadline yet: the rule counts ${counted} (${rule.clockStarts}), which is not known`,
      values: { period: rule.period, dayCount: rule.dayCount, clockStarts: rule.clockStarts },
    };
    return { respondBy: null, deadlineBasis, deadlineBasisFacts, validity: [warning, ...validity] };
  }
  const lastDay = addPeriod(DateTime.fromJSDate(start, { zone: timeZone }), rule.period, rule.dayCount);
  return { respondBy: lastDay.endOf('day').toJSDate(), deadlineBasis, deadlineBasisFacts, validity };
}

/**
 * The last day of a period starting on `start`'s day. Calendar months end on
 * the same date of the month, or the month's last day when that date does
 * not exist (31 January + 1 month = 28 February, 29 in a leap year).
 * Business days skip Saturdays and Sundays.
 */
export function addPeriod(start: DateTime, period: string, dayCount: DayCount): DateTime {
  const day = start.startOf('day');
  if (dayCount === 'calendar') return day.plus(requirePeriod(period));
  let left = periodDays(period);
  if (left === null) throw new Error(`business-day period ${period} is not a number of days`);
  let current = day;
  while (left > 0) {
    current = current.plus({ days: 1 });
    if (current.weekday <= 5) left -= 1;
  }
  return current;
}

type ValidityCheck = (rule: DeadlineRule, notice: NoticeClock, timeZone: string) => ValidityWarning[];

function checkValidity(rule: DeadlineRule, notice: NoticeClock, timeZone: string): ValidityWarning[] {
  return VALIDITY_CHECKS.flatMap((check) => check(rule, notice, timeZone));
}

/** ValiditySpec.maxAgeAfterPublication: the request came too long after the publication, or the publication date is unknown. */
const checkAge: ValidityCheck = (rule, notice, timeZone) => {
  const maxAge = rule.validity?.maxAgeAfterPublication;
  const requestAt = notice.receivedAt ?? notice.sentAt;
  if (!maxAge || !requestAt) return [];
  const age = requirePeriod(maxAge).toHuman();
  if (!notice.publishedAt) {
    return [{ code: 'publication_date_unknown', message: `the content's publication date is unknown, so the ${age} limit for the request could not be checked`, values: { age: maxAge } }];
  }
  const published = DateTime.fromJSDate(notice.publishedAt, { zone: timeZone });
  const limit = published.startOf('day').plus(requirePeriod(maxAge)).endOf('day');
  if (requestAt.getTime() <= limit.toMillis()) return [];
  const date = (value: DateTime) => value.toISODate();
  return [
    {
      code: 'request_out_of_time',
      message: `the request came on ${date(DateTime.fromJSDate(requestAt, { zone: timeZone }))}, more than ${age} after the content's publication on ${date(published)} (limit ${date(limit)}): it may be out of time (${rule.reference})`,
      values: { requestedOn: date(DateTime.fromJSDate(requestAt, { zone: timeZone }))!, age: maxAge, publishedOn: date(published)!, limit: date(limit)!, reference: rule.reference },
    },
  ];
};

/** ValiditySpec.proofOfReceiptVia: a request received by another channel proves neither its receipt nor who sent it. */
const checkProofOfReceipt: ValidityCheck = (rule, notice) => {
  const proving = rule.validity?.proofOfReceiptVia;
  if (!proving || !notice.receivedVia || proving.includes(notice.receivedVia as ReceivedVia)) return [];
  return [
    {
      code: 'receipt_not_proven',
      message: `the request came by ${notice.receivedVia.replace(/_/g, ' ')}, which proves neither its receipt nor the requester's identity: it should come by ${proving.map((via) => via.replace(/_/g, ' ')).join(', ')} or another means proving both (${formReference(rule)})`,
      values: { via: notice.receivedVia, proving: [...proving], reference: formReference(rule) },
    },
  ];
};

/** ValiditySpec.requestedReplyRequired: the request must state the reply it seeks. */
const checkRequestedReply: ValidityCheck = (rule, notice) => {
  if (!rule.validity?.requestedReplyRequired || notice.requestedReply?.trim()) return [];
  return [{ code: 'requested_reply_missing', message: `no reply text is recorded: the request must state the reply it seeks (${formReference(rule)})`, values: { reference: formReference(rule) } }];
};

/** Why we hold that the requester could answer in the comments: the request itself came as one, the post says its comments are open, or others commented on it. */
export type CommentsOpenBasis = 'request_as_comment' | 'comment_status' | 'others_commented';

const COMMENTS_OPEN_WHY: Record<CommentsOpenBasis, string> = {
  request_as_comment: 'the request came as a comment, where the requester could answer directly',
  comment_status: 'the comments of the content are open, where the requester could answer directly',
  others_commented: 'others commented on the content, so the requester could answer there directly',
};

/**
 * ValiditySpec.barredWhereCommentsOpen: the procedure does not apply where the
 * requester could answer in the comments (décret n° 2007-1527, art. 1): the
 * request came as a comment, or the content's comments are open (its post
 * says so, or, saying nothing, others commented on it). A post whose
 * comments are closed gives no warning unless the request came as a comment.
 */
const checkCommentsOpen: ValidityCheck = (rule, notice) => {
  if (!rule.validity?.barredWhereCommentsOpen) return [];
  const basis: CommentsOpenBasis | null =
    notice.receivedVia === 'comment' ? 'request_as_comment' : notice.commentsOpen === 'open' ? 'comment_status' : notice.commentsOpen === 'others_commented' ? 'others_commented' : null;
  if (!basis) return [];
  return [
    {
      code: 'comments_open',
      message: `${COMMENTS_OPEN_WHY[basis]}: the procedure does not apply where the comments are open to them (${formReference(rule)})`,
      values: { basis, reference: formReference(rule) },
    },
  ];
};

/**
 * ValiditySpec.replyNoLongerThanOriginal and maxReplyLines (décret n°
 * 2007-1527, art. 3): the reply may be no longer than the message it
 * answers, in characters or in lines (when that message's text is known),
 * and never over maxReplyLines lines (reply-length.ts says how they count).
 */
const checkReplyLength: ValidityCheck = (rule, notice) => {
  const spec = rule.validity;
  const reply = notice.requestedReply?.trim();
  if (!spec || !reply) return [];
  const warnings: ValidityWarning[] = [];
  const measured = measureText(reply);
  const reference = spec.replyLengthReference ?? rule.reference;
  const original = notice.originalText?.trim() ? measureText(notice.originalText) : null;
  if (spec.replyNoLongerThanOriginal && original && (measured.characters > original.characters || measured.lines > original.lines)) {
    warnings.push({
      code: 'reply_too_long',
      message: `the reply (${measured.characters} characters, ${measured.lines} lines) is longer than the message it answers (${original.characters} characters, ${original.lines} lines): it may be no longer (${reference})`,
      values: {
        replyCharacters: String(measured.characters),
        replyLines: String(measured.lines),
        originalCharacters: String(original.characters),
        originalLines: String(original.lines),
        reference,
      },
    });
  }
  if (spec.maxReplyLines && measured.lines > spec.maxReplyLines) {
    warnings.push({
      code: 'reply_over_200_lines',
      message: `the reply runs to ${measured.lines} lines (counted at ${REPLY_LINE_WIDTH} characters a line), over the ${spec.maxReplyLines} a reply may have (${reference})`,
      values: { replyLines: String(measured.lines), maxLines: String(spec.maxReplyLines), width: String(REPLY_LINE_WIDTH), reference },
    });
  }
  return warnings;
};

const VALIDITY_CHECKS: readonly ValidityCheck[] = [checkAge, checkCommentsOpen, checkProofOfReceipt, checkRequestedReply, checkReplyLength];

const formReference = (rule: DeadlineRule): string => rule.validity?.requestFormReference ?? rule.reference;

function describePeriod(period: string, dayCount: DayCount): string {
  const days = periodDays(period);
  if (dayCount === 'business') return `${days} business day${days === 1 ? '' : 's'}`;
  return requirePeriod(period).toHuman();
}

function requirePeriod(period: string): Duration {
  const duration = parsePeriod(period);
  if (!duration) throw new Error(`deadline period ${period} is not a period of whole days, weeks, months or years`);
  return duration;
}
