import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsSimulator } from './simulator';

const sim = createDnsSimulator();
let http: Server;
let base = '';

beforeAll(async () => {
  await sim.listen(0, '127.0.0.1');
  http = createServer((req, res) => void sim.handle(req, res, new URL(req.url ?? '/', 'http://sandbox.local')));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  http.closeAllConnections();
  await Promise.all([new Promise((r) => http.close(r)), sim.close()]);
});

describe('the sandbox DNS control endpoint', () => {
  it('sets records from JSON (domain:add --json output as it is) and from the page’s form, lists and removes them', async () => {
    const json = await fetch(`${base}/dns/_control/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domain: 'shop.example.com', status: 'pending', records: [{ type: 'TXT', name: '_ezscale-verify.shop.example.com', value: 'abc' }] }),
    });
    expect(json.status).toBe(200);
    const form = await fetch(`${base}/dns/_control/records`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=CNAME&name=Shop.Example.com.&value=edge.example.net' });
    expect([form.status, form.headers.get('location')]).toEqual([303, '/dns']);
    const page = await (await fetch(`${base}/dns`)).text();
    expect(page).toContain('_ezscale-verify.shop.example.com');
    expect(page).toContain('edge.example.net');
    expect(((await (await fetch(`${base}/dns/_control/records`)).json()) as { records: unknown[] }).records).toEqual([
      { type: 'TXT', name: '_ezscale-verify.shop.example.com', value: 'abc', ttl: 60 },
      { type: 'CNAME', name: 'shop.example.com', value: 'edge.example.net', ttl: 60 },
    ]);
    expect(await (await fetch(`${base}/dns/_control/records?name=shop.example.com`, { method: 'DELETE' })).json()).toEqual({ removed: 1 });
    expect(await (await fetch(`${base}/dns/_control/records`, { method: 'DELETE' })).json()).toEqual({ removed: 1 });
  });

  it('refuses a record it cannot serve', async () => {
    for (const records of [[{ type: 'A', name: 'x.example', value: 'not-an-ip' }], [{ type: 'MX', name: 'x.example', value: 'mail' }], [{ type: 'CNAME', name: 'x.example', value: 'y.example' }, { type: 'TXT', name: 'x.example', value: 'z' }]]) {
      const res = await fetch(`${base}/dns/_control/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ records }) });
      expect(res.status).toBe(400);
    }
  });
});
