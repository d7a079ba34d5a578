import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceStore } from './evidence-store.js';
import { Evidence, EvidencePart } from './evidence.entity.js';

/** The evidence store and the rows that name its contents, without the rest of the feature (HTTP, captures): what a restore checks. */
@Module({
  imports: [TypeOrmModule.forFeature([Evidence, EvidencePart])],
  providers: [EvidenceStore],
  exports: [EvidenceStore],
})
export class EvidenceStoreModule {}
