import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceStore } from './evidence-store.js';
import { EvidenceController } from './evidence.controller.js';
import { Evidence } from './evidence.entity.js';
import { EvidenceService } from './evidence.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Evidence])],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceStore],
  exports: [EvidenceService],
})
export class EvidenceModule {}
