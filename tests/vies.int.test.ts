import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVatNumber, viesBaseUrl } from '@/lib/integrations/vies/client';
import type { SandboxHandle } from '@/sandbox/server';
import { startTestSandbox } from './helpers/sandbox';
import { vatNumberStanding } from '@/lib/tax/vat-number-standing';

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

describe('VAT number standing at checkout', () => {
  const business = (taxId: string) => ({ country: 'FR', company: 'Acme SARL', taxId });
  it('asks VIES only when the storefront enables it, for EU businesses with a well-formed number', async () => {
    expect(await vatNumberStanding(business('FR40303265045'), { viesEnabled: false })).toBe('unchecked');
    expect(await vatNumberStanding({ country: 'FR', company: null, taxId: 'FR40303265045' }, { viesEnabled: true })).toBe('unchecked');
    expect(await vatNumberStanding({ country: 'US', company: 'Acme Inc', taxId: '12-3456789' }, { viesEnabled: true })).toBe('unchecked');
    expect(await vatNumberStanding(business('FR40303265045'), { viesEnabled: true })).toBe('confirmed');
    expect(await vatNumberStanding(business('FR40303265000'), { viesEnabled: true })).toBe('rejected');
  });
});
