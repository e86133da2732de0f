import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ModuleContext, type PanelConnection, ProvisioningError } from '@/lib/provisioning/module';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { virtfusionModule as vf } from '@/lib/provisioning/modules/virtfusion';
import { createVirtfusionSimulator } from './simulator';

// Drives the VirtFusion provisioning module against the stand-in over real HTTP.

const TOKEN = 'sandbox-vf-one';
const sim = createVirtfusionSimulator({ buildMs: 200 });
let server: Server;
let panel: PanelConnection;
let logs: PanelHttpEntry[] = [];
/** Every rememberCredentials call, with how many panel calls had been made when it came. */
let logins: { login: { username: string; password: string } | null; afterCalls: number }[] = [];

function ctxFor(externalId: string, over: { panelRef?: string | null; planSettings?: Record<string, unknown>; orderFields?: Record<string, string> } = {}) {
  const ctx: ModuleContext = {
    panel,
    service: {
      externalId,
      label: `VPS ${externalId}`,
      customer: { externalId: 'cus_alice', email: 'alice@example.com', name: 'Alice Example' },
      planSettings: vf.planSettingsSchema.parse(over.planSettings ?? { packageId: 1, hypervisorGroupId: 1 }),
      orderFields: over.orderFields ?? { hostname: 'web1.example.com', os: 'ubuntu-24.04' },
      panelRef: over.panelRef ?? null,
      details: {},
    },
    log: (entry) => logs.push(entry),
    rememberPanelRef: async (ref) => {
      ctx.service.panelRef = ref;
    },
    rememberCredentials: async (login) => {
      logins.push({ login, afterCalls: logs.length });
    },
  };
  return ctx;
}

