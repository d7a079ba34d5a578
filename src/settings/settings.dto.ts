import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import type { SettingsEvent } from './settings-event.entity.js';

export class SettingsTimelineQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'signal_phrase.added', description: 'Only events of this type' }) @IsOptional() @IsString() @MaxLength(64) type?: string;
}

export class SettingsEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The settings’ version once this event was written' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'User id, or "system"' }) actor: string;
  @ApiProperty({ example: 'signal_phrase.added' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static of(event: SettingsEvent): SettingsEventView {
    return { ...event, at: event.at.toISOString() };
  }
}
