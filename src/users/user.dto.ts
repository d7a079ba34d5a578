import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Lower, Patchable, Trim } from '../common/dto-helpers.js';
import { ROLES, type Role } from '../auth/roles.js';
import type { User } from './user.entity.js';

export class CreateUserDto {
  @ApiProperty({ maxLength: 120 }) @Trim() @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ maxLength: 254 }) @Lower() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 120 }) @Patchable() @Trim() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @Patchable() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @Patchable() @IsBoolean() active?: boolean;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(user: User): UserView {
    return { id: user.id, name: user.name, email: user.email, role: user.role, active: user.active, createdAt: user.createdAt.toISOString() };
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
}