const named = (name: string) => sim.servers(TOKEN).filter((s) => s.name === name);

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function rejection(p: Promise<unknown>): Promise<ProvisioningError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProvisioningError);
  return err as ProvisioningError;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname === '/virtfusion' || url.pathname.startsWith('/virtfusion/')) {
      void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => res.writeHead(500).end(String(err)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  panel = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/virtfusion`, credentials: { apiToken: TOKEN }, options: {} };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  logs = [];
  logins = [];
});

describe('VirtFusion module + simulator', { timeout: 20_000 }, () => {
  it('tests the connection and refuses a bad token', async () => {
    expect((await vf.testConnection(panel, () => undefined)).ok).toBe(true);
    const bad = await vf.testConnection({ ...panel, credentials: { apiToken: 'invalid-token' } }, () => undefined);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/refused the API token/);
  });

  it('refuses a wrong key with the panel\'s 401, and the module gives up without retrying', async () => {
    const wrongKey = 'vf-token-from-another-panel';
    const res = await fetch(`${panel.url}/api/v1/connect`, { headers: { authorization: `Bearer ${wrongKey}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthenticated.' });
    expect((await fetch(`${panel.url}/api/v1/connect`)).status).toBe(401);

    const wrong = { ...panel, credentials: { apiToken: wrongKey } };
    expect(await vf.testConnection(wrong, () => undefined)).toMatchObject({ ok: false, message: expect.stringMatching(/refused the API token \(401\)/) });
    const ctx = { ...ctxFor('svc_wrong_key'), panel: wrong };
    const err = await vf.create(ctx).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisioningError);
    expect(err).toMatchObject({ retryable: false, status: 401, message: expect.stringMatching(/refused the API token/) });
    expect(sim.servers(wrongKey)).toHaveLength(0);
  });

  it('creates once, adopts on repeat, builds, and runs the lifecycle', async () => {
    const ctx = ctxFor('svc_life');
    const created = await vf.create(ctx);
    expect(created.status).toBe('building');
    if (created.status === 'awaiting_hardware') throw new Error('unexpected');
    expect(created.panelRef).toBe(ctx.service.panelRef);
    expect(created.details).toMatchObject({ hostname: 'web1.example.com', os: 'Ubuntu 24.04' });
    expect(created.details.ips?.[0]).toMatch(/^203\.0\.113\.\d+$/);
    // The root password is stored the moment the build answer shows it, before any further call.
    expect(logins).toHaveLength(1);
    expect(logins[0]?.login?.username).toBe('root');
    expect(logs[(logins[0]?.afterCalls ?? 0) - 1]?.path).toMatch(/\/servers\/\d+\/build$/);
    const password = logins[0]?.login?.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(password).toBe(named('svc_life')[0]?.rootPassword);
    expect(JSON.stringify(logs)).not.toContain(password);

    // While building the server is locked: actions answer 423, which is retryable.
    const locked = await rejection(vf.suspend(ctx));
    expect(locked.retryable).toBe(true);
    expect(locked.status).toBe(423);
    expect((await vf.status(ctx)).state).toBe('building');

    // A second create without the remembered id finds the same server by its name.
    const again = await vf.create(ctxFor('svc_life'));
    expect(again.status === 'awaiting_hardware' ? null : again.panelRef).toBe(created.panelRef);
    expect(logins).toHaveLength(1);
    expect(named('svc_life')).toHaveLength(1);
    expect(sim.state().panels[0]?.users).toHaveLength(1);

    const running = await until(() => vf.status(ctx), (s) => s.state === 'running');
    expect(running.state).toBe('running');
    expect(running.details?.ips).toEqual(created.details.ips);
    expect(running.usage?.memoryLimitBytes).toBe(1024 * 1024 * 1024);

    await vf.suspend(ctx);
    expect(named('svc_life')[0]?.suspended).toBe(true);
    expect((await vf.status(ctx)).state).toBe('suspended');
    await vf.unsuspend(ctx);
    expect(named('svc_life')[0]?.suspended).toBe(false);

    await vf.power!(ctx, 'shutdown');
    expect((await vf.status(ctx)).state).toBe('stopped');
    await vf.power!(ctx, 'boot');
    expect((await vf.status(ctx)).state).toBe('running');
    await vf.power!(ctx, 'restart');
    await vf.power!(ctx, 'poweroff');
    expect(named('svc_life')[0]?.power).toBe('stopped');

    await vf.changePackage(ctx, { packageId: 2, hypervisorGroupId: 1 });
    expect(named('svc_life')[0]?.packageId).toBe(2);

    const link = await vf.ssoLink!(ctx);
    expect(link.startsWith(panel.url.replace(/\/virtfusion$/, ''))).toBe(true);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('web1.example.com');
    expect((await fetch(link)).status).toBe(403);

    const html = await (await fetch(panel.url)).text();
    expect(html).toContain('svc_life');
    const state = (await (await fetch(`${panel.url}/_control/state`)).json()) as { panels: { servers: { name: string; status: string }[] }[] };
    expect(state.panels[0]?.servers.find((s) => s.name === 'svc_life')?.status).toBe('stopped');

    await vf.terminate(ctx);
    expect(named('svc_life')).toHaveLength(0);
    await vf.terminate(ctx);
    await vf.terminate(ctxFor('svc_life'));
    expect((await vf.status(ctx)).state).toBe('missing');
  });

  it('retries through injected faults and still makes exactly one server', async () => {
    sim.faults.set({ failNext: 3, failStatus: 503 });
    const ctx = ctxFor('svc_faults');
    for (let i = 0; i < 3; i += 1) {
      const err = await rejection(vf.create(ctx));
      expect(err.retryable).toBe(true);
    }
    const created = await vf.create(ctx);
    expect(created.status).toBe('building');
    expect(named('svc_faults')).toHaveLength(1);
  });

  it('adopts after a crash right after the id was remembered', async () => {
    const ctx = ctxFor('svc_crash');
    const crashing: ModuleContext = {
      ...ctx,
      rememberPanelRef: async (ref) => {
        await ctx.rememberPanelRef(ref);
        throw new Error('worker crashed');
      },
    };
    await expect(vf.create(crashing)).rejects.toThrow('worker crashed');
    expect(ctx.service.panelRef).not.toBeNull();
    const created = await vf.create(ctx);
    expect(created.status === 'awaiting_hardware' ? null : created.panelRef).toBe(ctx.service.panelRef);
    expect(named('svc_crash')).toHaveLength(1);
    expect(sim.servers(TOKEN).filter((s) => s.buildStartedAt === null)).toHaveLength(0);
  });

  it('adopts a never-built server when the create answer was lost', async () => {
    const ctx = ctxFor('svc_lost');
    const lost: ModuleContext = {
      ...ctx,
      rememberPanelRef: async () => {
        throw new Error('connection dropped before the id was stored');
      },
    };
    const before = sim.servers(TOKEN).length;
    await expect(vf.create(lost)).rejects.toThrow('connection dropped');
    expect(sim.servers(TOKEN).length).toBe(before + 1);
    await vf.create(ctx);
    expect(sim.servers(TOKEN).length).toBe(before + 1);
    expect(named('svc_lost')).toHaveLength(1);
  });

  it('reports validation errors as not retryable', async () => {
    const badPackage = await rejection(vf.create(ctxFor('svc_bad', { planSettings: { packageId: 999, hypervisorGroupId: 1 } })));
    expect(badPackage.retryable).toBe(false);
    expect(badPackage.message).toMatch(/no package 999/);
    const badGroup = await rejection(vf.create(ctxFor('svc_bad_group', { planSettings: { packageId: 1, hypervisorGroupId: 99 } })));
    expect(badGroup.retryable).toBe(false);
    expect(badGroup.status).toBe(422);
    expect(badGroup.message).toMatch(/hypervisor id is invalid/);
    const badOs = await rejection(vf.create(ctxFor('svc_bad_os', { orderFields: { hostname: 'x.example.com', os: 'templeos-5' } })));
    expect(badOs.retryable).toBe(false);
    expect(badOs.message).toMatch(/no OS "templeos-5"/);
    expect(sim.servers(TOKEN).filter((s) => s.buildStartedAt === null)).toHaveLength(0);
    expect(() => vf.planSettingsSchema.parse({ hypervisorGroupId: 1 })).toThrow();
  });

  it('keeps panels apart per API token', async () => {
    const other = { ...panel, credentials: { apiToken: 'sandbox-vf-two' } };
    const ctx = { ...ctxFor('svc_other'), panel: other };
    await vf.create(ctx);
    expect(sim.servers('sandbox-vf-two')).toHaveLength(1);
    expect(named('svc_other')).toHaveLength(0);
  });
});
