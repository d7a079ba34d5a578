import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

export class RetentionRuleView {
  @ApiProperty({ enum: ['closed', 'resolved'], description: 'The state the rule applies to' }) state: string;
  @ApiProperty({ description: 'ISO-8601 duration after entering the state (closedAt, resolvedAt) when the incident is due for purge', example: 'P6Y' }) period: string;
}

export const HOLD_BACK_REASONS = ['legalHold', 'openItems'] as const;
export type HoldBackCode = (typeof HOLD_BACK_REASONS)[number];

export class HoldBackReasonView {
  @ApiProperty({ enum: HOLD_BACK_REASONS, description: 'legalHold: the incident is under legal hold; openItems: a legal notice is open or a commitment is owed' }) code: HoldBackCode;
  @ApiProperty({ description: 'The hold’s reason, or what is open, in English' }) detail: string;
  @ApiProperty({ required: false, description: 'legalHold: the hold’s reason as it was given' }) reason?: string;
  @ApiProperty({ required: false, description: 'openItems: which count (openLegalNotices, pendingCommitments…)' }) key?: string;
  @ApiProperty({ required: false, description: 'openItems: how many' }) count?: number;
}

export class RetentionCandidateView {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() ref: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['closed', 'resolved'] }) state: string;
  @ApiProperty({ format: 'date-time', description: 'When it entered the state (closedAt, resolvedAt)' }) since: string;
  @ApiProperty({ format: 'date-time', description: 'since + the rule’s period, in CALUMET_TZ' }) dueAt: string;
  @ApiProperty({ type: RetentionRuleView }) rule: RetentionRuleView;
  @ApiProperty({ type: [HoldBackReasonView], description: 'Empty when it may be purged' }) heldBack: HoldBackReasonView[];
}

export class RetentionDueView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [RetentionRuleView], description: 'The rules in force (RETENTION_CLOSED, RETENTION_RESOLVED); empty when every rule is off' }) rules: RetentionRuleView[];
  @ApiProperty({ description: 'RETENTION_AUTO: whether the worker purges what is due by itself' }) auto: boolean;
  @ApiProperty({ type: [RetentionCandidateView], description: 'Due for purge, the longest due first' }) due: RetentionCandidateView[];
  @ApiProperty({ type: [RetentionCandidateView], description: 'Due by their rule but held back, each with why' }) heldBack: RetentionCandidateView[];
  @ApiProperty({ description: 'More incidents are due than listed (the list stops at 500 per rule): purge these, and list again' }) more: boolean;
}

export class PurgeDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The incidents to purge, from the due list: each is checked again now', minItems: 1, maxItems: 100 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true })
  incidentIds: string[];
}

export const PURGE_OUTCOMES = ['purged', 'refused'] as const;

export class PurgeOutcomeView {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ nullable: true }) ref: string | null;
  @ApiProperty({ enum: PURGE_OUTCOMES }) status: (typeof PURGE_OUTCOMES)[number];
  @ApiProperty({ enum: ['notFound', 'notDue', ...HOLD_BACK_REASONS], nullable: true, description: 'Why it was refused: notFound, notDue (no rule makes it due now), legalHold, openItems' }) reason: string | null;
  @ApiProperty({ nullable: true, description: 'Why, in English' }) detail: string | null;
  @ApiProperty({ nullable: true, description: 'Its record on the removals’ chain (seq, hash)' }) removal: { seq: number; hash: string } | null;
  @ApiProperty({ nullable: true, description: 'The purged timeline’s last event (seq, hash)' }) head: { seq: number; hash: string } | null;
  @ApiProperty({ nullable: true, description: 'What went with it, counted by kind' }) removed: Record<string, number> | null;
}

export class PurgeView {
  @ApiProperty({ type: [PurgeOutcomeView] }) outcomes: PurgeOutcomeView[];
  @ApiProperty({ nullable: true, description: 'The seal made after the purge, covering the removals’ chain (null when nothing was purged, or the seal failed: the next daily seal covers it)' })
  seal: { id: string; root: string } | null;
}

export class RemovalView {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: ['incident.deleted', 'incident.purged'] }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty() ref: string;
  @ApiProperty({ nullable: true }) head: { seq: number; hash: string } | null;
  @ApiProperty({ nullable: true }) rule: { state: string; period: string; since: string } | null;
  @ApiProperty() removed: Record<string, number>;
  @ApiProperty() hash: string;
}
