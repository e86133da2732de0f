import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKasmClient } from '@/lib/integrations/kasm/client';
import { type ModuleContext, type PanelConnection, ProvisioningError } from '@/lib/provisioning/module';
import { kasmModule as kasm } from '@/lib/provisioning/modules/kasm';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { SANDBOX_KASM_IMAGE_IDS as IMAGES } from '@/lib/setup/sandbox-kasm-images';
import { createKasmSimulator } from './simulator';

// Drives the Kasm provisioning module against the stand-in over real HTTP.

const KEY = 'sandbox-kasm-mod';
const sim = createKasmSimulator({ startMs: 50 });
let server: Server;
let panel: PanelConnection;
let logs: PanelHttpEntry[] = [];
let logins: unknown[] = [];

function ctxFor(externalId: string, over: { panelRef?: string | null; imageId?: string } = {}): ModuleContext {
  const ctx: ModuleContext = {
    panel,
    service: {
      externalId,
      label: `Desktop ${externalId}`,
      customer: { externalId: 'cus_ada', email: 'ada@example.com', name: 'Ada King Lovelace' },
      planSettings: kasm.planSettingsSchema.parse({ imageId: over.imageId ?? IMAGES.vsCode, cores: 2 }),
      orderFields: {},
      panelRef: over.panelRef ?? null,
      details: {},
    },
    log: (entry) => logs.push(entry),
    rememberPanelRef: async (ref) => {
      ctx.service.panelRef = ref;
    },
    rememberCredentials: async (login) => {
      logins.push(login);
    },
  };
  return ctx;
}

