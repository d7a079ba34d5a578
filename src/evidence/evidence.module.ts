import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { BrowserLauncher } from './browser.js';
import { CaptureAlarms } from './capture/capture-alarms.js';
import { CaptureJobs } from './capture/capture-jobs.js';
import { PageCapture } from './capture/page-capture.js';
import { EvidenceStore, evidenceStoreOf } from './evidence-store.js';
import { EvidenceController } from './evidence.controller.js';
import { Evidence, EvidencePart } from './evidence.entity.js';
import { EvidenceService } from './evidence.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Evidence, EvidencePart])],
  controllers: [EvidenceController],
  providers: [
    EvidenceService,
    // EVIDENCE_STORE: the folder (EVIDENCE_DIR) or the PostgreSQL database.
    { provide: EvidenceStore, inject: [AppConfig, getDataSourceToken()], useFactory: (config: AppConfig, dataSource: DataSource) => evidenceStoreOf(config.evidenceStore, config, dataSource) },
    BrowserLauncher,
    PageCapture,
    CaptureAlarms,
    CaptureJobs,
  ],
  exports: [EvidenceService, BrowserLauncher],
})
export class EvidenceModule {}
