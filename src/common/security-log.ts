import { Injectable } from '@nestjs/common';
import { pino, type Logger } from 'pino';

/**
 * The security log: refused sign-ins, locks, and the like, as pino lines
 * tagged `security` (one filter finds them all), through the app's logger
 * once bootstrap hands it over.
 */
@Injectable()
export class SecurityLog {
  private logger: Logger = pino({ level: 'info', base: { service: 'calumet', pid: process.pid } }).child({ tag: 'security' });

  /** Writes through this logger from now on (bootstrap passes the app's). */
  use(logger: Logger): void {
    this.logger = logger.child({ tag: 'security' });
  }

  warn(event: string, fields: Record<string, unknown>, message: string): void {
    this.logger.warn({ event, ...fields }, message);
  }

  info(event: string, fields: Record<string, unknown>, message: string): void {
    this.logger.info({ event, ...fields }, message);
  }
}
