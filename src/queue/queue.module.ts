import { Global, Module } from '@nestjs/common';
import { QueueService } from './queue.service.js';

/** The queue driver, for both roles: the API adds jobs, the worker also consumes them. */
@Global()
@Module({ providers: [QueueService], exports: [QueueService] })
export class QueueModule {}
