import { isIP } from 'node:net';
import { z } from 'zod';

/** One DNS server as node:dns setServers takes it: 1.1.1.1, 1.1.1.1:53, 2606:4700::1111 or [2606:4700::1111]:53. */
export function isDnsServerAddress(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  const [address, port] = bracketed ? [bracketed[1]!, bracketed[2]] : /^[^:]+:\d{1,5}$/.test(entry) ? entry.split(':') : [entry, undefined];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65_535)) return false;
  return bracketed ? isIP(address!) === 6 : isIP(address!) !== 0;
}

/** DNS_RESOLVERS: comma-separated servers, parsed into the list node:dns wants. */
export const dnsServerListSchema = z
  .string()
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .superRefine((list, ctx) => {
    if (!list.length) ctx.addIssue({ code: 'custom', message: 'names no server' });
    const bad = list.find((e) => !isDnsServerAddress(e));
    if (bad) ctx.addIssue({ code: 'custom', message: `"${bad}" is not an IP address with an optional port (e.g. 1.1.1.1, 127.0.0.1:5353, [::1]:53)` });
  });
