import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Calumet-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as sent in X-Calumet-Signature. */
export const signWebhook = (body: string, secret: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** For receivers: true when the header signs exactly this body with this secret (constant-time). */
export function verifyWebhook(body: string, header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(signWebhook(body, secret));
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
