import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { SealsModule } from '../seals/seals.module.js';
import { DossierController } from './dossier.controller.js';
import { DossierPrinter } from './dossier-printer.service.js';
import { DossierService } from './dossier.service.js';

@Module({
  imports: [LegalNoticesModule, EvidenceModule, CommitmentsModule, PostsModule, SealsModule],
  controllers: [DossierController],
  providers: [DossierService, DossierPrinter],
  exports: [DossierService, DossierPrinter],
})
export class DossierModule {}