const userNamed = (username: string) => sim.users(KEY).filter((u) => u.username === username);
const sessionsOf = (userId: string) => sim.sessions(KEY).filter((k) => k.user_id === userId);

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
    if (url.pathname === '/kasm' || url.pathname.startsWith('/kasm/')) {
      void Promise.resolve(sim.handle(req, res, url)).catch((err: unknown) => res.writeHead(500).end(String(err)));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  panel = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kasm`, credentials: { apiKey: KEY, apiKeySecret: 'sandbox-secret-mod' }, options: {} };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  logs = [];
  logins = [];
});

describe('Kasm module + simulator', { timeout: 20_000 }, () => {
  it('tests the connection with get_images and refuses a wrong secret', async () => {
    expect(await kasm.testConnection(panel, () => undefined)).toEqual({ ok: true, message: 'Connected to Kasm Workspaces: 8 workspace images, 7 enabled.' });
    const bad = await kasm.testConnection({ ...panel, credentials: { apiKey: KEY, apiKeySecret: 'sandbox-secret-other' } }, () => undefined);
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/refused the API key \(403/) });
  });

  it('offers the enabled images as the plan setting to pick', async () => {
    const [choice] = await kasm.planSettingChoices!(panel, () => undefined);
    expect(choice).toMatchObject({ key: 'imageId', label: 'Workspace image' });
    expect(choice!.options).toHaveLength(7);
    expect(choice!.options).toContainEqual({ value: IMAGES.chrome, label: 'Chrome (kasmweb/chrome:1.16.0)' });
    expect(choice!.options.map((o) => o.value)).not.toContain(IMAGES.ubuntuFocalDesktop);
  });

  it('creates the user once, adopts it on repeat, and runs suspend, unsuspend and terminate', async () => {
    const ctx = ctxFor('svc_life');
    const created = await kasm.create(ctx);
    if (created.status === 'awaiting_hardware') throw new Error('unexpected');
    expect(created.status).toBe('active');
    const [user] = userNamed('svc_life');
    expect(user).toMatchObject({ first_name: 'Ada', last_name: 'King Lovelace', organization: 'cus_ada', disabled: false });
    expect(created.panelRef).toBe(user!.user_id);
    expect(ctx.service.panelRef).toBe(user!.user_id);
    expect(created.details).toMatchObject({ kasmUserId: user!.user_id, kasmUsername: 'svc_life', workspace: 'Visual Studio Code' });
    // Customers never sign in to Kasm with a password, so none is kept.
    expect(logins).toEqual([]);

    // Without the remembered id, the username finds the same user.
    const again = await kasm.create(ctxFor('svc_life'));
    expect(again.status === 'awaiting_hardware' ? null : again.panelRef).toBe(created.panelRef);
    expect(userNamed('svc_life')).toHaveLength(1);

    const client = createKasmClient(panel, () => undefined);
    await client.requestKasm({ userId: user!.user_id, imageId: IMAGES.vsCode });
    expect((await kasm.status(ctx)).state).toBe('building');
    await new Promise((r) => setTimeout(r, 80));
    sim.startOutside(KEY, { username: 'svc_life' }, IMAGES.terminal);
    expect(await kasm.status(ctx)).toMatchObject({ state: 'running', details: { sessions: 2, kasmUserId: user!.user_id } });

    await kasm.suspend(ctx);
    expect(userNamed('svc_life')[0]).toMatchObject({ disabled: true, signOuts: 1 });
    expect(sessionsOf(user!.user_id)).toHaveLength(0);
    expect((await kasm.status(ctx)).state).toBe('suspended');
    // A suspended user cannot start a session.
    await expect(client.requestKasm({ userId: user!.user_id, imageId: IMAGES.vsCode })).rejects.toThrow(/disabled/);
    await kasm.suspend(ctx);

    await kasm.unsuspend(ctx);
    expect(userNamed('svc_life')[0]?.disabled).toBe(false);
    expect((await kasm.status(ctx)).state).toBe('stopped');

    await kasm.changePackage(ctx, { imageId: IMAGES.chrome });
    await expect(rejection(kasm.changePackage(ctx, { imageId: 'ffffffffffffffffffffffffffffffff' }))).resolves.toMatchObject({ retryable: false });

    sim.startOutside(KEY, { userId: user!.user_id }, IMAGES.chrome);
    await kasm.terminate(ctx);
    expect(userNamed('svc_life')).toHaveLength(0);
    expect(sessionsOf(user!.user_id)).toHaveLength(0);
    await kasm.terminate(ctx);
    await kasm.terminate(ctxFor('svc_life'));
    expect((await kasm.status(ctx)).state).toBe('missing');
    await expect(rejection(kasm.suspend(ctx))).resolves.toMatchObject({ retryable: false, status: 404 });
  });

  it('re-enables a user a create adopts disabled', async () => {
    const ctx = ctxFor('svc_adopt');
    await kasm.create(ctx);
    await kasm.suspend(ctx);
    await kasm.create(ctxFor('svc_adopt'));
    expect(userNamed('svc_adopt')[0]?.disabled).toBe(false);
  });

  it('checks the image before making anything, and says what the server has', async () => {
    const missing = await rejection(kasm.create(ctxFor('svc_no_image', { imageId: 'ffffffffffffffffffffffffffffffff' })));
    expect(missing).toMatchObject({ retryable: false });
    expect(missing.message).toMatch(/no workspace image ffff.*has: Ubuntu Jammy Desktop/);
    const disabled = await rejection(kasm.create(ctxFor('svc_disabled_image', { imageId: IMAGES.ubuntuFocalDesktop })));
    expect(disabled.message).toMatch(/Ubuntu Focal Desktop is disabled/);
    expect(userNamed('svc_no_image')).toHaveLength(0);
    expect(userNamed('svc_disabled_image')).toHaveLength(0);
    expect(() => kasm.planSettingsSchema.parse({ imageId: 'chrome' })).toThrow();
    expect(() => kasm.planSettingsSchema.parse({})).toThrow();
  });

  it('retries through injected faults and still makes exactly one user', async () => {
    sim.faults.set({ failNext: 2, failStatus: 502 });
    const ctx = ctxFor('svc_faults');
    for (let i = 0; i < 2; i += 1) expect((await rejection(kasm.create(ctx))).retryable).toBe(true);
    await kasm.create(ctx);
    expect(userNamed('svc_faults')).toHaveLength(1);
  });

  it('adopts after a crash right after the user id was remembered, and after a lost create answer', async () => {
    const ctx = ctxFor('svc_crash');
    const crashing: ModuleContext = {
      ...ctx,
      rememberPanelRef: async (ref) => {
        await ctx.rememberPanelRef(ref);
        throw new Error('worker crashed');
      },
    };
    await expect(kasm.create(crashing)).rejects.toThrow('worker crashed');
    await kasm.create(ctx);
    expect(userNamed('svc_crash')).toHaveLength(1);

    const lost = ctxFor('svc_lost');
    await expect(kasm.create({ ...lost, rememberPanelRef: async () => Promise.reject(new Error('connection dropped')) })).rejects.toThrow('connection dropped');
    expect(lost.service.panelRef).toBeNull();
    const adopted = await kasm.create(lost);
    expect(userNamed('svc_lost')).toHaveLength(1);
    expect(adopted.status === 'awaiting_hardware' ? null : adopted.panelRef).toBe(userNamed('svc_lost')[0]?.user_id);
  });

  it('follows a panel ref staff pointed at another user', async () => {
    const client = createKasmClient(panel, () => undefined);
    const other = await client.createUser({ username: 'moved-by-staff', firstName: 'X', lastName: 'Y' });
    const ctx = ctxFor('svc_moved', { panelRef: other.user_id });
    const created = await kasm.create(ctx);
    expect(created.status === 'awaiting_hardware' ? null : created.panelRef).toBe(other.user_id);
    expect(userNamed('svc_moved')).toHaveLength(0);
  });
});
