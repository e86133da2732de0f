import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProvisioningError, type ModuleContext, type PanelConnection, type ServiceDetails } from '@/lib/provisioning/module';
import { pterodactylModule as mod } from '@/lib/provisioning/modules/pterodactyl';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { createPterodactylSimulator } from './simulator';

// Drives the Pterodactyl module over HTTP against the stand-in: idempotent create, lifecycle, faults, crash
// recovery and what the provisioning log may contain.

const INSTALL_MS = 200;
const sim = createPterodactylSimulator({ installMs: INSTALL_MS });
let server: Server;
let base = '';
let logs: PanelHttpEntry[] = [];
const log = (e: PanelHttpEntry) => void logs.push(e);

const KEY = 'sandbox_TenantA';
const plan = { nestId: 1, eggId: 1, locationId: 1, memoryMb: 2048, diskMb: 10240, cpuPercent: 200, databases: 1, backups: 2 };

function panel(overrides: Partial<PanelConnection> = {}): PanelConnection {
  return { url: `${base}/pterodactyl/`, credentials: { applicationKey: `ptla_${KEY}`, clientKey: `ptlc_${KEY}` }, options: {}, ...overrides };
}

interface Service {
  panelRef: string | null;
  details: ServiceDetails;
  credentials?: { username: string; password: string } | null;
}

function ctx(externalId: string, svc: Service = { panelRef: null, details: {} }, p: PanelConnection = panel(), customer = 'cus_alice'): ModuleContext {
  return {
    panel: p,
    service: {
      externalId,
      label: `Minecraft ${externalId}`,
      customer: { externalId: customer, email: `${customer}@example.com`, name: 'Alice Liddell' },
      planSettings: plan,
      orderFields: { serverName: `srv ${externalId}` },
      panelRef: svc.panelRef,
      details: svc.details,
    },
    log,
    rememberPanelRef: async (ref) => {
      svc.panelRef = ref;
    },
    rememberCredentials: async (c) => {
      svc.credentials = c;
    },
  };
}

const mine = (ext: string) => sim.servers().filter((s) => s.externalId === ext);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname === '/pterodactyl' || url.pathname.startsWith('/pterodactyl/')) {
      void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => res.writeHead(500).end(String(err)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  sim.reset();
  logs = [];
});

async function failure(p: Promise<unknown>): Promise<ProvisioningError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProvisioningError);
  return err as ProvisioningError;
}

