import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { isLocale, LOCALES, type Locale } from '../i18n/i18n.js';
import { Lower, Patchable, Trim } from '../common/dto-helpers.js';
import { ROLES, type Role } from '../common/roles.js';
import type { User } from './user.entity.js';

export class CreateUserDto {
  @ApiProperty({ maxLength: 120 }) @Trim() @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ maxLength: 254 }) @Lower() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of the desk and of the mails for this person (their invite first); unset follows their browser' })
  @IsOptional() @IsIn(LOCALES) locale?: Locale;
}

/** What a signed-in person may change of their own account. */
export class UpdateMeDto {
  @ApiPropertyOptional({ maxLength: 120 }) @Patchable() @Trim() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of the desk and of your mails' }) @Patchable() @IsIn(LOCALES) locale?: Locale;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 120 }) @Patchable() @Trim() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @Patchable() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @Patchable() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Names the user signs with on blogs: an imported comment under one of them is outbound' })
  @Patchable() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true }) handles?: string[];
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [String], description: 'Names the user signs with on blogs' }) handles: string[];
  @ApiProperty({ enum: LOCALES, nullable: true, description: 'The language chosen for this person; null follows their browser' }) locale: Locale | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When the API token was made and shown; null when nobody ever saw one' }) tokenIssuedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(user: User): UserView {
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      active: user.active,
      handles: user.handles ?? [],
      locale: isLocale(user.locale) ? user.locale : null,
      tokenIssuedAt: user.tokenIssuedAt ? user.tokenIssuedAt.toISOString() : null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

export class CreatedUserView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'The API token, shown this once; only its hash is stored.' }) token: string;
}

export class InviteView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'The one-time link to set a web password (PUBLIC_URL/invite/<token>), shown this once' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'Whether the link was emailed to the person (SMTP_URL set and the mail server took it)' }) emailed: boolean;
  @ApiPropertyOptional({ description: 'Why the mail did not go, when SMTP_URL is set and the mail server refused it' }) mailError?: string;
}

/** One signed-in browser of a person on the web desk. */
export class SessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'The browser (User-Agent) it signed in with' }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The address it signed in from' }) address: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When a page was last opened with it (to within five minutes)' }) lastSeenAt: string;

  static of(session: { id: string; userAgent: string | null; address: string | null; createdAt: Date; lastSeenAt: Date }): SessionView {
    return { id: session.id, userAgent: session.userAgent, address: session.address, createdAt: session.createdAt.toISOString(), lastSeenAt: session.lastSeenAt.toISOString() };
  }
}

export class EndedSessionsView {
  @ApiProperty({ description: 'How many sessions ended' }) ended: number;
}
