import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Storefront } from '@/db/schema/central';
import { panels, provisioningLog, provisioningRequests, services } from '@/db/schema/storefront';
import type { CartItem } from '@/lib/cart/schemas';
import type { StorefrontDb } from '@/lib/db/connection';
import { runProvisioningRequest } from '@/lib/provisioning/run-request';
import type { SandboxHandle } from '@/sandbox/server';
import { decryptSecret } from '@/lib/security/secret-box';
import { seedSandboxPanels } from '@/lib/setup/seed-panels';
import { cartItemFor } from './factories/catalog';
import { orderAndPayByBank } from './factories/orders';
import { setupShop } from './factories/shop';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

// A login password must survive the worker dying between the panel accepting it and our commit. A proxy in front of
// the sandbox sees what each panel was sent and answered (the stand-ins keep no passwords), and can swallow an answer
// the panel already acted on: the worker then never hears back, exactly as if it had died.

interface Exchange {
  method: string;
  path: string;
  request: unknown;
  status: number;
  response: unknown;
}

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
let proxy: Server;
let proxyUrl = '';
/** Decides per exchange, after the panel answered: relay the answer, or drop the connection without one. */
let onExchange: (e: Exchange) => 'relay' | 'drop' | Promise<'relay' | 'drop'> = () => 'relay';

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  await seedSandboxPanels(db, 'shop');
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length')) as Record<string, string>;
        const answer = await fetch(`${sandbox.url}${req.url ?? '/'}`, { method: req.method, headers, body: body || undefined });
        const text = await answer.text();
        const path = new URL(req.url ?? '/', 'http://proxy.local').pathname;
        if ((await onExchange({ method: req.method ?? 'GET', path, request: json(body), status: answer.status, response: json(text) })) === 'drop') return void res.destroy();
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  for (const [module, path] of [
    ['pterodactyl', '/pterodactyl'],
    ['virtfusion', '/virtfusion'],
    ['synergycp', '/synergycp'],
  ] as const) {
    await db.update(panels).set({ url: `${proxyUrl}${path}` }).where(eq(panels.module, module));
  }
  await control('virtfusion', 'config', { buildMs: 300 });
});
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  await t?.cleanup();
  await sandbox?.close();
});

async function control(vendor: string, what: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/${vendor}/_control/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
}

/** A customer orders one item and pays: a provision request is queued. */
async function orderAndPay(email: string, item: CartItem) {
  const o = await orderAndPayByBank(db, storefront.id, { email, name: 'Cred Tester', password: 'Correct-Horse-42', item });
  return { serviceId: o.service.id, customerPublicId: o.customerPublicId, requestId: o.requestId! };
}

async function storedLogin(serviceId: number): Promise<{ username: string; password: string } | null> {
  const [svc] = await db.select({ credentials: services.credentials }).from(services).where(eq(services.id, serviceId));
  return svc?.credentials ? (JSON.parse(decryptSecret(svc.credentials)) as { username: string; password: string }) : null;
}

/** Neither the provisioning log nor the request rows (the outbox) ever carry the password. */
async function expectNowhereLogged(serviceId: number, password: string) {
  const log = await db.select().from(provisioningLog).where(eq(provisioningLog.serviceId, serviceId));
  const requests = await db.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, serviceId));
  expect(log.length).toBeGreaterThan(0);
  expect(JSON.stringify([log, requests])).not.toContain(password);
}

const run = (requestId: number, attempt: number) => runProvisioningRequest(db, storefront.id, requestId, { attempt, finalAttempt: false, buildWaitMs: 15_000 });

describe('a login password is never lost to a crash', () => {
  it('Pterodactyl: the panel takes the new user, the worker never hears back; the retry adopts the user and the stored password is the panel’s', async () => {
    const o = await orderAndPay('ptero-crash@example.com', await cartItemFor(db, 'minecraft-4gb', { serverName: 'Crash Test' }));
    let sent: { username: string; password: string } | null = null;
    onExchange = (e) => {
      if (e.method !== 'POST' || !e.path.endsWith('/api/application/users') || e.status !== 201) return 'relay';
      const body = e.request as { username: string; password: string };
      sent = { username: body.username, password: body.password };
      return 'drop';
    };
    await expect(run(o.requestId, 1)).rejects.toThrow(/users failed/);
    onExchange = () => 'relay';
    expect(sent).not.toBeNull();
    // Already stored while the worker was "dead": nothing after the panel's answer was needed.
    expect(await storedLogin(o.serviceId)).toEqual(sent);

    expect(await run(o.requestId, 2)).toBe('done');
    expect(await storedLogin(o.serviceId)).toEqual(sent);
    const state = (await (await fetch(`${sandbox.url}/pterodactyl/_control/state`)).json()) as { panels: { users: { username: string; externalId: string | null }[]; servers: { ownerExternalId: string | null }[] }[] };
    const users = state.panels.flatMap((p) => p.users).filter((u) => u.externalId === o.customerPublicId);
    expect(users.map((u) => u.username)).toEqual([sent!.username]);
    expect(state.panels.flatMap((p) => p.servers).filter((s) => s.ownerExternalId === o.customerPublicId)).toHaveLength(1);
    await expectNowhereLogged(o.serviceId, sent!.password);
  }, 40_000);

  it('SynergyCP: the panel provisions with our root password, the answer is lost; the retry adopts and keeps it', async () => {
    const o = await orderAndPay('scp-crash@example.com', await cartItemFor(db, 'ded-xeon-e3', { hostname: 'metal-crash.example.com' }));
    let sent: string | null = null;
    onExchange = (e) => {
      if (e.method !== 'POST' || !e.path.endsWith('/server/provision') || e.status >= 300) return 'relay';
      sent = (e.request as { password: string }).password;
      return 'drop';
    };
    await expect(run(o.requestId, 1)).rejects.toThrow(/failed/);
    onExchange = () => 'relay';
    expect(sent).not.toBeNull();
    expect(await run(o.requestId, 2)).toBe('done');
    expect(await storedLogin(o.serviceId)).toEqual({ username: 'root', password: sent });
    await expectNowhereLogged(o.serviceId, sent!);
  });

  it('VirtFusion: the root password from the build answer is stored before the next panel call, which fails', async () => {
    const o = await orderAndPay('vf-crash@example.com', await cartItemFor(db, 'vps-starter', { hostname: 'crash.example.com' }));
    let built: string | null = null;
    onExchange = async (e): Promise<'relay'> => {
      if (e.method === 'POST' && /\/servers\/\d+\/build$/.test(e.path) && e.status === 200) {
        built = (e.response as { data: { settings: { decryptedPassword: string } } }).data.settings.decryptedPassword;
        onExchange = () => 'relay';
        // The first call after the build (the pipeline's status poll) fails.
        await control('virtfusion', 'faults', { failNext: 1, failStatus: 503 });
      }
      return 'relay';
    };
    await expect(run(o.requestId, 1)).rejects.toThrow(/503/);
    expect(built).not.toBeNull();
    expect(await storedLogin(o.serviceId)).toEqual({ username: 'root', password: built });
    expect(await run(o.requestId, 2)).toBe('done');
    expect(await storedLogin(o.serviceId)).toEqual({ username: 'root', password: built });
    await expectNowhereLogged(o.serviceId, built!);
  });
});
