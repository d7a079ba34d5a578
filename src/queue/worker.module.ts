import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DueJobsPoller } from './due-jobs-poller.service.js';
import { JobWorker } from './job-worker.service.js';

/** Loaded only in a process with the worker role (CALUMET_ROLES). */
@Module({ imports: [DiscoveryModule], providers: [JobWorker, DueJobsPoller] })
export class WorkerModule {}
