import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module.js';
import { SourcesModule } from '../imports/sources/sources.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Commitment, Observation } from './commitment.entity.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { CommitmentChecker } from './commitment-checker.service.js';
import { CommitmentJobs } from './commitment-jobs.js';
import { CommitmentsController } from './commitments.controller.js';
import { CommitmentsService } from './commitments.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Commitment, Observation]), RemindersModule, PostsModule, PartiesModule, CommentsModule, SourcesModule],
  controllers: [CommitmentsController],
  providers: [CommitmentsService, CommitmentChecker, CommitmentJobs],
  exports: [CommitmentsService, CommitmentChecker],
})
export class CommitmentsModule {}
