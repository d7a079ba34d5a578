import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { SecurityLog } from '../common/security-log.js';
import { AppConfig } from '../config/app-config.js';
import { RedisService } from '../queue/redis.service.js';

/** Failed sign-ins one address may make, on any accounts, in a window; past them it waits. */
export const ADDRESS_FAILURES = 10;
/** Failed sign-ins on one account, from anywhere, in a window; past them, addresses that failed on it wait. */
export const ACCOUNT_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export interface Count {
  count: number;
  /** Milliseconds left in the key's window (0 when it has none). */
  leftMs: number;
}

/** Failure counts by key, each in a window opened by its first failure. */
export interface FailureCounter {
  add(keys: string[], windowMs: number, now: number): Promise<Count[]>;
  read(keys: string[], now: number): Promise<Count[]>;
  forget(keys: string[]): Promise<void>;
}

/** This process's counts: the fallback while there is no Redis. */
export class MemoryCounter implements FailureCounter {
  private readonly entries = new Map<string, { count: number; until: number }>();

  async add(keys: string[], windowMs: number, now: number): Promise<Count[]> {
    if (this.entries.size > 100_000) for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
    return keys.map((key) => {
      const entry = this.entries.get(key);
      if (entry && entry.until > now) entry.count += 1;
      else this.entries.set(key, { count: 1, until: now + windowMs });
      const kept = this.entries.get(key)!;
      return { count: kept.count, leftMs: kept.until - now };
    });
  }

  async read(keys: string[], now: number): Promise<Count[]> {
    return keys.map((key) => {
      const entry = this.entries.get(key);
      return entry && entry.until > now ? { count: entry.count, leftMs: entry.until - now } : { count: 0, leftMs: 0 };
    });
  }

  async forget(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }
}

/** Counts in Redis, under the app's key prefix and the counter's namespace, so every API process counts together. */
export class RedisCounter implements FailureCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly namespace = 'login',
  ) {}

  // Keys name emails and addresses: Redis holds their hashes only.
  private key(key: string): string {
    return `${this.prefix}:${this.namespace}:${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
  }

  async add(keys: string[], windowMs: number): Promise<Count[]> {
    const batch = this.redis.multi();
    for (const key of keys) batch.set(this.key(key), 0, 'PX', windowMs, 'NX').incr(this.key(key)).pttl(this.key(key));
    const answers = await batch.exec();
    if (!answers) throw new Error('the failure count was not written (transaction discarded)');
    return keys.map((_, i) => {
      for (const [error] of answers.slice(i * 3, i * 3 + 3)) if (error) throw error;
      return { count: Number(answers[i * 3 + 1]![1]), leftMs: Math.max(0, Number(answers[i * 3 + 2]![1])) };
    });
  }

  async read(keys: string[]): Promise<Count[]> {
    const batch = this.redis.multi();
    for (const key of keys) batch.get(this.key(key)).pttl(this.key(key));
    const answers = await batch.exec();
    if (!answers) throw new Error('the failure counts were not read (transaction discarded)');
    return keys.map((_, i) => {
      for (const [error] of answers.slice(i * 2, i * 2 + 2)) if (error) throw error;
      const count = Number(answers[i * 2]![1] ?? 0);
      return { count, leftMs: count ? Math.max(0, Number(answers[i * 2 + 1]![1])) : 0 };
    });
  }

  async forget(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((key) => this.key(key)));
  }
}

/**
 * Counts by key in windows, in Redis when it answers (every API process
 * counts together, under `namespace`), in this process otherwise, and if
 * Redis fails meanwhile.
 */
export class WindowCounts {
  private readonly logger = new Logger(WindowCounts.name);
  private readonly memory = new MemoryCounter();

  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    private readonly namespace: string,
  ) {}

  async run<T>(work: (counter: FailureCounter) => Promise<T>): Promise<T> {
    if (await this.redis.whenReady(250)) {
      try {
        return await work(new RedisCounter(this.redis.client, this.config.redisPrefix, this.namespace));
      } catch (error) {
        this.logger.warn(`${this.namespace} counted in this process only: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return work(this.memory);
  }
}

export type LoginCheck = { allowed: true } | { allowed: false; waitMs: number; reason: 'address' | 'account' };

/**
 * Failed sign-ins, counted per address, per account and per address on
 * that account, in Redis when it answers (every API process counts
 * together), in this process otherwise:
 * - an address past ADDRESS_FAILURES waits, whatever account it tries;
 * - an account past ACCOUNT_FAILURES waits, but only from the addresses
 *   that failed on it: someone guessing from elsewhere never locks the
 *   person out of an address that has not failed (their own).
 * A success forgets that address's failures on that account only, so
 * signing into one's own account does not buy more guesses at another.
 * Every refusal, failure and lock goes to the security log.
 */
@Injectable()
export class LoginLimiter {
  private readonly counts: WindowCounts;

  constructor(
    redis: RedisService,
    config: AppConfig,
    private readonly security: SecurityLog,
  ) {
    this.counts = new WindowCounts(redis, config, 'login');
  }

  async check(address: string, email: string, now = Date.now()): Promise<LoginCheck> {
    const [byAddress, byAccount, byPair] = await this.counted((counter) => counter.read(keysOf(address, email), now));
    let refusal: LoginCheck = { allowed: true };
    if (byAddress!.count >= ADDRESS_FAILURES) refusal = { allowed: false, waitMs: byAddress!.leftMs, reason: 'address' };
    else if (byAccount!.count >= ACCOUNT_FAILURES && byPair!.count > 0) refusal = { allowed: false, waitMs: Math.max(byAccount!.leftMs, 1000), reason: 'account' };
    if (!refusal.allowed) {
      this.security.warn('login.refused', { reason: refusal.reason, address, account: email, retryAfterS: Math.ceil(refusal.waitMs / 1000) }, `sign-in refused: too many failures from this ${refusal.reason === 'address' ? 'address' : 'address on this account'}`);
    }
    return refusal;
  }

  async fail(address: string, email: string, now = Date.now()): Promise<void> {
    const [byAddress, byAccount] = await this.counted((counter) => counter.add(keysOf(address, email), LOGIN_WINDOW_MS, now));
    this.security.info('login.failed', { address, account: email, addressFailures: byAddress!.count, accountFailures: byAccount!.count }, 'sign-in failed: wrong email or password');
    if (byAddress!.count === ADDRESS_FAILURES) this.security.warn('login.locked', { scope: 'address', address, minutes: LOGIN_WINDOW_MS / 60_000 }, `address locked out of sign-in after ${ADDRESS_FAILURES} failures`);
    if (byAccount!.count === ACCOUNT_FAILURES) this.security.warn('login.locked', { scope: 'account', account: email, minutes: LOGIN_WINDOW_MS / 60_000 }, `account locked to the addresses that failed on it after ${ACCOUNT_FAILURES} failures`);
  }

  async succeed(address: string, email: string): Promise<void> {
    await this.counted((counter) => counter.forget([keysOf(address, email)[2]!]));
  }

  /** Redis when it answers, else (and if it fails meanwhile) this process's counts. */
  private counted<T>(work: (counter: FailureCounter) => Promise<T>): Promise<T> {
    return this.counts.run(work);
  }
}

const keysOf = (address: string, email: string): string[] => [`ip:${address}`, `email:${email}`, `pair:${address}:${email}`];
