import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { LegalNoticesModule } from '../legal-notices/legal-notices.module.js';
import { DossierController } from './dossier.controller.js';
import { DossierService } from './dossier.service.js';

@Module({
  imports: [LegalNoticesModule, EvidenceModule],
  controllers: [DossierController],
  providers: [DossierService],
})
export class DossierModule {}
