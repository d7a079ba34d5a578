import { describe, expect, it } from '@jest/globals';
import helmet from 'helmet';
import { helmetHeaders, setHeaders } from './security-headers.js';

describe('helmetHeaders', () => {
  const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } };

  it('are the headers helmet’s middleware sets on a response', () => {
    const set = new Map<string, string>();
    helmet(options)({} as never, { setHeader: (name: string, value: string) => set.set(name.toLowerCase(), value), removeHeader: () => undefined } as never, () => undefined);
    expect(new Map(helmetHeaders(options))).toEqual(set);
    expect(new Map(helmetHeaders(options)).get('content-security-policy')).toContain("img-src 'self' data:");
    expect(new Map(helmetHeaders(options)).get('x-content-type-options')).toBe('nosniff');
  });

  it('are set on the response as they are', () => {
    const headers = helmetHeaders(options);
    const response = new Map<string, string>();
    setHeaders({ setHeader: (name, value) => response.set(name, value), removeHeader: () => undefined }, headers);
    expect([...response]).toEqual(headers);
  });
});
