import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { iso, QueryBoolean } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import type { Notification } from './notification.entity.js';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread (true) or read (false) notifications' }) @IsOptional() @QueryBoolean() @IsBoolean() unread?: boolean;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'Null for a notice about the desk itself (a failed backup)' }) reminderId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) incidentId: string | null;
  @ApiProperty({ example: 'response_due' }) kind: string;
  @ApiProperty({ description: 'Names the incident ref' }) title: string;
  @ApiProperty({ description: 'What is owed, by when, and the link to the incident' }) body: string;
  @ApiProperty() url: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true }) readAt: string | null;

  static of(notification: Notification): NotificationView {
    const { userId: _, ...fields } = notification;
    return { ...fields, dueAt: iso(notification.dueAt)!, createdAt: iso(notification.createdAt)!, readAt: iso(notification.readAt) };
  }
}

export class UnreadCountView {
  @ApiProperty() unread: number;
}

export class MarkedReadView {
  @ApiProperty({ description: 'How many notifications were unread and are now read' }) marked: number;
}
