import { HttpException, type ExecutionContext } from '@nestjs/common';
import { jest } from '@jest/globals';
import type { AppConfig } from '../config/app-config.js';
import { RateLimitGuard } from './rate-limit.guard.js';

function requestWith(token: string): { context: ExecutionContext; headers: Record<string, unknown> } {
  const headers: Record<string, unknown> = {};
  const reply = { header: (name: string, value: unknown) => ((headers[name] = value), reply) };
  const request = { url: '/api/me', ip: '127.0.0.1', headers: { authorization: `Bearer ${token}` } };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
  return { context, headers };
}

describe(RateLimitGuard.name, () => {
  const sut = () => new RateLimitGuard({ rateLimitPerMinute: 3 } as AppConfig);
  const refused = (guard: RateLimitGuard, token = 'clm_a') => {
    const { context, headers } = requestWith(token);
    try {
      guard.canActivate(context);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(HttpException);
      return headers['Retry-After'];
    }
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('counts a burst that straddles the minute of the clock as one window', () => {
    jest.setSystemTime(new Date('2026-12-02T10:00:59.900Z'));
    const guard = sut();
    for (let i = 0; i < 3; i++) expect(refused(guard)).toBeNull();
    jest.setSystemTime(new Date('2026-12-02T10:01:00.100Z'));
    expect(refused(guard)).toBe(60);
  });

  it('opens a new window a minute after the first request of the last one', () => {
    jest.setSystemTime(new Date('2026-12-02T10:00:30Z'));
    const guard = sut();
    for (let i = 0; i < 4; i++) refused(guard);
    jest.setSystemTime(new Date('2026-12-02T10:01:29.500Z'));
    expect(refused(guard)).toBe(1);
    jest.setSystemTime(new Date('2026-12-02T10:01:30Z'));
    expect(refused(guard)).toBeNull();
  });

  it('keeps a window for each token', () => {
    const guard = sut();
    for (let i = 0; i < 4; i++) refused(guard, 'clm_a');
    expect(refused(guard, 'clm_a')).not.toBeNull();
    expect(refused(guard, 'clm_b')).toBeNull();
  });
});
