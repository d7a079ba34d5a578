import { Module } from '@nestjs/common';
import { DueJobsPoller } from './due-jobs-poller.service.js';
import { JobWorker } from './job-worker.service.js';

/** Loaded only in a process with the worker role (CALUMET_ROLES). */
@Module({ providers: [JobWorker, DueJobsPoller] })
export class WorkerModule {}
