import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { bearerToken } from '../common/bearer-token.js';
import { refusal } from '../common/problem.js';
import { hashToken } from './tokens.js';

const WINDOW_MS = 60_000;

interface Window {
  start: number;
  count: number;
}

/**
 * RATE_LIMIT_PER_MINUTE requests per token (per address without one) on
 * /api, counted in this process. Each key has its own one-minute window,
 * opened by its first request: a burst is never split in two by the clock's
 * minute boundary, so N requests within a minute are always N of one window.
 * (A hand-rolled guard: @nestjs/throttler is CommonJS and cannot load
 * ESM-only Nest 12 under Jest on Node 20.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.config.rateLimitPerMinute;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (limit === 0 || !request.url.startsWith('/api/')) return true;

    const now = Date.now();
    this.sweep(now);
    const token = bearerToken(request.headers.authorization);
    const key = token ? hashToken(token) : `ip:${request.ip}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const resetSeconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    void reply.header('X-RateLimit-Limit', limit).header('X-RateLimit-Remaining', Math.max(0, limit - window.count)).header('X-RateLimit-Reset', resetSeconds);
    if (window.count > limit) {
      void reply.header('Retry-After', resetSeconds);
      throw refusal(HttpStatus.TOO_MANY_REQUESTS, 'auth.rateLimited', `rate limit of ${limit} requests per minute exceeded; retry in ${resetSeconds} s`, {
        values: { limit, seconds: resetSeconds },
      });
    }
    return true;
  }

  /** Forgets the windows that have ended, once a minute, so the map holds only the keys seen in the last minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
