import { Column, Entity, PrimaryColumn } from 'typeorm';
import { JsonColumn } from '../database/columns.js';
import type { ClockStart, DayCount, RuleType } from './deadline-rule.types.js';
import type { ReceivedVia } from './notice-kinds.js';

/** Conditions a notice should meet to be valid, checked when its deadline is computed. */
export interface ValiditySpec {
  /** The request should reach us within this period (ISO-8601) of the content's publication. */
  maxAgeAfterPublication?: string;
  /** The channels that prove the request's receipt and the requester's identity; a request received by another gets a warning. */
  proofOfReceiptVia?: ReceivedVia[];
  /** The request must state the reply it seeks: a warning while the notice records none (requestedReply). */
  requestedReplyRequired?: boolean;
  /** The procedure does not apply where the person could answer in the comments themselves: a request received as a comment, or about content whose comments are open, gets a warning. */
  barredWhereCommentsOpen?: boolean;
  /** The reply may be no longer than the message it answers (characters or lines): a warning when it is longer. */
  replyNoLongerThanOriginal?: boolean;
  /** The most lines a reply may have (counted as reply-length.ts says): a warning beyond. */
  maxReplyLines?: number;
  /** What the two length checks cite; the rule's reference when absent. */
  replyLengthReference?: string;
  /** The text the checks above cite; the rule's reference when absent. */
  requestFormReference?: string;
}

/** How long one answers a type of notice in a jurisdiction; data, seeded by a migration and edited by admins. */
@Entity('deadline_rules')
export class DeadlineRule {
  /** ISO 3166-1 alpha-2, `EU` for every member state, or `*` for anywhere. */
  @PrimaryColumn({ type: 'varchar', length: 3 }) jurisdiction: string;
  /** A notice type, or a press-law prescription key (`press_prescription`, `press_prescription_65_3`). */
  @PrimaryColumn({ type: 'varchar', length: 30 }) noticeType: RuleType;
  @Column({ type: 'varchar', length: 20 }) clockStarts: ClockStart;
  /** ISO-8601 period of whole days, weeks, months or years. */
  @Column({ type: 'varchar', length: 20 }) period: string;
  @Column({ type: 'varchar', length: 10 }) dayCount: DayCount;
  @Column({ type: 'varchar', length: 500 }) reference: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @JsonColumn({ nullable: true }) validity: ValiditySpec | null;
  /** The deadline the notice itself states, when it states one, comes before the period (formal notices). */
  @Column({ type: 'boolean' }) preferStatedDeadline: boolean;
}
