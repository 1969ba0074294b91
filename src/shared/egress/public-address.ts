/**
 * Which IP addresses count as public for targets an admin types in (webhooks). Everything a host
 * cannot reach from the internet is refused: private, shared (CGNAT), loopback, link-local (cloud
 * metadata at 169.254.169.254), multicast, reserved, unique-local IPv6 and IPv4 hidden in IPv6.
 */
import { BlockList, isIP } from 'node:net';

// Two lists: one BlockList matches IPv4 against IPv6 rules such as ::ffff:0:0/96.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  blocked4.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked6.addSubnet(net, bits, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return !blocked4.check(address, 'ipv4');
  if (kind === 6) {
    // IPv4-mapped (::ffff:a.b.c.d) is judged as the IPv4 address it carries.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return !blocked4.check(mapped[1], 'ipv4');
    return !blocked6.check(address, 'ipv6');
  }
  return false;
}
