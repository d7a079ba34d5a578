import { describe, expect, it } from '@jest/globals';
import { helmetHeaders, setHeaders } from './security-headers.js';

describe('helmetHeaders', () => {
  const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } };

  it('are helmet’s headers for the options, worked out once', () => {
    const headers = new Map(helmetHeaders(options));
    expect(headers.get('content-security-policy')).toMatch(/^default-src 'self';.*img-src 'self' data:/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    // Helmet removes X-Powered-By rather than setting it.
    expect(headers.has('x-powered-by')).toBe(false);
  });

  it('are set on the response as they are', () => {
    const headers = helmetHeaders(options);
    const response = new Map<string, string>();
    setHeaders({ setHeader: (name, value) => response.set(name, value), removeHeader: () => undefined }, headers);
    expect([...response]).toEqual(headers);
  });
});
