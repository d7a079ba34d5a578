import type { NoteFacts } from './reminder-note.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { InFuture, iso, IsoDateTime, Trim } from '../common/dto-helpers.js';
import { PageQuery } from '../common/pagination.js';
import { CHANNELS, DELIVERY_STATUSES, type Channel, type DeliveryFacts, type DeliveryStatus } from '../notifications/delivery-status.js';
import { REMINDER_KINDS, REMINDER_STATUSES, SUBJECT_TYPES, type ReminderKind, type ReminderStatus, type SubjectType } from './reminder-kinds.js';
import type { Reminder } from './reminder.entity.js';

export class CreateReminderDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() incidentId: string;
  @ApiProperty({ format: 'date-time', description: 'When to remind; in the future' }) @IsoDateTime() @InFuture() dueAt: Date;
  @ApiProperty({ maxLength: 2000, description: 'What to remember, e.g. "call back, not before Thursday"' })
  @Trim() @IsString() @MinLength(1, { message: 'note must not be empty' }) @MaxLength(2000) note: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'An active user; defaults to you' }) @IsOptional() @IsUUID() recipientUserId?: string;
}

export class SnoozeReminderDto {
  @ApiProperty({ format: 'date-time', description: 'The new due time; in the future' }) @IsoDateTime() @InFuture() until: Date;
}

export class CancelReminderDto {
  @ApiProperty({ maxLength: 1000 }) @Trim() @IsString() @MinLength(1, { message: 'reason must not be empty' }) @MaxLength(1000) reason: string;
}

export class ListRemindersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REMINDER_STATUSES }) @IsOptional() @IsIn(REMINDER_STATUSES) status?: ReminderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() incidentId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The recipient user (the reminders’ `recipientUserId`)' }) @IsOptional() @IsUUID() recipientUserId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Same as recipientUserId (the name the original design gives it)' }) @IsOptional() @IsUUID() recipientId?: string;
  @ApiPropertyOptional({ enum: REMINDER_KINDS }) @IsOptional() @IsIn(REMINDER_KINDS) kind?: ReminderKind;
}

export class SubjectView {
  @ApiProperty({ enum: SUBJECT_TYPES }) type: SubjectType;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class DeliveryView {
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: 'unknown: the sender died while sending; not sent again' }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ nullable: true }) lastError: string | null;

  static of(delivery: DeliveryFacts): DeliveryView {
    return { channel: delivery.channel, status: delivery.status, attempts: delivery.attempts, sentAt: iso(delivery.sentAt), lastError: delivery.lastError };
  }
}

export class ReminderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty({ type: SubjectView }) subject: SubjectView;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ format: 'uuid' }) recipientUserId: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the thing reminded of is owed (a notice’s respondBy for its warnings)' }) owedBy: string;
  @ApiProperty({ enum: REMINDER_STATUSES }) status: ReminderStatus;
  @ApiProperty({ description: 'Its place in its chain (the nth response_due for one comment)' }) sequence: number;
  @ApiProperty({ description: 'Changes with every snooze or move; the queue job of an older version does nothing' }) version: number;
  @ApiProperty({ description: 'Delivery runs so far' }) attempts: number;
  @ApiProperty({ nullable: true, description: 'In English for a note Calumet wrote; as typed for one a person wrote' }) note: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, nullable: true, description: 'A note Calumet wrote, as facts: catalogue sentences (`key`) with their `values`, for saying it in another language' })
  noteFacts: NoteFacts | null;
  @ApiProperty({ format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({ nullable: true }) cancelReason: string | null;
  @ApiProperty({ nullable: true, description: 'Why the last delivery run failed' }) lastError: string | null;
  @ApiProperty({ type: [DeliveryView] }) deliveries: DeliveryView[];
  @ApiProperty({ description: 'User id, or "system"' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(reminder: Reminder, deliveries: DeliveryFacts[] = []): ReminderView {
    const { subjectType, subjectId, ...fields } = reminder;
    return {
      ...fields,
      subject: { type: subjectType, id: subjectId },
      dueAt: iso(reminder.dueAt)!,
      owedBy: iso(reminder.owedBy)!,
      sentAt: iso(reminder.sentAt),
      cancelledAt: iso(reminder.cancelledAt),
      deliveries: deliveries.map(DeliveryView.of),
      createdAt: iso(reminder.createdAt)!,
      updatedAt: iso(reminder.updatedAt)!,
    };
  }
}
