import { fastifyTrustProxy, parseTrustProxy } from './trust-proxy.js';

describe(fastifyTrustProxy.name, () => {
  it('believes nobody, or the nearest hops', () => {
    expect(fastifyTrustProxy({ kind: 'none' })).toBe(false);
    const oneHop = fastifyTrustProxy({ kind: 'hops', hops: 1 }) as (address: string, hop: number) => boolean;
    expect(oneHop('192.0.2.1', 0)).toBe(true);
    expect(oneHop('192.0.2.1', 1)).toBe(false);
  });

  it('believes a hop whose address is among the ranges, an IPv4 peer seen as IPv6-mapped too', () => {
    const trusts = fastifyTrustProxy(parseTrustProxy('10.0.0.0/8,127.0.0.1,fd00::/8')!) as (address: string, hop: number) => boolean;
    expect(trusts('10.1.2.3', 0)).toBe(true);
    expect(trusts('::ffff:10.1.2.3', 0)).toBe(true);
    expect(trusts('127.0.0.1', 0)).toBe(true);
    expect(trusts('fd12::1', 1)).toBe(true);
    expect(trusts('127.0.0.2', 0)).toBe(false);
    expect(trusts('192.0.2.1', 0)).toBe(false);
    expect(trusts('2001:db8::1', 0)).toBe(false);
    expect(trusts('not an address', 0)).toBe(false);
  });
});
