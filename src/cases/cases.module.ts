import { Module } from '@nestjs/common';
import { PartiesModule } from '../parties/parties.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { CasesService } from './cases.service.js';

/** Opening a case in one go (the desk's "New incident"): over incidents, parties and posts. */
@Module({
  imports: [PartiesModule, PostsModule],
  providers: [CasesService],
  exports: [CasesService],
})
export class CasesModule {}
