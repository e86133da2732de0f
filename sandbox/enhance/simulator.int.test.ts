import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProvisioningError, type ModuleContext, type PanelConnection } from '@/lib/provisioning/module';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { enhanceModule } from '@/lib/provisioning/modules/enhance';
import { createEnhanceSimulator } from './simulator';
import { ENHANCE_SIM_ORG_ID } from './simulator-state';

const sim = createEnhanceSimulator();
let server: Server;
let base: string;
const TOKEN = 'sandbox-enhance-one';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    Promise.resolve(sim.handle(req, res, url)).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => sim.reset());

function panel(token = TOKEN, organizationId = ENHANCE_SIM_ORG_ID): PanelConnection {
  return { url: `${base}/enhance`, credentials: { apiToken: token }, options: { organizationId } };
}

function makeCtx(overrides: { serviceId?: string; customerId?: string; domain?: string; planId?: number; token?: string } = {}) {
  const log: PanelHttpEntry[] = [];
  const remembered: string[] = [];
  const logins: ({ username: string; password: string } | null)[] = [];
  const ctx: ModuleContext = {
    panel: panel(overrides.token),
    service: {
      externalId: overrides.serviceId ?? 'svc_alpha',
      label: 'Web hosting',
      customer: { externalId: overrides.customerId ?? 'cus_jane', email: 'jane@example.com', name: 'Jane Doe' },
      planSettings: { planId: overrides.planId ?? 1 },
      orderFields: { domain: overrides.domain ?? 'jane-example.com' },
      panelRef: null,
      details: {},
    },
    log: (entry) => log.push(entry),
    rememberPanelRef: async (ref) => {
      remembered.push(ref);
      ctx.service.panelRef = ref;
    },
    rememberCredentials: async (login) => {
      logins.push(login);
    },
  };
  return { ctx, log, remembered, logins };
}

const realm = (token = TOKEN) => sim.state.realm(token);
const subs = (token = TOKEN) => [...realm(token).subscriptions.values()];

async function rejection(p: Promise<unknown>): Promise<ProvisioningError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProvisioningError);
  return err as ProvisioningError;
}

