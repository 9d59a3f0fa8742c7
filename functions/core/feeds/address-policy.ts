import ipaddr from 'ipaddr.js';

/**
 * True only for a globally routable unicast address. Refused: loopback, private (RFC 1918), carrier
 * NAT, link-local (169.254.0.0/16, so the cloud metadata endpoint 169.254.169.254), unique-local
 * (fc00::/7), multicast, reserved and documentation ranges, and IPv6 forms that embed an IPv4 address
 * (mapped ones are judged by the IPv4 address they carry).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** The host of a URL as an address when it is an IP literal ([::1] without brackets), else undefined. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : undefined;
}
