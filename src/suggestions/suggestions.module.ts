import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module.js';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { SuggestionsController } from './suggestions.controller.js';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module.js';
import { SuggestionsService } from './suggestions.service.js';

/** Accepting or dismissing what an incident's signals suggest (src/signals reads the signals). */
@Module({
  imports: [LegalNoticesModule, CommitmentsModule, PartiesModule, CommentsModule, PostsModule, PrescriptionsModule],
  controllers: [SuggestionsController],
  providers: [SuggestionsService],
  exports: [SuggestionsService],
})
export class SuggestionsModule {}
