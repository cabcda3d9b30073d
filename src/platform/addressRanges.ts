import { BlockList, isIP } from 'node:net';

/** An address (`10.0.0.5`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`) as its parts, or null when it is neither. */
export function addressRange(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Whether an address falls in one of the ranges. An IPv4 address seen on an IPv6 socket (`::ffff:127.0.0.1`)
 * counts as the IPv4 address; no address (no socket) is never allowed.
 */
export function addressMatcher(entries: string[]): (ip: string | null) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const range = addressRange(entry);
    if (range) list.addSubnet(range.address, range.prefix, range.family);
  }
  return (ip) => {
    if (!ip) return false;
    const plain = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const version = isIP(plain);
    return version !== 0 && list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
}
