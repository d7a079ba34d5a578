import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ImportsService } from './imports.service.js';

/**
 * The worker role finishes imports cut short (the process that ran one
 * crashed or was stopped): at start, then every half IMPORT_LEASE, each
 * import whose lease has run out is resumed from its last batch.
 */
@Injectable()
export class ImportResumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportResumer.name);
  private timer?: NodeJS.Timeout;
  private pass: Promise<void> | null = null;

  constructor(
    private readonly imports: ImportsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.hasRole('worker')) return;
    this.sweep();
    this.timer = setInterval(() => this.sweep(), Math.max(1000, this.config.importLeaseMs / 2)).unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private sweep(): void {
    this.pass ??= this.imports
      .resumeStale()
      .then((resumed) => {
        if (resumed) this.logger.log(`${resumed} interrupted import(s) resumed`);
      })
      .catch((error: unknown) => this.logger.error(`resuming imports failed: ${(error as Error).message}`))
      .finally(() => (this.pass = null));
  }
}
