import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UserInvite } from './invite.entity.js';
import { PrincipalDirectory } from '../auth/principal-directory.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';
import { WebSession } from './web-session.entity.js';
import { WebSessionsService } from './web-sessions.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserInvite, WebSession]), NotificationsModule],
  controllers: [UsersController],
  providers: [UsersService, WebSessionsService, { provide: PrincipalDirectory, useExisting: UsersService }],
  exports: [UsersService, WebSessionsService, PrincipalDirectory],
})
export class UsersModule {}
