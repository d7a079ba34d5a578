import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartiesModule } from '../parties/parties.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { SignalsModule } from '../signals/signals.module.js';
import { UsersModule } from '../users/users.module.js';
import { ClosedIncidentMessages } from './closed-incident-messages.js';
import { Comment } from './comment.entity.js';
import { CommentsController } from './comments.controller.js';
import { CommentsService } from './comments.service.js';
import { OwedReplies } from './owed-replies.js';
import { OwedRepliesBasis, OwedReply } from './owed-reply.entity.js';
import { ResponseReminders } from './response-reminders.js';

@Module({
  imports: [TypeOrmModule.forFeature([Comment, OwedReply, OwedRepliesBasis]), SignalsModule, RemindersModule, PartiesModule, UsersModule],
  controllers: [CommentsController],
  providers: [CommentsService, ResponseReminders, ClosedIncidentMessages, OwedReplies],
  exports: [CommentsService, OwedReplies],
})
export class CommentsModule {}
