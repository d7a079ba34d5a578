import { HttpStatus, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badRequest, fieldProblem, refusal, type Problem } from '../common/problem.js';
import { SecurityLog } from '../common/security-log.js';
import { AppConfig } from '../config/app-config.js';
import { RedisService } from '../queue/redis.service.js';
import { WindowCounts } from './login-limiter.js';
import { SessionKeyService } from './session-key.service.js';

/** How long a form's token is good for: a person may read and write a while, not days. */
export const FORM_MAX_AGE_MS = 6 * 3_600_000;
/** The window the public notices of one address are counted in. */
export const NOTICE_WINDOW_MS = 3_600_000;
const VERSION = 'v1';

/** The key form tokens are signed with, derived from the session cookie's key (so every API process of the desk shares it). */
export const formTokenKey = (sessionKey: Buffer): Buffer => createHmac('sha256', sessionKey).update('calumet public notice form').digest();

const mac = (key: Buffer, body: string): string => createHmac('sha256', key).update(body).digest('base64url');

/** A form token issued at `issuedAt` (ms since the epoch): `v1.<issuedAt>.<nonce>.<HMAC-SHA256 of the rest>`. */
export function signFormToken(key: Buffer, issuedAt: number, nonce = randomBytes(8).toString('hex')): string {
  const body = `${VERSION}.${issuedAt}.${nonce}`;
  return `${body}.${mac(key, body)}`;
}

/** When the token was issued, if this desk signed it; null for anything else. */
export function readFormToken(key: Buffer, token: unknown): number | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION || !/^\d{1,16}$/.test(parts[1]!) || !/^[0-9a-f]{16}$/.test(parts[2]!)) return null;
  const expected = Buffer.from(mac(key, parts.slice(0, 3).join('.')));
  const given = Buffer.from(parts[3]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? Number(parts[1]) : null;
}

export interface FormTicket {
  token: string;
  /** When a notice may be sent with it. */
  notBefore: Date;
  expiresAt: Date;
}

export type Admission = { allowed: true } | { allowed: false; waitMs: number };

/**
 * What a public notice must pass before it is read, on the page and the API
 * alike (docs/legal.md, "Public notices"):
 * - at most PUBLIC_NOTICES_PER_HOUR attempts per client address in an hour
 *   (every attempt counts, refused ones too), counted as sign-in failures
 *   are (Redis, else this process);
 * - a form token this desk signed, at least PUBLIC_NOTICE_MIN_AGE_SECONDS
 *   old (a person takes longer to fill the form than a robot) and at most
 *   FORM_MAX_AGE_MS old;
 * - a trap field (`website`) left empty: people do not see it, robots that
 *   fill every field do.
 * No third party is asked anything.
 */
@Injectable()
export class PublicNoticeGate {
  private readonly counts: WindowCounts;
  private key?: Promise<Buffer>;

  constructor(
    private readonly sessionKeys: SessionKeyService,
    private readonly config: AppConfig,
    private readonly security: SecurityLog,
    redis: RedisService,
  ) {
    this.counts = new WindowCounts(redis, config, 'public-notice');
  }

  async issue(now = Date.now()): Promise<FormTicket> {
    return this.ticketOf(signFormToken(await this.signingKey(), now), now);
  }

  /** The ticket of a token this desk signed that is still good (a refused form keeps its age), else a new one. */
  async reissue(token: unknown, now = Date.now()): Promise<FormTicket> {
    const issuedAt = readFormToken(await this.signingKey(), token);
    return issuedAt !== null && issuedAt <= now && now - issuedAt < FORM_MAX_AGE_MS ? this.ticketOf(token as string, issuedAt) : this.issue(now);
  }

  /** Counts the attempt of this address; refused past the hour's allowance (then it waits for its window to end). */
  async admit(address: string, now = Date.now()): Promise<Admission> {
    const limit = this.config.publicNoticesPerHour;
    if (limit === 0) return { allowed: true };
    const [count] = await this.counts.run((counter) => counter.add([`ip:${address}`], NOTICE_WINDOW_MS, now));
    if (count!.count <= limit) return { allowed: true };
    this.security.warn('public_notice.limited', { address, attempts: count!.count }, 'public notice refused: too many from this address');
    return { allowed: false, waitMs: Math.max(count!.leftMs, 1000) };
  }

  /** 429 naming the wait, for the API. */
  limited(waitMs: number): never {
    const minutes = Math.ceil(waitMs / 60_000);
    throw refusal(HttpStatus.TOO_MANY_REQUESTS, 'publicNotice.rateLimited', `too many notices from this address; try again in ${minutes} min`, { values: { minutes } });
  }

  /** Refuses (400 naming the field) a filled trap, or a token that is missing, forged, too fresh or too old. */
  async check(fields: { formToken?: unknown; website?: unknown }, address: string, now = Date.now()): Promise<void> {
    const problems: Problem[] = [];
    if (typeof fields.website === 'string' ? fields.website !== '' : fields.website !== undefined && fields.website !== null) {
      problems.push(fieldProblem('website', 'publicNotice.honeypot', 'website must stay empty: it is a trap for robots'));
    }
    const issuedAt = readFormToken(await this.signingKey(), fields.formToken);
    const minAge = this.config.publicNoticeMinAgeMs;
    if (issuedAt === null) {
      problems.push(fieldProblem('formToken', 'publicNotice.formToken', 'formToken is missing or was not issued by this desk: get one from GET /api/public/notices/form'));
    } else if (now - issuedAt < minAge) {
      const seconds = Math.max(1, Math.ceil((issuedAt + minAge - now) / 1000));
      problems.push(fieldProblem('formToken', 'publicNotice.formTooFresh', `formToken is too fresh: send the notice at least ${minAge / 1000} s after getting the form (wait ${seconds} s)`, { seconds }));
    } else if (now - issuedAt >= FORM_MAX_AGE_MS) {
      problems.push(fieldProblem('formToken', 'publicNotice.formExpired', `formToken has expired (good for ${FORM_MAX_AGE_MS / 3_600_000} h): get a new one`, { hours: FORM_MAX_AGE_MS / 3_600_000 }));
    }
    if (!problems.length) return;
    this.security.info('public_notice.refused', { address, fields: problems.map((problem) => problem.field) }, 'public notice refused by the bot checks');
    throw badRequest(...problems);
  }

  private ticketOf(token: string, issuedAt: number): FormTicket {
    return { token, notBefore: new Date(issuedAt + this.config.publicNoticeMinAgeMs), expiresAt: new Date(issuedAt + FORM_MAX_AGE_MS) };
  }

  private signingKey(): Promise<Buffer> {
    this.key ??= this.sessionKeys.key().then(formTokenKey, (error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}
