import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorker } from './job-worker.service.js';

/** Loaded only in a process with the worker role (CALUMET_ROLES). */
@Module({ imports: [DiscoveryModule], providers: [JobWorker] })
export class WorkerModule {}