describe('Enhance module against the simulator', () => {
  it('creates customer, owner login, subscription and website, and a second create adopts them', async () => {
    const { ctx, remembered, logins } = makeCtx();
    const first = await enhanceModule.create(ctx);
    expect(first.status).toBe('active');
    if (first.status === 'awaiting_hardware') throw new Error('unexpected');
    expect(first.panelRef).toMatch(/^[0-9a-f-]{36}:\d+$/);
    expect(remembered).toEqual([first.panelRef]);
    expect(first.details).toMatchObject({ domain: 'jane-example.com', username: 'jane@example.com', panelUrl: `${base}/enhance/login` });
    expect(logins).toHaveLength(1);
    expect(logins[0]?.username).toBe('jane@example.com');
    expect(logins[0]?.password.length).toBeGreaterThanOrEqual(20);

    const again = makeCtx();
    const second = await enhanceModule.create(again.ctx);
    if (second.status === 'awaiting_hardware') throw new Error('unexpected');
    expect(second.panelRef).toBe(first.panelRef);
    expect(again.logins).toEqual([]);

    const r = realm();
    expect(subs()).toHaveLength(1);
    expect(subs()[0]).toMatchObject({ friendlyName: 'svc_alpha', planId: 1 });
    expect([...r.orgs.values()].filter((o) => o.parentId === ENHANCE_SIM_ORG_ID)).toHaveLength(1);
    expect([...r.orgs.values()][1]?.name).toBe('Jane Doe [cus_jane]');
    expect(r.logins.size).toBe(1);
    expect(r.members.size).toBe(1);
    expect(r.websites.size).toBe(1);
  });

  it('a second service of the same customer reuses the customer org and login', async () => {
    await enhanceModule.create(makeCtx().ctx);
    const other = makeCtx({ serviceId: 'svc_beta', domain: 'beta.example.org' });
    await enhanceModule.create(other.ctx);
    expect(other.logins).toEqual([]);
    expect(subs()).toHaveLength(2);
    expect(realm().logins.size).toBe(1);
    expect([...realm().orgs.values()].filter((o) => o.parentId)).toHaveLength(1);
  });

  it('suspends, unsuspends, reports status with usage, changes plan', async () => {
    const { ctx } = makeCtx();
    await enhanceModule.create(ctx);
    await enhanceModule.suspend(ctx);
    expect(subs()[0]?.suspendedBy).toBe(ENHANCE_SIM_ORG_ID);
    expect((await enhanceModule.status(ctx)).state).toBe('suspended');
    const html = await (await fetch(`${base}/enhance`)).text();
    expect(html).toContain('svc_alpha');
    expect(html).toMatch(/class="status">suspended/);
    const json = (await (await fetch(`${base}/enhance/_control/state`)).json()) as { realms: { subscriptions: { status: string }[] }[] };
    expect(json.realms[0]?.subscriptions[0]?.status).toBe('suspended');

    await enhanceModule.unsuspend(ctx);
    const status = await enhanceModule.status(ctx);
    expect(status.state).toBe('running');
    expect(status.details?.domain).toBe('jane-example.com');
    expect(status.usage?.bandwidthBytes).toBeGreaterThan(0);
    expect(status.usage?.diskLimitBytes).toBe(10 * 1024 ** 3);

    await enhanceModule.changePackage(ctx, { planId: 2 });
    expect(subs()[0]?.planId).toBe(2);
    expect(enhanceModule.powerActions).toEqual([]);
  });

  it('terminates, and terminating again is success', async () => {
    const { ctx } = makeCtx();
    await enhanceModule.create(ctx);
    await enhanceModule.terminate(ctx);
    expect(subs()).toHaveLength(0);
    expect(realm().websites.size).toBe(0);
    await enhanceModule.terminate(ctx);
    expect((await enhanceModule.status(ctx)).state).toBe('missing');
  });

  it('retries through injected faults and still makes exactly one subscription', async () => {
    const { ctx } = makeCtx();
    sim.faults.set({ failNext: 3, failStatus: 503 });
    for (let i = 0; i < 3; i += 1) {
      const err = await rejection(enhanceModule.create(ctx));
      expect(err.retryable).toBe(true);
      expect(err.status).toBe(503);
    }
    const result = await enhanceModule.create(ctx);
    expect(result.status).toBe('active');
    expect(subs()).toHaveLength(1);
  });

  it('adopts after a crash right after rememberPanelRef', async () => {
    const { ctx } = makeCtx();
    const original = ctx.rememberPanelRef;
    ctx.rememberPanelRef = async (ref) => {
      await original(ref);
      throw new Error('simulated crash');
    };
    await expect(enhanceModule.create(ctx)).rejects.toThrow('simulated crash');
    expect(ctx.service.panelRef).not.toBeNull();
    expect(realm().websites.size).toBe(0);

    ctx.rememberPanelRef = original;
    const result = await enhanceModule.create(ctx);
    if (result.status === 'awaiting_hardware') throw new Error('unexpected');
    expect(result.panelRef).toBe(ctx.service.panelRef);
    expect(subs()).toHaveLength(1);
    expect(realm().websites.size).toBe(1);
    expect(realm().logins.size).toBe(1);
  });

  it('adopts a subscription created before a crash that lost the panelRef', async () => {
    const { ctx } = makeCtx();
    ctx.rememberPanelRef = async () => {
      throw new Error('crash before the ref was stored');
    };
    await expect(enhanceModule.create(ctx)).rejects.toThrow('crash');
    expect(ctx.service.panelRef).toBeNull();
    await enhanceModule.create(makeCtx().ctx);
    expect(subs()).toHaveLength(1);
  });

  it('stores the owner login before Enhance sees its password, and a retry after a crash keeps it', async () => {
    const { ctx, logins } = makeCtx();
    const loginsWhenRemembered: number[] = [];
    ctx.rememberCredentials = async (login) => {
      loginsWhenRemembered.push(realm().logins.size);
      logins.push(login);
    };
    const log = ctx.log;
    ctx.log = (e) => {
      log(e);
      if (e.method === 'POST' && e.path.startsWith('/enhance/api/logins') && e.status === 201) throw new Error('worker died');
    };
    await expect(enhanceModule.create(ctx)).rejects.toThrow('worker died');
    expect(loginsWhenRemembered).toEqual([0]);
    expect(realm().logins.size).toBe(1);

    const retry = makeCtx();
    await enhanceModule.create(retry.ctx);
    expect(retry.logins).toEqual([]);
    expect(realm().members.size).toBe(1);
  });

  it('forgets the stored login when Enhance refuses it because the email signs in elsewhere', async () => {
    await enhanceModule.create(makeCtx({ customerId: 'cus_first', serviceId: 'svc_first', domain: 'first.example.com' }).ctx);
    const { ctx, logins } = makeCtx({ customerId: 'cus_second', serviceId: 'svc_second', domain: 'second.example.com' });
    const err = await rejection(enhanceModule.create(ctx));
    expect(err.status).toBe(409);
    expect(logins).toHaveLength(2);
    expect(logins[0]?.password.length).toBeGreaterThanOrEqual(20);
    expect(logins[1]).toBeNull();
  });

  it('reports validation errors as not retryable', async () => {
    const badDomain = await rejection(enhanceModule.create(makeCtx({ domain: 'not a domain' }).ctx));
    expect(badDomain.retryable).toBe(false);
    const badPlan = await rejection(enhanceModule.create(makeCtx({ planId: 999 }).ctx));
    expect(badPlan.retryable).toBe(false);
    expect(badPlan.status).toBe(404);
    expect(subs()).toHaveLength(0);
    expect(enhanceModule.planSettingsSchema.safeParse({ planId: 'x' }).success).toBe(false);
  });

  it('tests the connection', async () => {
    const log: PanelHttpEntry[] = [];
    expect((await enhanceModule.testConnection(panel(), (e) => log.push(e))).ok).toBe(true);
    const bad = await enhanceModule.testConnection(panel('invalid-token-123'), () => undefined);
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/token/i);
    expect((await enhanceModule.testConnection(panel(TOKEN, 'no-such-org'), () => undefined)).ok).toBe(false);
    expect(log).toHaveLength(1);
    expect(log[0]?.path).toBe(`/enhance/api/orgs/${ENHANCE_SIM_ORG_ID}`);
  });

  it('refuses a wrong token with 401, and the module gives up without retrying', async () => {
    const wrongKey = 'an-enhance-token-from-elsewhere';
    const res = await fetch(`${base}/enhance/api/orgs/${ENHANCE_SIM_ORG_ID}`, { headers: { authorization: `Bearer ${wrongKey}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'invalid_session', message: 'Invalid session' });

    expect(await enhanceModule.testConnection(panel(wrongKey), () => undefined)).toMatchObject({ ok: false, message: expect.stringMatching(/refused the API token/) });
    const { ctx } = makeCtx({ token: wrongKey, serviceId: 'svc_wrong_key' });
    const failed = await enhanceModule.create(ctx).then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(ProvisioningError);
    expect(failed).toMatchObject({ retryable: false, status: 401, message: expect.stringMatching(/refused the API token/) });
    expect(sim.state.realms.size).toBe(0);
  });

  it('hands out a one-time sign-in link for the owner', async () => {
    const { ctx } = makeCtx();
    await enhanceModule.create(ctx);
    const link = await enhanceModule.ssoLink!(ctx);
    expect(link).toContain('/enhance/api/login/sessions/sso?otp=');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('jane@example.com');
    expect((await fetch(link)).status).toBe(401);
  });

  it('never logs the generated password or the token', async () => {
    const { ctx, log, logins } = makeCtx();
    await enhanceModule.create(ctx);
    const password = logins[0]?.password;
    if (!password) throw new Error('expected credentials');
    const text = JSON.stringify(log);
    expect(log.some((e) => e.path.startsWith('/enhance/api/logins'))).toBe(true);
    expect(text).not.toContain(password);
    expect(text).not.toContain(TOKEN);
  });

  it('keeps each token in its own realm', async () => {
    await enhanceModule.create(makeCtx().ctx);
    await enhanceModule.create(makeCtx({ token: 'sandbox-enhance-another' }).ctx);
    expect(subs()).toHaveLength(1);
    expect(subs('sandbox-enhance-another')).toHaveLength(1);
  });
});
