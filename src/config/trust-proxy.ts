import ipaddr from 'ipaddr.js';

/**
 * Whose X-Forwarded-For / -Proto / -Host the API believes (TRUST_PROXY):
 * nobody (the default: the address is the TCP peer's), the nearest `hops`
 * proxies, or proxies at these addresses and ranges.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'ranges'; ranges: string[] };

const NONE = new Set(['', 'false', 'off', 'no', 'none', '0']);

/** Reads TRUST_PROXY; null when it is none of the forms. */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const text = (value ?? '').trim().toLowerCase();
  if (NONE.has(text)) return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { kind: 'hops', hops } : null;
  }
  const ranges = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (!ranges.length || !ranges.every(isRange)) return null;
  return { kind: 'ranges', ranges };
}

const isRange = (range: string): boolean => (range.includes('/') ? ipaddr.isValidCIDR(range) : ipaddr.isValid(range));

/**
 * The setting as Fastify's `trustProxy` takes it: false, or a function
 * saying whether the hop at this address, `hop` steps from the socket, is a
 * proxy to believe: one of the nearest `hops`, or one whose address is in the
 * ranges (an IPv4 peer seen as ::ffff:a.b.c.d is matched as a.b.c.d).
 */
export function fastifyTrustProxy(setting: TrustProxy): false | ((address: string, hop: number) => boolean) {
  if (setting.kind === 'none') return false;
  if (setting.kind === 'hops') return (_address: string, hop: number) => hop < setting.hops;
  const ranges = setting.ranges.map((range) => (range.includes('/') ? ipaddr.parseCIDR(range) : ([ipaddr.parse(range), ipaddr.parse(range).kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number])));
  return (address: string) => {
    if (!ipaddr.isValid(address)) return false;
    const peer = ipaddr.process(address);
    return ranges.some(([network, bits]) => network.kind() === peer.kind() && peer.match(network, bits));
  };
}
