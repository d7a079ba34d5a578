import { Global, Module } from '@nestjs/common';
import { CheckAlarms } from './check-alarms.js';
import { PageCheckSweep } from './page-check-sweep.service.js';

/** Alarm clocks for checks of live pages (commitments kept, a post's indexing), and the sweep that re-arms them. */
@Global()
@Module({ providers: [CheckAlarms, PageCheckSweep], exports: [CheckAlarms, PageCheckSweep] })
export class PageChecksModule {}
