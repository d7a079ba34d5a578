import ipaddr from 'ipaddr.js';

/**
 * The range an IP address belongs to, as ipaddr.js names it (`unicast`,
 * `loopback`, `private`, `linkLocal`, `uniqueLocal`, `carrierGradeNat`,
 * `multicast`, `unspecified`, …). IPv4-mapped IPv6 addresses are read as the
 * IPv4 address they carry, so ::ffff:127.0.0.1 is loopback.
 */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

/** Only plain public unicast addresses may be fetched; every special range is refused. */
export const isPublicAddress = (address: string): boolean => addressRange(address) === 'unicast';

/** The IP literal of a URL host (`[::1]` gives `::1`), or null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
