import { ApiProperty } from '@nestjs/swagger';
import { CommentView } from '../comments/comment.dto.js';
import { PartyView } from '../parties/party.dto.js';

export class ExportIncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() ref: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: [String], description: 'The columns that name the party (comments.party_id: their messages; incidents.counterpart_id; legal_notices.sender_party_id…)' }) names: string[];
}

export class ExportNoticeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() ref: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() type: string;
  @ApiProperty() status: string;
  @ApiProperty() open: boolean;
  @ApiProperty({ nullable: true }) summary: string | null;
  @ApiProperty({ nullable: true }) requestedReply: string | null;
  @ApiProperty({ type: [String], enum: ['sender', 'on_behalf_of', 'counsel', 'their_message'] }) roles: string[];
}

export class ExportCommitmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() kind: string;
  @ApiProperty() description: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) promisedAt: string;
}

export class ExportTimelineValueView {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty() seq: number;
  @ApiProperty() type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'The payload field that holds it (its digest is what the chain hashes)' }) field: string;
  @ApiProperty() value: string;
}

export class ExportErasureView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The party, or one merged into it' }) partyId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty({ description: 'Personal values taken out of the timelines' }) values: number;
}

/** Everything Calumet holds about a party, for an access request (GDPR art. 15). */
export class PartyExportView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: PartyView }) party: PartyView;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Parties merged into this one, whose data it now holds' }) mergedPartyIds: string[];
  @ApiProperty({ type: [ExportIncidentView] }) incidents: ExportIncidentView[];
  @ApiProperty({ type: [CommentView], description: 'The messages they wrote, with their earlier versions' }) messages: CommentView[];
  @ApiProperty({ type: [ExportNoticeView] }) notices: ExportNoticeView[];
  @ApiProperty({ type: [ExportCommitmentView] }) commitments: ExportCommitmentView[];
  @ApiProperty({ type: [ExportTimelineValueView], description: 'Their personal values kept beside the timelines' }) timeline: ExportTimelineValueView[];
  @ApiProperty({ type: [ExportErasureView] }) erasures: ExportErasureView[];
}

export class RetainedEventView {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() seq: number;
  @ApiProperty() type: string;
}

export class ErasureView {
  @ApiProperty({ type: PartyView, description: 'The tombstone left' }) party: PartyView;
  @ApiProperty({ format: 'uuid' }) erasureId: string;
  @ApiProperty({ description: 'Messages whose words were erased' }) messages: number;
  @ApiProperty({ description: 'Personal values taken out of the timelines' }) values: number;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The incidents whose timeline records the erasure (party.erased)' }) incidentIds: string[];
  @ApiProperty({
    type: [RetainedEventView],
    description: 'Events written before personal values were kept apart, hashed over the party’s data, which still hold it (docs/legal.md, "Access and erasure")',
  })
  retained: RetainedEventView[];
}
