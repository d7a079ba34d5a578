import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const AGENDA_KINDS = ['reply', 'deadline', 'commitment', 'check', 'follow_up', 'watched', 'prescription'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export class AgendaItemView {
  @ApiProperty({ enum: AGENDA_KINDS, description: 'reply: an inbound message owed a reply; deadline: a legal notice to answer within 7 days; commitment: a promise due; check: a commitment that failed its check; follow_up: a reminder you scheduled; watched: a new message a post’s watch brought in (within 3 days of its arrival, never overdue); prescription: the press-law prescription of a message or post marked as defamatory or insulting, within 30 days (a formal notice does not interrupt it)' })
  kind: AgendaKind;
  @ApiProperty({ format: 'date-time', description: 'When it is owed (for watched: when the message arrived)' }) dueAt: string;
  @ApiProperty({ description: 'dueAt has passed' }) overdue: boolean;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() incidentRef: string;
  @ApiProperty() incidentTitle: string;
  @ApiProperty({ enum: ['comment', 'notice', 'commitment', 'reminder', 'prescription'] }) subjectType: 'comment' | 'notice' | 'commitment' | 'reminder' | 'prescription';
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ description: 'What it is, in a few words: the message’s start, the notice’s ref and type, the commitment' }) label: string;
  @ApiPropertyOptional({ description: 'For a deadline: the notice type; for a commitment or a check: the commitment kind; for a prescription: the offence (defamation, insult)' }) detail?: string;
}

export class LaterDeadlinesView {
  @ApiProperty() count: number;
  @ApiProperty({ format: 'date-time', nullable: true }) next: string | null;
}

/** A promise still pending with no due date: nothing reminds anyone of it, so Today lists it apart, not as an item. */
export class UndatedCommitmentView {
  @ApiProperty({ format: 'uuid' }) commitmentId: string;
  @ApiProperty({ description: 'The commitment kind (call_back, noindex, …)' }) kind: string;
  @ApiProperty({ description: 'The commitment, in a few words' }) label: string;
  @ApiProperty({ format: 'date-time' }) promisedAt: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() incidentRef: string;
  @ApiProperty() incidentTitle: string;
}

export class UndatedCommitmentsView {
  @ApiProperty({ description: 'How many, shown or not' }) count: number;
  @ApiProperty({ type: [UndatedCommitmentView], description: 'The oldest promise first; the first 50 at most' }) items: UndatedCommitmentView[];
}

export class AgendaView {
  @ApiProperty({ type: [AgendaItemView], description: 'Most urgent first (earliest dueAt); the first 200 at most' }) items: AgendaItemView[];
  @ApiProperty({ description: 'How many items there are in all, shown or not' }) total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'How many items of each kind, shown or not', example: { reply: 3, deadline: 1, commitment: 0, check: 0, follow_up: 0, watched: 2, prescription: 1 } })
  counts: Record<AgendaKind, number>;
  @ApiProperty({ description: 'How many items are overdue, shown or not' }) overdue: number;
  @ApiProperty({ type: LaterDeadlinesView, description: 'The legal deadlines further than a week off (not items): how many, and the first' }) laterDeadlines: LaterDeadlinesView;
  @ApiProperty({ type: UndatedCommitmentsView, description: 'The person’s pending commitments with no due date (not items: nothing places them in time or reminds of them), for them to be given one' })
  undatedCommitments: UndatedCommitmentsView;
}
