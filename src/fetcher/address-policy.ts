import ipaddr from 'ipaddr.js';

/**
 * IPv6 forms that carry an IPv4 address, by the name a refusal gives them.
 * Each may lead a connection to the IPv4 address it carries (the kernel, a
 * NAT64 gateway or a tunnel relay does it), so all are refused whatever that
 * address is: a check of the IPv6 range alone would let [::127.0.0.1] reach
 * loopback.
 */
const EMBEDDED_IPV4: ReadonlyArray<[name: string, prefix: string, bits: number, carried: (bytes: number[]) => number[]]> = [
  // ::a.b.c.d (RFC 4291 §2.5.5.1, deprecated); :: and ::1 are told apart before.
  ['ipv4Compatible', '::', 96, (b) => b.slice(12, 16)],
  // ::ffff:a.b.c.d
  ['ipv4Mapped', '::ffff:0:0', 96, (b) => b.slice(12, 16)],
  // ::ffff:0:a.b.c.d (SIIT, RFC 6145)
  ['ipv4Translated', '::ffff:0:0:0', 96, (b) => b.slice(12, 16)],
  // NAT64, well-known and local-use prefixes (RFC 6052, RFC 8215)
  ['nat64', '64:ff9b::', 96, (b) => b.slice(12, 16)],
  ['nat64', '64:ff9b:1::', 48, (b) => b.slice(12, 16)],
  // 2002:AABB:CCDD::/48 carries AA.BB.CC.DD (RFC 3056)
  ['6to4', '2002::', 16, (b) => b.slice(2, 6)],
  // 2001:0:server:flags:port:client, the client address inverted (RFC 4380)
  ['teredo', '2001::', 32, (b) => b.slice(12, 16).map((x) => x ^ 0xff)],
];

/**
 * An address as ipaddr.js reads it. An IPv6 literal is first written the
 * way the URL parser writes it, because ipaddr.js reads `::127.0.0.1` as the
 * mapped `::ffff:127.0.0.1`, not as the IPv4-compatible `::7f00:1` that a URL
 * with [::127.0.0.1] actually names.
 */
function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (address.includes(':') && !address.includes('%')) {
    try {
      return ipaddr.parse(new URL(`http://[${address}]/`).hostname.slice(1, -1));
    } catch {
      // Not a literal the URL parser reads: ipaddr.js says why below.
    }
  }
  return ipaddr.parse(address);
}

/** The IPv4 address an IPv6 address carries, and the name of the form that carries it; null for any other address. */
export function embeddedIPv4(address: string): { form: string; ipv4: string } | null {
  const parsed = parse(address);
  if (parsed.kind() !== 'ipv6') return null;
  const ipv6 = parsed as ipaddr.IPv6;
  const range = ipv6.range();
  if (range === 'unspecified' || range === 'loopback') return null;
  const bytes = ipv6.toByteArray();
  for (const [form, prefix, bits, carried] of EMBEDDED_IPV4) {
    if (ipv6.match(ipaddr.IPv6.parse(prefix), bits)) return { form, ipv4: carried(bytes).join('.') };
  }
  return null;
}

/**
 * The range an IP address belongs to, as ipaddr.js names it (`unicast`,
 * `loopback`, `private`, `linkLocal`, `uniqueLocal`, `carrierGradeNat`,
 * `multicast`, `unspecified`, …), or the name of the IPv6 form carrying an
 * IPv4 address (`ipv4Compatible`, `ipv4Mapped`, `ipv4Translated`, `nat64`,
 * `6to4`, `teredo`).
 */
export function addressRange(address: string): string {
  return embeddedIPv4(address)?.form ?? parse(address).range();
}

/** Only plain public unicast addresses may be fetched; every special range, and every IPv6 form carrying an IPv4 address, is refused. */
export const isPublicAddress = (address: string): boolean => addressRange(address) === 'unicast';

/** The IP literal of a URL host (`[::1]` gives `::1`), or null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
