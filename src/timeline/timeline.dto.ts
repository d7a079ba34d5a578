import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TimelineEvent } from './timeline-event.entity.js';
import type { Verification } from './timeline.service.js';

export class TimelineEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'User id, or "system"' }) actor: string;
  @ApiProperty({ example: 'state.changed' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static of(event: TimelineEvent): TimelineEventView {
    return { ...event, at: event.at.toISOString() };
  }
}

export class ChainHeadView {
  @ApiProperty() seq: number;
  @ApiProperty({ description: 'SHA-256, hex' }) hash: string;
}

export class VerificationView implements Verification {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Number of events in the chain' }) events: number;
  @ApiProperty({
    type: ChainHeadView,
    nullable: true,
    description: 'The last event (seq and hash): note it somewhere Calumet cannot change, and check later that the chain still extends it',
  })
  head: ChainHeadView | null;
  @ApiPropertyOptional({ description: 'seq of the first event that does not hold' }) brokenAt?: number;
  @ApiPropertyOptional({ format: 'uuid' }) brokenEventId?: string;
  @ApiPropertyOptional() reason?: string;
}
