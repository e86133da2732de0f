import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, RCODES, RR_TYPES } from './dns-message';
import { createDnsServer } from './dns-server';

const server = createDnsServer();
let resolver: Resolver;

beforeAll(async () => {
  const port = await server.listen(0, '127.0.0.1');
  resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
});
afterAll(() => server.close());

describe('DNS messages', () => {
  it('round-trips a response with A, CNAME and a TXT value longer than one 255-byte string', () => {
    const long = 'x'.repeat(300);
    const msg = {
      id: 4242,
      response: true,
      opcode: 0,
      authoritative: true,
      recursionDesired: true,
      rcode: RCODES.NOERROR,
      questions: [{ name: 'shop.example.com', type: RR_TYPES.TXT, class: 1 }],
      answers: [
        { name: 'shop.example.com', type: 'CNAME' as const, ttl: 60, value: 'edge.example.net' },
        { name: 'edge.example.net', type: 'A' as const, ttl: 30, value: '192.0.2.7' },
        { name: 'edge.example.net', type: 'TXT' as const, ttl: 30, value: long },
      ],
    };
    expect(decodeMessage(encodeMessage(msg))).toEqual(msg);
  });

  it('reads compressed names and refuses a pointer loop', () => {
    // Header, then the question "a.b" and an answer whose name is a pointer to offset 12.
    const header = Buffer.from([0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
    const question = Buffer.from([1, 0x61, 1, 0x62, 0, 0, 1, 0, 1]);
    const answer = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1]);
    expect(decodeMessage(Buffer.concat([header, question, answer])).answers).toEqual([{ name: 'a.b', type: 'A', ttl: 60, value: '10.0.0.1' }]);
    const loop = Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]), Buffer.from([0xc0, 12, 0, 1, 0, 1])]);
    expect(() => decodeMessage(loop)).toThrow(/loop/);
  });
});

describe('the sandbox DNS server, asked through node:dns', () => {
  it('answers TXT, CNAME and A, follows a CNAME for A, and tells a missing name from a missing record', async () => {
    server.store.set([
      { type: 'TXT', name: '_ezscale-verify.Shop.Example.com.', value: 'token-1' },
      { type: 'CNAME', name: 'shop.example.com', value: 'edge.example.net.' },
      { type: 'A', name: 'edge.example.net', value: '192.0.2.7' },
    ]);
    expect(await resolver.resolveTxt('_ezscale-verify.shop.example.com')).toEqual([['token-1']]);
    expect(await resolver.resolveCname('SHOP.example.com')).toEqual(['edge.example.net']);
    expect(await resolver.resolve4('shop.example.com')).toEqual(['192.0.2.7']);
    await expect(resolver.resolveTxt('nothing.example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolveTxt('edge.example.net')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('replaces the records of a name and type when they are set again, and removes them', async () => {
    server.store.set([{ type: 'TXT', name: 'again.example.com', value: 'one' }]);
    server.store.set([{ type: 'TXT', name: 'again.example.com', value: 'two' }]);
    expect(await resolver.resolveTxt('again.example.com')).toEqual([['two']]);
    // A CNAME takes the name over from other records, as DNS allows nothing beside a CNAME.
    server.store.set([{ type: 'CNAME', name: 'again.example.com', value: 'elsewhere.example.net' }]);
    expect(await resolver.resolveCname('again.example.com')).toEqual(['elsewhere.example.net']);
    expect(server.store.remove('again.example.com')).toBe(1);
    await expect(resolver.resolveCname('again.example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
