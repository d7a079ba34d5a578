import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RemindersModule } from '../reminders/reminders.module.js';
import { PostIndexingChecker } from './post-indexing.checker.js';
import { PostJobs } from './post-jobs.js';
import { Post } from './post.entity.js';
import { PostsController } from './posts.controller.js';
import { PostsService } from './posts.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Post]), RemindersModule],
  controllers: [PostsController],
  providers: [PostsService, PostIndexingChecker, PostJobs],
  exports: [PostsService],
})
export class PostsModule {}
