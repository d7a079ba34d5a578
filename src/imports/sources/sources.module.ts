import { Module } from '@nestjs/common';
import { SourceRegistry } from './registry.js';

/** The places threads are read from: imports read whole threads, commitments ask whether one message is still shown. */
@Module({ providers: [SourceRegistry], exports: [SourceRegistry] })
export class SourcesModule {}
