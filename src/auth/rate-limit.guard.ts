import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { bearerToken } from '../common/bearer-token.js';
import { hashToken } from './tokens.js';

const WINDOW_MS = 60_000;

/**
 * RATE_LIMIT_PER_MINUTE requests per token (per address without one) on
 * /api, in fixed one-minute windows, counted in this process. (A hand-rolled
 * guard: @nestjs/throttler is CommonJS and cannot load ESM-only Nest 12 under
 * Jest on Node 20.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const limit = this.config.rateLimitPerMinute;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (limit === 0 || !request.url.startsWith('/api/')) return true;

    const now = Date.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now - (now % WINDOW_MS);
      this.counts = new Map();
    }
    const token = bearerToken(request.headers.authorization);
    const key = token ? hashToken(token) : `ip:${request.ip}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const resetSeconds = Math.ceil((this.windowStart + WINDOW_MS - now) / 1000);
    void reply.header('X-RateLimit-Limit', limit).header('X-RateLimit-Remaining', Math.max(0, limit - count)).header('X-RateLimit-Reset', resetSeconds);
    if (count > limit) {
      void reply.header('Retry-After', resetSeconds);
      throw new HttpException(`rate limit of ${limit} requests per minute exceeded; retry in ${resetSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
    }
    return true;
  }
}