describe('pterodactyl module against the simulator', () => {
  it('creates once, adopts on repeat, and reaches ready after installing', async () => {
    const svc: Service = { panelRef: null, details: {} };
    const first = await mod.create(ctx('svc_one', svc));
    expect(first.status).toBe('building');
    if (first.status === 'awaiting_hardware') throw new Error('unexpected');
    expect(svc.panelRef).toBe(first.panelRef);
    expect(svc.credentials?.password.length).toBeGreaterThanOrEqual(20);
    expect(svc.credentials?.username).toBe(sim.state().panels[0]?.users[0]?.username);
    expect(first.details.connectAddress).toMatch(/^203\.0\.113\.\d+:\d+$/);
    expect(first.details.panelUrl).toMatch(/\/pterodactyl\/server\/[0-9a-f]{8}$/);
    svc.details = first.details;
    // Right away, while the 200 ms install runs (checked before anything slower can let it finish).
    expect((await mod.status(ctx('svc_one', svc))).state).toBe('building');

    const adopted: Service = { panelRef: null, details: {} };
    const again = await mod.create(ctx('svc_one', adopted));
    if (again.status === 'awaiting_hardware') throw new Error('unexpected');
    expect(again.panelRef).toBe(first.panelRef);
    expect(adopted.credentials).toBeUndefined();
    expect(mine('svc_one')).toHaveLength(1);
    expect(sim.state().panels[0]?.users).toHaveLength(1);

    await wait(INSTALL_MS + 50);
    const ready = await mod.status(ctx('svc_one', svc));
    expect(ready.state).toBe('running');
    expect(ready.usage?.memoryLimitBytes).toBe(2048 * 1024 * 1024);
    expect(ready.usage?.memoryBytes).toBeGreaterThan(0);
    // No SSO in Pterodactyl core: a plain link to the server's page, never counted as sign-in.
    expect(mod.ssoLink).toBeUndefined();
    expect(await mod.panelLink?.(ctx('svc_one', svc))).toBe(first.details.panelUrl);

    // A second service of the same customer reuses the panel account.
    const secondSvc: Service = { panelRef: null, details: {} };
    await mod.create(ctx('svc_two', secondSvc));
    expect(secondSvc.credentials).toBeUndefined();
    expect(sim.state().panels[0]?.users).toHaveLength(1);
    expect(sim.servers()).toHaveLength(2);
  });

  it('suspends, unsuspends, powers, changes package and terminates idempotently', async () => {
    const svc: Service = { panelRef: null, details: {} };
    const created = await mod.create(ctx('svc_life', svc));
    if (created.status === 'awaiting_hardware') throw new Error('unexpected');
    svc.details = created.details;
    await wait(INSTALL_MS + 50);

    await mod.power?.(ctx('svc_life', svc), 'shutdown');
    expect(mine('svc_life')[0]?.power).toBe('offline');
    expect((await mod.status(ctx('svc_life', svc))).state).toBe('stopped');
    await mod.power?.(ctx('svc_life', svc), 'boot');
    expect(mine('svc_life')[0]?.power).toBe('running');

    await mod.suspend(ctx('svc_life', svc));
    await mod.suspend(ctx('svc_life', svc));
    expect(mine('svc_life')[0]?.status).toBe('suspended');
    expect((await mod.status(ctx('svc_life', svc))).state).toBe('suspended');
    const page = await fetch(`${base}/pterodactyl`).then((r) => r.text());
    expect(page).toContain('svc_life');
    expect(page).toContain('suspended');
    const state = (await fetch(`${base}/pterodactyl/_control/state`).then((r) => r.json())) as { panels: { servers: { externalId: string; status: string }[] }[] };
    expect(state.panels[0]?.servers.find((s) => s.externalId === 'svc_life')?.status).toBe('suspended');
    await mod.unsuspend(ctx('svc_life', svc));
    expect(mine('svc_life')[0]?.status).toBe('active');

    await mod.changePackage(ctx('svc_life', svc), { ...plan, memoryMb: 4096, cpuPercent: 300 });
    expect(mine('svc_life')[0]).toMatchObject({ memoryMb: 4096, cpuPercent: 300 });
    const eggChange = await failure(mod.changePackage(ctx('svc_life', svc), { ...plan, eggId: 2 }));
    expect(eggChange.retryable).toBe(false);

    await mod.terminate(ctx('svc_life', svc));
    expect(mine('svc_life')).toHaveLength(0);
    await mod.terminate(ctx('svc_life', svc));
    expect((await mod.status(ctx('svc_life', svc))).state).toBe('missing');
  });

  it('retries through injected faults and still makes exactly one server', async () => {
    await fetch(`${base}/pterodactyl/_control/faults`, { method: 'POST', body: JSON.stringify({ failNext: 3, failStatus: 503 }) });
    for (let i = 0; i < 3; i += 1) {
      const err = await failure(mod.create(ctx('svc_fault')));
      expect(err.retryable).toBe(true);
    }
    const ok = await mod.create(ctx('svc_fault'));
    expect(['building', 'active']).toContain(ok.status);
    expect(mine('svc_fault')).toHaveLength(1);
  });

  it('recovers from a crash right after the panel id was remembered', async () => {
    const svc: Service = { panelRef: null, details: {} };
    const crashing = ctx('svc_crash', svc);
    crashing.rememberPanelRef = async (ref) => {
      svc.panelRef = ref;
      throw new Error('worker died');
    };
    await expect(mod.create(crashing)).rejects.toThrow('worker died');
    expect(svc.panelRef).not.toBeNull();
    const retry = await mod.create(ctx('svc_crash', svc));
    expect(retry.status === 'awaiting_hardware' ? null : retry.panelRef).toBe(svc.panelRef);
    expect(mine('svc_crash')).toHaveLength(1);
  });

  it('stores the login before the panel sees its password, and a retry after a crash keeps it', async () => {
    const svc: Service = { panelRef: null, details: {} };
    const first = ctx('svc_pw', svc);
    const usersWhenRemembered: number[] = [];
    first.rememberCredentials = async (c) => {
      usersWhenRemembered.push(sim.state().panels[0]?.users.length ?? 0);
      svc.credentials = c;
    };
    // The worker "dies" on the first call after the panel accepted the user.
    first.log = (e) => {
      logs.push(e);
      if (e.method === 'POST' && e.path.endsWith('/users') && e.status === 201) sim.faults.set({ failNext: 1, failStatus: 503 });
    };
    await failure(mod.create(first));
    expect(usersWhenRemembered).toEqual([0]);
    const stored = svc.credentials;
    expect(stored?.username).toBe(sim.state().panels[0]?.users[0]?.username);
    expect(mine('svc_pw')).toHaveLength(0);

    await mod.create(ctx('svc_pw', svc));
    expect(svc.credentials).toEqual(stored);
    expect(mine('svc_pw')).toHaveLength(1);
    expect(sim.state().panels[0]?.users).toHaveLength(1);
  });

  it('reports validation errors as not retryable', async () => {
    const bad = ctx('svc_bad');
    bad.service.planSettings = { ...plan, nestId: 2, eggId: 3, environment: { SRCDS_MAP: '' } };
    const err = await failure(mod.create(bad));
    expect(err.retryable).toBe(false);
    expect(err.status).toBe(422);
    expect(err.message).toContain('SRCDS_MAP');
    expect(mine('svc_bad')).toHaveLength(0);

    const badPlan = ctx('svc_bad');
    badPlan.service.planSettings = { ...plan, io: 5 };
    expect((await failure(mod.create(badPlan))).retryable).toBe(false);
  });

  it('tests the connection and rejects bad credentials', async () => {
    expect(await mod.testConnection(panel(), log)).toMatchObject({ ok: true });
    const wrong = await mod.testConnection(panel({ credentials: { applicationKey: 'ptla_x' } }), log);
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toContain('401');
    const wrongClient = await mod.testConnection(panel({ credentials: { applicationKey: `ptla_${KEY}`, clientKey: 'ptla_notaclientkey' } }), log);
    expect(wrongClient.ok).toBe(false);
  });

  it('refuses a wrong key with the panel\'s 401 body, and the module gives up without retrying', async () => {
    const wrongKey = 'ptla_RealLookingKeyFromElsewhere';
    const res = await fetch(`${base}/pterodactyl/api/application/servers`, { headers: { authorization: `Bearer ${wrongKey}`, accept: 'application/json' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [{ code: 'AuthenticationException', status: '401', detail: 'Unauthenticated.' }] });

    const wrong = panel({ credentials: { applicationKey: wrongKey } });
    expect(await mod.testConnection(wrong, log)).toMatchObject({ ok: false, message: expect.stringMatching(/refused the application API key/) });
    const err = await failure(mod.create(ctx('svc_wrong_key', { panelRef: null, details: {} }, wrong)));
    expect(err).toMatchObject({ retryable: false, status: 401 });
    expect(err.message).toMatch(/refused the application API key/);
    expect(sim.state().panels).toHaveLength(0);
  });

  it('keeps panels of different keys apart and power needs a client key', async () => {
    await mod.create(ctx('svc_a'));
    const other = panel({ credentials: { applicationKey: 'ptla_sandbox_TenantB' } });
    expect(await mod.status(ctx('svc_a', { panelRef: null, details: {} }, other))).toEqual({ state: 'missing' });
    const err = await failure(mod.power!(ctx('svc_a', { panelRef: null, details: {} }, other), 'boot'));
    expect(err.retryable).toBe(false);

    // Without a client key an installed server reads as ready (what start_on_completion left), never "unknown".
    const appOnly = panel({ credentials: { applicationKey: `ptla_${KEY}` } });
    await wait(INSTALL_MS + 50);
    expect((await mod.status(ctx('svc_a', { panelRef: null, details: {} }, appOnly))).state).toBe('running');
    expect(await mod.testConnection(appOnly, log)).toMatchObject({ ok: true });
  });

  it('never logs a password', async () => {
    const svc: Service = { panelRef: null, details: {} };
    await mod.create(ctx('svc_log', svc));
    const password = svc.credentials?.password ?? '';
    expect(password).not.toBe('');
    expect(logs.some((e) => e.method === 'POST' && e.path.endsWith('/users'))).toBe(true);
    for (const entry of logs) expect(JSON.stringify(entry)).not.toContain(password);
    expect(JSON.stringify(logs)).not.toContain(KEY);
  });
});
