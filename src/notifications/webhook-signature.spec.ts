import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('webhook signature', () => {
  const secret = 'a-webhook-secret-of-some-length';
  const body = JSON.stringify({ text: 'Reply owed on INC-2026-0001' });

  it('is the hex HMAC-SHA256 of the raw body, prefixed sha256=', () => {
    expect(signWebhook(body, secret)).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  });

  it('verifies the body it signed', () => {
    expect(verifyWebhook(body, signWebhook(body, secret), secret)).toBe(true);
  });

  it('refuses another body, another secret, or no signature', () => {
    expect(verifyWebhook(`${body} `, signWebhook(body, secret), secret)).toBe(false);
    expect(verifyWebhook(body, signWebhook(body, 'another-secret-entirely'), secret)).toBe(false);
    expect(verifyWebhook(body, undefined, secret)).toBe(false);
  });
});
