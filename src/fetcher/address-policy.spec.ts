import { addressRange, embeddedIPv4, ipLiteral, isPublicAddress } from './address-policy.js';

describe(isPublicAddress.name, () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:10.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['::127.0.0.1', 'ipv4Compatible'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::8.8.8.8', 'ipv4Compatible'],
    ['::ffff:0:127.0.0.1', 'ipv4Translated'],
    ['64:ff9b::127.0.0.1', 'nat64'],
    ['64:ff9b::808:808', 'nat64'],
    ['64:ff9b:1::a00:1', 'nat64'],
    ['2002:7f00:1::', '6to4'],
    ['2002:808:808::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ])('refuses %s (%s)', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '2a00:1450:4007:80e::200e'])('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe(embeddedIPv4.name, () => {
  it.each([
    ['::127.0.0.1', 'ipv4Compatible', '127.0.0.1'],
    ['::ffff:10.1.2.3', 'ipv4Mapped', '10.1.2.3'],
    ['64:ff9b::a9fe:a9fe', 'nat64', '169.254.169.254'],
    ['2002:c0a8:101::1', '6to4', '192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo', '192.0.2.45'],
  ])('reads %s as the %s form of %s', (address, form, ipv4) => {
    expect(embeddedIPv4(address)).toEqual({ form, ipv4 });
  });

  it.each(['::', '::1', '127.0.0.1', '2001:4860:4860::8888'])('finds no IPv4 address in %s', (address) => {
    expect(embeddedIPv4(address)).toBeNull();
  });
});

describe(ipLiteral.name, () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['localhost', null],
    ['example.com', null],
  ])('reads %s as %s', (hostname, literal) => {
    expect(ipLiteral(hostname)).toBe(literal);
  });
});
