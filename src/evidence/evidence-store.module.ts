import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { EvidenceStore, evidenceStoreOf } from './evidence-store.js';
import { Evidence, EvidencePart } from './evidence.entity.js';

/**
 * The evidence store (EVIDENCE_STORE: the folder EVIDENCE_DIR, or the
 * PostgreSQL database) and the rows that name its contents, without the rest
 * of the feature (HTTP, captures): what the feature and a restore share.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Evidence, EvidencePart])],
  providers: [{ provide: EvidenceStore, inject: [AppConfig, getDataSourceToken()], useFactory: (config: AppConfig, dataSource: DataSource) => evidenceStoreOf(config.evidenceStore, config, dataSource) }],
  exports: [EvidenceStore],
})
export class EvidenceStoreModule {}
