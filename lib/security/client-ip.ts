import { BlockList, isIP, isIPv6 } from 'node:net';
import { z } from 'zod';

// The client's address, for rate limits and the audit log, from X-Forwarded-For. The last (rightmost) hop is the
// TCP peer that connected to us (lib/security/peer-address-hook.ts appends it); each hop to its left is only as
// good as the proxy that wrote it. So the chain is read from the right, skipping hops while they are our own
// proxies (TRUSTED_PROXIES), and the first hop that is not is the client. With no trusted proxies that is the
// peer itself, whatever the client put in the header.

function entriesOf(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

function parseEntry(entry: string): { address: string; prefix: number | null; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, prefix: null, family };
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= (version === 4 ? 32 : 128))) return null;
  return { address, prefix, family };
}

/** TRUSTED_PROXIES: IPv4/IPv6 addresses and CIDR ranges, comma-separated; empty (the default) trusts no one. */
export const trustedProxiesSchema = z
  .string()
  .default('')
  .superRefine((list, ctx) => {
    const bad = entriesOf(list).find((e) => !parseEntry(e));
    if (bad) ctx.addIssue({ code: 'custom', message: `"${bad}" is not an IP address or CIDR range (e.g. 172.30.53.10, 10.0.0.0/8, fd00::/8)` });
  });

let cached: { list: string; blocks: BlockList } | undefined;

/** The trusted proxies as a BlockList, built once per distinct list. The list is validated at env load. */
export function trustedProxyList(list: string): BlockList {
  if (cached?.list === list) return cached.blocks;
  const blocks = new BlockList();
  for (const entry of entriesOf(list)) {
    const e = parseEntry(entry);
    if (!e) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    if (e.prefix === null) blocks.addAddress(e.address, e.family);
    else blocks.addSubnet(e.address, e.prefix, e.family);
  }
  cached = { list, blocks };
  return blocks;
}

/** A hop as a bare address: IPv4-mapped IPv6 as IPv4, a port or brackets some proxies add removed; null if not an IP. */
export function normalizeHop(hop: string): string | null {
  let h = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed) h = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(h)) h = h.slice(0, h.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(h);
  if (mapped) h = mapped[1]!;
  return isIP(h) ? h.toLowerCase() : null;
}

/**
 * The first hop from the right of X-Forwarded-For that is not a trusted proxy. A hop that is not an address
 * stops the walk at the trusted proxy to its right (which is all we can vouch for); a chain of nothing but
 * trusted proxies gives the furthest of them.
 */
export function clientIpFrom(forwardedFor: string | null | undefined, trusted: BlockList): string | null {
  const hops = (forwardedFor ?? '').split(',');
  let nearest: string | null = null;
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = normalizeHop(hops[i]!);
    if (!ip) return nearest;
    if (!trusted.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4')) return ip;
    nearest = ip;
  }
  return nearest;
}
