import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

// CIDR lists from configuration (PANEL_ALLOWED_NETWORKS), matched with node's BlockList: it compares IPv4, IPv6
// and IPv4-mapped IPv6 (::ffff:10.0.0.1 against 10.0.0.0/8) itself, so no address arithmetic of our own.

export interface Network {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** One "10.0.0.0/8", "fd12::/48" or bare address ("192.168.1.5" = /32); null when it is not one. */
export function parseNetwork(text: string): Network | null {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (!version || rest.length) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** A comma- or space-separated list of networks, as an env variable holds it. */
export const networkListSchema = z.string().transform((text, ctx) => {
  const items = text.split(/[\s,]+/).filter(Boolean);
  const bad = items.filter((i) => !parseNetwork(i));
  if (bad.length) {
    ctx.addIssue({ code: 'custom', message: `not a network (CIDR like 10.0.0.0/8 or fd12::/48): ${bad.join(', ')}` });
    return z.NEVER;
  }
  return items;
});

/** A BlockList holding the given networks (already validated, e.g. by networkListSchema). */
export function networkBlockList(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const text of networks) {
    const n = parseNetwork(text);
    if (!n) throw new Error(`not a network: ${text}`);
    list.addSubnet(n.address, n.prefix, n.family);
  }
  return list;
}

/** Whether an address (v4, v6 or v4-mapped v6) lies in the list. */
export function inNetworks(list: BlockList, address: string): boolean {
  const version = isIP(address);
  if (!version) return false;
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
