import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { SignalsController } from './signals.controller.js';
import { SuggestionsController } from './suggestions.controller.js';
import { SuggestionsService } from './suggestions.service.js';

@Module({
  imports: [LegalNoticesModule, CommitmentsModule],
  controllers: [SignalsController, SuggestionsController],
  providers: [SuggestionsService],
  exports: [SuggestionsService],
})
export class SignalsModule {}
