import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOutboundUrl, outboundPolicy, outboundRequest, OutboundRequestError, reservedRange, type OutboundPolicy } from './outbound-url';

// Nothing here connects off this machine: refused addresses are refused before any connection, and the servers
// are on loopback (127.0.0.1 and 127.0.0.2, both this host's loopback interface).

const production = (allowed: string[] = [], lookup?: OutboundPolicy['lookup']): OutboundPolicy => ({ ...outboundPolicy(true, allowed, 'PANEL_ALLOWED_NETWORKS'), ...(lookup ? { lookup } : {}) });
const answers = (...addresses: string[]): LookupAddress[] => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(OutboundRequestError);
      return e as OutboundRequestError;
    },
  );

describe('reservedRange', () => {
  it('names the non-public ranges of both families, v4-mapped v6 included', () => {
    const cases: [string, string | null][] = [
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['::1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['169.254.169.254', 'link-local'],
      ['::ffff:169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['fd00::5', 'unique-local'],
      ['fc00::1', 'unique-local'],
      ['224.0.0.1', 'multicast'],
      ['64:ff9b::a9fe:a9fe', 'reserved'],
      ['::7f00:1', 'reserved'],
      ['8.8.8.8', null],
      ['172.32.0.1', null],
      ['::ffff:8.8.8.8', null],
      ['2606:4700:4700::1111', null],
    ];
    for (const [address, range] of cases) expect(reservedRange(address), address).toBe(range);
  });
});

describe('checkOutboundUrl in production', () => {
  it('refuses plain http', async () => {
    expect((await refusal(checkOutboundUrl('http://panel.example.com', production()))).message).toMatch(/https/);
  });

  it('refuses loopback, metadata, private and unique-local literals, naming the setting that allows them', async () => {
    for (const [url, range] of [
      ['https://127.0.0.1:8443', 'loopback'],
      ['https://[::1]', 'loopback'],
      ['https://[::ffff:127.0.0.1]', 'loopback'],
      ['https://2130706433', 'loopback'],
      ['https://169.254.169.254/latest/meta-data/', 'link-local'],
      ['https://10.0.0.7', 'private'],
      ['https://[fd00::1]', 'unique-local'],
      ['https://[fe80::1]', 'link-local'],
    ]) {
      const err = await refusal(checkOutboundUrl(url!, production()));
      expect(err.reason, url).toBe('refused');
      expect(err.message, url).toContain(range);
      expect(err.message, url).toContain('PANEL_ALLOWED_NETWORKS');
    }
  });

  it('refuses localhost through the real resolver', async () => {
    expect((await refusal(checkOutboundUrl('https://localhost:9/', production()))).message).toMatch(/localhost resolves to .*loopback/);
  });

  it('refuses a name when any of its addresses is internal, not only the first', async () => {
    const err = await refusal(checkOutboundUrl('https://panel.example.com', production([], async () => answers('203.0.113.9', '10.0.0.5'))));
    expect(err.message).toContain('panel.example.com resolves to 10.0.0.5');
  });

  it('allows public addresses, and internal ones whose network is listed', async () => {
    expect(await checkOutboundUrl('https://panel.example.com', production([], async () => answers('203.0.113.9')))).toEqual(answers('203.0.113.9'));
    const allowed = production(['10.20.0.0/16', 'fd12:3456::/48']);
    expect(await checkOutboundUrl('https://10.20.1.2', allowed)).toEqual(answers('10.20.1.2'));
    expect(await checkOutboundUrl('https://[::ffff:10.20.1.2]', allowed)).toHaveLength(1);
    expect(await checkOutboundUrl('https://[fd12:3456::7]', allowed)).toHaveLength(1);
    await refusal(checkOutboundUrl('https://10.21.0.1', allowed));
  });

  it('says so when a name does not resolve', async () => {
    const err = await refusal(checkOutboundUrl('https://nowhere.invalid', production([], async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })))));
    expect(err).toMatchObject({ reason: 'network', message: expect.stringContaining('ENOTFOUND') });
  });

  it('outside production checks only the scheme', async () => {
    expect(await checkOutboundUrl('http://127.0.0.1:4010', outboundPolicy(false, [], 'X'))).toBeNull();
    expect((await refusal(checkOutboundUrl('file:///etc/passwd', outboundPolicy(false, [], 'X')))).reason).toBe('refused');
  });
});

describe('outboundRequest pins the checked address (DNS rebinding)', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  });
  const listen = (host: string, port: number, onConnect: () => void) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer((_q, res) => res.writeHead(200).end(host));
      s.on('connection', onConnect);
      s.once('error', reject);
      s.listen(port, host, () => {
        servers.push(s);
        resolve(s);
      });
    });

  it('a name that answers an allowed address first and 127.0.0.1 next never reaches 127.0.0.1', async () => {
    // 127.0.0.2 stands in for the public address of a rebinding attack; the second answer is the internal target.
    let checkedHits = 0;
    let internalHits = 0;
    const checked = await listen('127.0.0.2', 0, () => (checkedHits += 1));
    const port = (checked.address() as AddressInfo).port;
    await listen('127.0.0.1', port, () => (internalHits += 1));
    const queue = [answers('127.0.0.2'), answers('127.0.0.1')];
    let lookups = 0;
    const policy: OutboundPolicy = {
      ...production(['127.0.0.2/32']),
      httpsOnly: false,
      lookup: async () => {
        lookups += 1;
        return queue.shift() ?? answers('127.0.0.1');
      },
    };
    const res = await outboundRequest({ method: 'GET', url: `http://rebind.example.com:${port}/`, timeoutMs: 5_000 }, policy);
    expect(res).toMatchObject({ status: 200, text: '127.0.0.2' });
    expect(lookups).toBe(1);
    expect(checkedHits).toBe(1);
    expect(internalHits).toBe(0);
    // The next request is checked afresh, and this time refused before connecting.
    expect((await refusal(outboundRequest({ method: 'GET', url: `http://rebind.example.com:${port}/`, timeoutMs: 5_000 }, policy))).message).toMatch(/127\.0\.0\.1, a loopback/);
    expect(internalHits).toBe(0);
  });
});
