import { createHash, randomBytes } from 'node:crypto';

/**
 * API tokens are 32 random bytes, so a plain SHA-256 is enough to store them:
 * there is nothing to brute-force, and lookups stay one indexed read.
 */
export const newToken = (): string => `clm_${randomBytes(32).toString('base64url')}`;
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
