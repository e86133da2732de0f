import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkVatNumber, viesBaseUrl } from '@/lib/integrations/vies/client';
import type { SandboxHandle } from '@/sandbox/server';
import { startTestSandbox } from './helpers/sandbox';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

describe('VIES client against the sandbox simulator', () => {
  it('points at the simulator in sandbox mode', () => {
    expect(viesBaseUrl()).toBe(`${sandbox.url}/vies`);
  });

  it('answers valid with the trader, invalid for unknown or malformed numbers', async () => {
    const base = viesBaseUrl();
    const valid = await checkVatNumber('DE', 'DE 123 456 789', { baseUrl: base });
    expect(valid).toEqual({ status: 'valid', name: 'Sandbox Trader DE123456789', address: '1 Simulated Street\n1000 Sandbox' });
    expect((await checkVatNumber('GR', '123456789', { baseUrl: base })).status).toBe('valid');
    expect((await checkVatNumber('NL', 'NL123456789B01', { baseUrl: base })).status).toBe('valid');
    expect(await checkVatNumber('DE', 'DE123456000', { baseUrl: base })).toEqual({ status: 'invalid' });
    expect(await checkVatNumber('FR', 'FR123', { baseUrl: base })).toEqual({ status: 'invalid' });
  });

  it('is unavailable on a service error, a dead host or a timeout', async () => {
    expect(await checkVatNumber('XX', '123', { baseUrl: viesBaseUrl() })).toEqual({ status: 'unavailable', detail: 'MS_UNAVAILABLE' });
    expect((await checkVatNumber('DE', 'DE123456789', { baseUrl: 'http://127.0.0.1:1' })).status).toBe('unavailable');
    expect((await checkVatNumber('DE', 'DE123456789', { baseUrl: `${sandbox.url}/mail` })).status).toBe('unavailable');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const slow = await checkVatNumber('DE', 'DE123456789', { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    expect(slow.status).toBe('unavailable');
  });

  it('lists VIES on the sandbox index', async () => {
    expect(await (await fetch(sandbox.url)).text()).toContain('href="/vies"');
    expect((await fetch(`${sandbox.url}/vies`)).status).toBe(200);
  });
});

describe('VIES simulator controls', () => {
  const control = (name: string, body?: unknown) =>
    fetch(`${sandbox.url}/vies/_control/${name}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const state = async () => (await (await control('state')).json()) as { checks: Record<string, number>; faults: { failNext: number; error: string } };
  beforeEach(async () => {
    await control('reset', {});
  });

  it('hands out a consultation number to a valid requester, and drops a refused requester rather than the check', async () => {
    const base = viesBaseUrl();
    const withProof = await checkVatNumber('FR', 'FR40303265045', { baseUrl: base, requester: 'DE123456789' });
    expect(withProof).toMatchObject({ status: 'valid', requestIdentifier: expect.stringMatching(/^WAPI[0-9A-F]{12}$/) });
    const refused = await checkVatNumber('FR', 'FR40303265045', { baseUrl: base, requester: 'DE123456000' });
    expect(refused.status).toBe('valid');
    expect(refused.requestIdentifier).toBeUndefined();
    expect((await state()).checks).toEqual({ FR40303265045: 3 });
  });

  it('fails the next checks with the VIES error code asked for, then answers again', async () => {
    const base = viesBaseUrl();
    expect((await control('faults', { failNext: 2, failStatus: 503, error: 'MS_MAX_CONCURRENT_REQ' })).status).toBe(200);
    expect(await checkVatNumber('DE', 'DE123456789', { baseUrl: base })).toEqual({ status: 'unavailable', detail: 'MS_MAX_CONCURRENT_REQ' });
    expect(await checkVatNumber('DE', 'DE123456789', { baseUrl: base })).toEqual({ status: 'unavailable', detail: 'MS_MAX_CONCURRENT_REQ' });
    expect((await checkVatNumber('DE', 'DE123456789', { baseUrl: base })).status).toBe('valid');
    // The code stays until cleared; a plain failure is SERVICE_UNAVAILABLE.
    await control('faults', { clear: true, failNext: 1 });
    expect(await checkVatNumber('DE', 'DE123456789', { baseUrl: base })).toEqual({ status: 'unavailable', detail: 'SERVICE_UNAVAILABLE' });
    expect((await control('faults', { error: 'NOT_A_CODE' })).status).toBe(400);
  });

  it('leaves a check unanswered until the client gives up', async () => {
    await control('faults', { hangNext: 1 });
    const hung = await checkVatNumber('DE', 'DE123456789', { baseUrl: viesBaseUrl(), timeoutMs: 200 });
    expect(hung.status).toBe('unavailable');
    expect((await checkVatNumber('DE', 'DE123456789', { baseUrl: viesBaseUrl() })).status).toBe('valid');
  });

  it('deregisters and registers numbers, overriding the sandbox rule', async () => {
    const base = viesBaseUrl();
    await control('numbers', { deregister: ['DE123456789'], register: ['de 123 456 000'] });
    expect(await checkVatNumber('DE', '123456789', { baseUrl: base })).toEqual({ status: 'invalid' });
    expect((await checkVatNumber('DE', 'DE123456000', { baseUrl: base })).status).toBe('valid');
    await control('reset', {});
    expect((await checkVatNumber('DE', 'DE123456789', { baseUrl: base })).status).toBe('valid');
  });

  it('answers with the shape of VIES', async () => {
    const res = await fetch(`${viesBaseUrl()}/check-vat-number`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countryCode: 'DE', vatNumber: '123456000' }) });
    expect(await res.json()).toMatchObject({ countryCode: 'DE', vatNumber: '123456000', valid: false, requestIdentifier: '', name: '---', address: '---', traderNameMatch: 'NOT_PROCESSED' });
    const bad = await fetch(`${viesBaseUrl()}/check-vat-number`, { method: 'POST', body: '{' });
    expect(await bad.json()).toEqual({ actionSucceed: false, errorWrappers: [{ error: 'INVALID_INPUT' }] });
  });
});
