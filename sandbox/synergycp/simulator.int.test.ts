import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProvisioningError, type CreateResult, type ModuleContext } from '@/lib/provisioning/module';
import { synergycpModule as mod } from '@/lib/provisioning/modules/synergycp';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { createSynergycpSimulator } from './simulator';

// Drives the SynergyCP module over HTTP against the stand-in: idempotent create, inventory running out, VIP
// "ignored" answers, wipe-on-terminate, faults and crashes between steps.

const sim = createSynergycpSimulator({ wipeMs: 50 });
let server: Server;
let base = '';
const API_KEY = 'sandbox-scp-test';
let entries: PanelHttpEntry[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname === '/synergycp' || url.pathname.startsWith('/synergycp/')) {
      void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => res.writeHead(500).end(String(err)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/synergycp`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  sim.reset();
  sim.faults.set({ clear: true });
  entries = [];
});

function ctx(over: { externalId?: string; panelRef?: string | null; planSettings?: Record<string, unknown>; orderFields?: Record<string, string>; apiKey?: string } = {}): ModuleContext & { refs: string[]; logins: ({ username: string; password: string } | null)[] } {
  const refs: string[] = [];
  const logins: ({ username: string; password: string } | null)[] = [];
  const c: ModuleContext & { refs: string[]; logins: typeof logins } = {
    refs,
    logins,
    panel: { url: base, credentials: { apiKey: over.apiKey ?? API_KEY }, options: {} },
    service: {
      externalId: over.externalId ?? 'svc_ded1',
      label: 'Dedicated E-2288G',
      customer: { externalId: 'cus_alice', email: 'alice@example.com', name: 'Alice Example' },
      planSettings: over.planSettings ?? { groupId: 1, minRamGb: 64, cpuModelContains: 'e-2288g' },
      orderFields: over.orderFields ?? { hostname: 'alice1.example.com' },
      panelRef: over.panelRef ?? null,
      details: {},
    },
    log: (e) => entries.push(e),
    rememberPanelRef: (ref) => {
      refs.push(ref);
      c.service.panelRef = ref;
      return Promise.resolve();
    },
    rememberCredentials: (login) => {
      logins.push(login);
      return Promise.resolve();
    },
  };
  return c;
}

const account = () => sim.world.account(API_KEY);
const ourServers = (billingId = 'svc_ded1') => account().servers.filter((s) => s.billingId === billingId);
const active = (r: CreateResult) => {
  if (r.status !== 'active') throw new Error(`expected active, got ${r.status}`);
  return r;
};

async function expectProvisioningError(p: Promise<unknown>, retryable: boolean): Promise<ProvisioningError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProvisioningError);
  expect((err as ProvisioningError).retryable).toBe(retryable);
  return err as ProvisioningError;
}

describe('SynergyCP module against the simulator', () => {
  it('provisions a free server once and adopts it on a second create', async () => {
    const c = ctx();
    const first = active(await mod.create(c));
    expect(first.details.ips?.[0]).toMatch(/^198\.51\.100\./);
    expect(first.details.specs).toBe('Xeon E-2288G, 64 GB, 2× 960 GB NVMe');
    expect(first.details.hostname).toBe('alice1.example.com');
    expect(c.logins).toHaveLength(1);
    expect(c.logins[0]?.username).toBe('root');
    expect(c.logins[0]?.password.length).toBeGreaterThanOrEqual(20);
    expect(c.refs).toEqual([first.panelRef]);

    const adopting = ctx();
    const second = active(await mod.create(adopting));
    expect(second.panelRef).toBe(first.panelRef);
    expect(adopting.logins).toEqual([]);
    expect(ourServers()).toHaveLength(1);
    expect(account().clients).toHaveLength(1);
    expect(account().clients[0]?.billingId).toBe('cus_alice');
  });

  it('suspends, unsuspends, reports status and powers the server', async () => {
    const c = ctx();
    active(await mod.create(c));
    expect((await mod.status(c)).state).toBe('running');
    await mod.suspend(c);
    expect(ourServers()[0]?.isActive).toBe(false);
    expect((await mod.status(c)).state).toBe('suspended');
    const html = await (await fetch(base)).text();
    expect(html).toContain('suspended');
    await mod.unsuspend(c);
    expect(ourServers()[0]?.isActive).toBe(true);
    await mod.power?.(c, 'shutdown');
    expect((await mod.status(c)).state).toBe('stopped');
    await mod.power?.(c, 'boot');
    expect((await mod.status(c)).state).toBe('running');
    const state = (await (await fetch(`${base}/_control/state`)).json()) as { accounts: { servers: { billing: { id: string | null }; is_active: boolean }[] }[] };
    expect(state.accounts[0]?.servers.some((s) => s.billing.id === 'svc_ded1' && s.is_active)).toBe(true);
  });

  it('a VIP client makes the automatic suspension and wipe a non-retryable error', async () => {
    const c = ctx();
    active(await mod.create(c));
    const flag = await fetch(`${base}/_control/client`, { method: 'POST', body: JSON.stringify({ billingId: 'cus_alice', vip: true }) });
    expect(flag.status).toBe(200);
    const err = await expectProvisioningError(mod.suspend(c), false);
    expect(err.message).toMatch(/ignored.*VIP/);
    expect(ourServers()[0]?.isActive).toBe(true);
    await expectProvisioningError(mod.terminate(c), false);
    expect(ourServers()).toHaveLength(1);
  });

  it('refuses to change package', async () => {
    await expectProvisioningError(mod.changePackage(ctx(), { groupId: 2 }), false);
  });

  it('terminate wipes the server, returns it to inventory, and a second terminate succeeds', async () => {
    const c = ctx();
    const r = active(await mod.create(c));
    await mod.terminate(c);
    const srv = account().servers.find((s) => String(s.id) === r.panelRef);
    expect(srv?.status).toBe('wiping');
    expect(srv?.billingId).toBeNull();
    expect((await mod.status(c)).state).toBe('missing');
    await mod.terminate(c);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(sim.world.account(API_KEY).servers.find((s) => String(s.id) === r.panelRef)?.status).toBe('inventory');
  });

  it('waits for hardware when nothing fits, then provisions the server staff assign', async () => {
    const big = ctx({ externalId: 'svc_big', planSettings: { groupId: 1, minRamGb: 256 } });
    const waiting = await mod.create(big);
    expect(waiting.status).toBe('awaiting_hardware');
    if (waiting.status === 'awaiting_hardware') expect(waiting.reason).toMatch(/256 GB/);
    expect(big.refs).toEqual([]);

    const add = await fetch(`${base}/_control/inventory`, { method: 'POST', body: JSON.stringify({ key: API_KEY, add: [{ groupId: 1, cpu: 'Dual EPYC 7543', cores: 64, ramGb: 512, disks: ['3.84 TB NVMe'] }] }) });
    expect(add.status).toBe(200);
    const added = account().servers.at(-1);
    const assigned = ctx({ externalId: 'svc_big', planSettings: { groupId: 1, minRamGb: 256 }, orderFields: { assignedServerId: String(added?.id) } });
    const r = active(await mod.create(assigned));
    expect(r.panelRef).toBe(String(added?.id));
    expect(r.details.specs).toBe('Dual EPYC 7543, 512 GB, 3.84 TB NVMe');

    // An assigned server that is already taken is a staff error, not something to retry.
    active(await mod.create(ctx()));
    const taken = ourServers()[0];
    const other = ctx({ externalId: 'svc_other', orderFields: { assignedServerId: String(taken?.id) } });
    const err = await expectProvisioningError(mod.create(other), false);
    expect(err.message).toMatch(/not free/);
  });

  it('retries through injected faults and still makes exactly one server', async () => {
    await fetch(`${base}/_control/faults`, { method: 'POST', body: JSON.stringify({ failNext: 3, failStatus: 503 }) });
    for (let i = 0; i < 3; i += 1) await expectProvisioningError(mod.create(ctx()), true);
    active(await mod.create(ctx()));
    expect(ourServers()).toHaveLength(1);
    expect(account().clients).toHaveLength(1);
  });

  it('recovers from a crash right after the panel id was remembered', async () => {
    const c = ctx();
    const crashing: ModuleContext = {
      ...c,
      rememberPanelRef: async (ref) => {
        await c.rememberPanelRef(ref);
        throw new Error('worker crashed');
      },
    };
    await expect(mod.create(crashing)).rejects.toThrow('worker crashed');
    expect(c.service.panelRef).not.toBeNull();
    const again = active(await mod.create(ctx({ panelRef: c.service.panelRef })));
    expect(again.panelRef).toBe(c.service.panelRef);
    expect(ourServers()).toHaveLength(1);
  });

  it('stores the root password before SynergyCP sees it; a retry after a lost answer adopts and keeps it', async () => {
    const c = ctx();
    const provisionedWhenRemembered: number[] = [];
    c.rememberCredentials = (login) => {
      provisionedWhenRemembered.push(ourServers().length);
      c.logins.push(login);
      return Promise.resolve();
    };
    // The panel provisions the server; the worker dies before it can store anything else.
    c.log = (e) => {
      entries.push(e);
      if (e.path.startsWith('/synergycp/server/provision') && e.status === 200) throw new Error('worker died');
    };
    await expect(mod.create(c)).rejects.toThrow('worker died');
    expect(provisionedWhenRemembered).toEqual([0]);
    expect(ourServers()).toHaveLength(1);

    const retry = ctx();
    active(await mod.create(retry));
    expect(retry.logins).toEqual([]);
    expect(ourServers()).toHaveLength(1);
  });

  it('reports invalid plan settings and bad credentials without retrying', async () => {
    await expectProvisioningError(mod.create(ctx({ planSettings: { groupId: 'nope' } })), false);
    const bad = await mod.testConnection({ url: base, credentials: { apiKey: 'bad-key-0000000' }, options: {} }, (e) => entries.push(e));
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/401/);
    await expectProvisioningError(mod.create(ctx({ apiKey: 'bad-key-0000000' })), false);
    // A real-looking key that isn't this panel's is refused the same way, with SynergyCP's own envelope.
    const wrongKey = 'scp-key-from-another-install';
    const res = await fetch(`${base}/server?key=${wrongKey}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ data: null, error: 'Unauthenticated: invalid API key.', messages: [{ text: 'Unauthenticated: invalid API key.', cat: 'danger' }] });
    expect(await mod.testConnection({ url: base, credentials: { apiKey: wrongKey }, options: {} }, (e) => entries.push(e))).toMatchObject({ ok: false, message: expect.stringMatching(/refused the API key/) });
    const err = await mod.create(ctx({ apiKey: wrongKey })).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, status: 401, message: expect.stringMatching(/refused the API key/) });
    const good = await mod.testConnection({ url: base, credentials: { apiKey: API_KEY }, options: {} }, (e) => entries.push(e));
    expect(good).toEqual({ ok: true, message: 'Connected to SynergyCP.' });
  });

  it('never logs the password or the API key', async () => {
    const c = ctx();
    active(await mod.create(c));
    const password = c.logins[0]?.password ?? '';
    expect(password).not.toBe('');
    const logged = JSON.stringify(entries);
    expect(entries.some((e) => e.path.startsWith('/synergycp/server/provision'))).toBe(true);
    expect(logged).not.toContain(password);
    expect(logged).not.toContain(API_KEY);
  });
});
