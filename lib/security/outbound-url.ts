import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { inNetworks, networkBlockList } from './network-list';

// The one way to call a URL that staff (or a customer) typed in: panel base URLs today, Kasm, SupportPal and
// webhook receivers next. Without it such a URL reaches the billing host's own network (cloud metadata at
// 169.254.169.254, an admin port on localhost, the database subnet) and echoes what it finds back to staff.
// In production the host is resolved, every address must be public unless its network is allowed by name, and
// the connection is pinned to exactly the addresses checked, so a DNS answer that changes between the check
// and the connect (rebinding) never reaches anything unchecked. Redirects are never followed, in any mode.

const RESERVED: [label: string, networks: string[]][] = [
  ['loopback', ['127.0.0.0/8', '::1/128']],
  ['unspecified', ['0.0.0.0/8', '::/128']],
  // 169.254.169.254 is the cloud metadata service.
  ['link-local', ['169.254.0.0/16', 'fe80::/10']],
  // 100.64.0.0/10 is carrier-grade NAT space: as internal as 10/8 from where we stand.
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']],
  ['unique-local', ['fc00::/7', 'fec0::/10']],
  ['multicast', ['224.0.0.0/4', 'ff00::/8']],
  // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms can carry any internal IPv4 address.
  ['reserved', ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4', '::/96', '64:ff9b::/96', '64:ff9b:1::/48']],
];
const RESERVED_LISTS = RESERVED.map(([label, networks]) => ({ label, list: networkBlockList(networks) }));

/** Why a request did not happen or did not finish; `refused` and `redirect` cannot be helped by retrying. */
export type OutboundFailure = 'refused' | 'redirect' | 'timeout' | 'network' | 'too_large';

export class OutboundRequestError extends Error {
  constructor(
    message: string,
    readonly reason: OutboundFailure,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'OutboundRequestError';
  }
}

export interface OutboundPolicy {
  /** Only https:// (production). */
  httpsOnly: boolean;
  /** Refuse loopback, link-local, private, unique-local and reserved addresses (production). */
  publicOnly: boolean;
  /** Networks allowed although not public (an on-prem panel), as CIDRs. */
  allowedNetworks: readonly string[];
  /** The setting that holds allowedNetworks, named in refusals so staff know what to change. */
  allowedNetworksSetting: string;
  /** All addresses of a name; node's resolver unless a test needs a name to answer something given. */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
}

/** Production checks everything; sandbox, development and tests talk to loopback stand-ins. */
export function outboundPolicy(production: boolean, allowedNetworks: readonly string[], allowedNetworksSetting: string): OutboundPolicy {
  return { httpsOnly: production, publicOnly: production, allowedNetworks, allowedNetworksSetting };
}

/** The kind of non-public range an address lies in, or null for a public one. */
export function reservedRange(address: string): string | null {
  return RESERVED_LISTS.find((r) => inNetworks(r.list, address))?.label ?? null;
}

const resolveAll = (hostname: string) => dnsLookup(hostname, { all: true });

/**
 * Checks a URL against the policy and returns the addresses a connection may use (null: no pinning, any address,
 * outside production). Every address a name resolves to must pass, not just the first.
 */
export async function checkOutboundUrl(input: string | URL, policy: OutboundPolicy): Promise<LookupAddress[] | null> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundRequestError('not a URL', 'refused');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRequestError(`${url.protocol} URLs are not fetched`, 'refused');
  if (policy.httpsOnly && url.protocol !== 'https:') throw new OutboundRequestError('refused: production mode connects only to https:// URLs', 'refused');
  if (!policy.publicOnly) return null;

  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  let addresses: LookupAddress[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await (policy.lookup ?? resolveAll)(host);
    } catch (err) {
      throw new OutboundRequestError(`could not resolve ${host} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, 'network');
    }
    if (!addresses.length) throw new OutboundRequestError(`could not resolve ${host} (no addresses)`, 'network');
  }
  const allowed = networkBlockList(policy.allowedNetworks);
  for (const { address } of addresses) {
    const range = reservedRange(address);
    if (!range || inNetworks(allowed, address)) continue;
    const what = literal ? `${address} is a ${range} address` : `${host} resolves to ${address}, a ${range} address`;
    throw new OutboundRequestError(`refused to connect: ${what}; if it is on your own network, add that network to ${policy.allowedNetworksSetting}`, 'refused');
  }
  return addresses;
}

/** A lookup that answers only what was checked: the connection cannot go anywhere the check did not see. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const first = usable[0];
    if (!first) return callback(Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }), '');
    if (options.all) return callback(null, usable);
    callback(null, first.address, first.family);
  };
}

export interface OutboundRequest {
  method: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, resolving the name and reading the body included. */
  timeoutMs: number;
  /** Longest body read before giving up (default 10 MiB). */
  maxBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

function whileNotAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(onAbort());
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** The origin a Location header points at (never its path or query, which may carry tokens). */
function redirectTarget(location: string | undefined, base: URL): string {
  if (!location) return '';
  try {
    return ` to ${new URL(location, base).origin}`;
  } catch {
    return '';
  }
}

/**
 * One HTTP exchange with a checked URL. A 3xx answer is an error naming its status (redirects are not followed);
 * time-outs, network failures and oversized bodies are errors too. Any other status is the caller's to judge.
 */
export async function outboundRequest(req: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResponse> {
  const url = new URL(req.url);
  const signal = AbortSignal.timeout(req.timeoutMs);
  const timedOut = () => new OutboundRequestError(`timed out after ${req.timeoutMs} ms`, 'timeout');
  const pinned = await whileNotAborted(checkOutboundUrl(url, policy), signal, timedOut);
  const maxBytes = req.maxBytes ?? 10 * 1024 * 1024;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...req.headers, ...(req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) }) };

  const exchange = new Promise<OutboundResponse>((resolve, reject) => {
    // A fresh connection per request (no agent): a pooled socket could carry a request past its own check.
    const r = send(url, { method: req.method, headers, agent: false, signal, ...(pinned ? { lookup: pinnedLookup(pinned) } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.destroy();
        reject(new OutboundRequestError(`answered ${status} (a redirect${redirectTarget(res.headers.location, url)}); redirects are not followed`, 'redirect', status));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          reject(new OutboundRequestError(`answered with more than ${maxBytes} bytes`, 'too_large', status));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => reject(err));
    });
    r.on('error', (err) => reject(err));
    r.end(req.body);
  });
  try {
    return await exchange;
  } catch (err) {
    if (err instanceof OutboundRequestError) throw err;
    if (signal.aborted) throw timedOut();
    const e = err as NodeJS.ErrnoException;
    throw new OutboundRequestError(`${e.code ?? e.name}: ${e.message}`, 'network');
  }
}
