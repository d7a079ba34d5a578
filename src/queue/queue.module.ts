import { Global, Module } from '@nestjs/common';
import { DueJobSources } from './due-jobs.js';
import { QueueService } from './queue.service.js';

/** The queue driver, for both roles: the API adds jobs, the worker also consumes them (or, without Redis, runs what the rows say is due). */
@Global()
@Module({ providers: [QueueService, DueJobSources], exports: [QueueService, DueJobSources] })
export class QueueModule {}
