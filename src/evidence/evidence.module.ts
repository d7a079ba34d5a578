import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BrowserLauncher } from './browser.js';
import { CaptureAlarms } from './capture/capture-alarms.js';
import { CaptureJobs } from './capture/capture-jobs.js';
import { PageCapture } from './capture/page-capture.js';
import { EvidenceStoreModule } from './evidence-store.module.js';
import { EvidenceController } from './evidence.controller.js';
import { Evidence, EvidencePart } from './evidence.entity.js';
import { EvidenceService } from './evidence.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Evidence, EvidencePart]), EvidenceStoreModule],
  controllers: [EvidenceController],
  providers: [
    EvidenceService,
    BrowserLauncher,
    PageCapture,
    CaptureAlarms,
    CaptureJobs,
  ],
  exports: [EvidenceService, BrowserLauncher],
})
export class EvidenceModule {}
