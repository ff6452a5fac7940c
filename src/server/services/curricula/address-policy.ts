// Which addresses the link checker may ask: public unicast only. Everything that reaches inside
// a network (loopback, private, shared and link-local ranges, the cloud metadata services),
// multicast, and the IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4,
// Teredo) is refused, whatever spelling the link used (WHATWG URL parsing has already turned
// 0x7f000001, 2130706433 and 127.1 into 127.0.0.1).
import { BlockList, isIP } from 'node:net';

const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier NAT; Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (AWS, GCP, Azure metadata 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const BLOCKED_V6: [string, number][] = [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo among them
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique-local (AWS's metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [network, prefix] of BLOCKED_V4) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of BLOCKED_V6) blocked.addSubnet(network, prefix, 'ipv6');

/** Is this IP address one the link checker may connect to? Anything not an IP address is not. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 6 && isIpv4Mapped(bare)) return false;
  return !blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * ::ffff:a.b.c.d in any spelling. Not a BlockList rule: Node matches IPv4 addresses against an
 * IPv4-mapped subnet too, so a ::ffff:0:0/96 rule would refuse every IPv4 address.
 */
function isIpv4Mapped(address: string): boolean {
  const canonical = new URL(`http://[${address}]/`).hostname; // compressed, lower case: [::ffff:7f00:1]
  return canonical.startsWith('[::ffff:') && canonical.split(':').length === 5;
}
