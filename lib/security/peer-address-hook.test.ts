import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPeerAddressHook } from './peer-address-hook';

let server: Server;
let port: number;

/** What the application sees as X-Forwarded-For for a request sent with these headers. */
function seen(headers: Record<string, string>): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body === '' ? undefined : body));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  installPeerAddressHook();
  installPeerAddressHook(); // twice is once
  server = createServer((req, res) => res.end(req.headers['x-forwarded-for'] ?? ''));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('installPeerAddressHook', () => {
  it('appends the TCP peer to X-Forwarded-For, once, whatever the client sent', async () => {
    expect(await seen({})).toBe('127.0.0.1');
    expect(await seen({ 'X-Forwarded-For': '203.0.113.9' })).toBe('203.0.113.9, 127.0.0.1');
  });
});
