import { z } from 'zod';
import { createVirtfusionClient, type VfServer, type VfTemplateGroup, type VirtfusionClient } from '@/lib/integrations/virtfusion/client';
import { type ModuleContext, type ProvisioningModule, ProvisioningError, type ServiceDetails, type ServiceStatus } from '../module';
import { hostnameSchema } from '../order-fields';

// VirtFusion VPS: a panel user per customer (tied by relStr = our customer id), a server per service. VirtFusion
// servers carry no external id, so the build names the server after our service id and lookups list the
// customer's servers by that name. Create is: find/create user → adopt or create server → remember its id →
// build. A server that exists but was never built is adopted too (its create answer was lost before we could
// remember it), since every server we make is built straight away.

const id = z.coerce.number().int().positive();

const planSettingsSchema = z.object({
  packageId: id,
  hypervisorGroupId: id,
  ipv4: z.coerce.number().int().min(0).max(8).default(1),
  /** Used when the order names no OS. */
  osTemplateId: id.optional(),
});
type PlanSettings = z.infer<typeof planSettingsSchema>;

const credentialsSchema = z.object({ apiToken: z.string().trim().min(1, 'API token is required') });
const optionsSchema = z.object({});

function settings(raw: Record<string, unknown>): PlanSettings {
  const parsed = planSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new ProvisioningError(`VirtFusion plan settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, false);
  return parsed.data;
}

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The order's `os` as a template id: a number is taken as is, a name ("ubuntu-24.04") is matched against the package's templates. */
async function resolveOs(client: VirtfusionClient, plan: PlanSettings, os: string | undefined): Promise<{ id: number; label: string }> {
  const wanted = os?.trim();
  if (!wanted && plan.osTemplateId === undefined) throw new ProvisioningError('VirtFusion needs an OS: the order has no "os" field and the plan no osTemplateId', false);
  const groups: VfTemplateGroup[] = await client.templates(plan.packageId).catch((err: unknown) => {
    if (err instanceof ProvisioningError && err.status === 404) throw new ProvisioningError(`VirtFusion has no package ${plan.packageId}`, false, 404);
    throw err;
  });
  const all = groups.flatMap((g) => g.templates);
  const byId = (n: number) => all.find((t) => t.id === n);
  const label = (t: { name: string; version: string }) => `${t.name} ${t.version}`;
  if (!wanted || /^\d+$/.test(wanted)) {
    const n = wanted ? Number(wanted) : (plan.osTemplateId as number);
    const t = byId(n);
    if (!t) throw new ProvisioningError(`VirtFusion package ${plan.packageId} has no OS template ${n}`, false);
    return { id: t.id, label: label(t) };
  }
  // Our catalog's option codes ("ubuntu-24-04", "rocky-9") name a template by some of its words.
  const words = normalize(wanted).split(' ');
  const exact = all.find((x) => normalize(`${x.name} ${x.version}`) === words.join(' '));
  const t = exact ?? all.find((x) => words.every((w) => normalize(`${x.name} ${x.version} ${x.variant ?? ''}`).split(' ').includes(w)));
  if (!t) throw new ProvisioningError(`VirtFusion package ${plan.packageId} offers no OS "${wanted}" (has: ${all.map(label).join(', ')})`, false);
  return { id: t.id, label: label(t) };
}

function ips(server: VfServer): string[] {
  return (server.network?.interfaces ?? []).flatMap((i) => (i.ipv4 ?? []).filter((a) => a.enabled !== false).map((a) => a.address));
}

const neverBuilt = (s: VfServer) => s.commissionStatus === 0 && !s.built && !s.tasks?.active;
const building = (s: VfServer) => !!s.tasks?.active || s.state === 'building' || (s.commissionStatus !== 0 && !s.built);

function details(ctx: ModuleContext, server: VfServer, os?: string): ServiceDetails {
  const addresses = ips(server);
  return {
    ...ctx.service.details,
    hostname: server.hostname ?? ctx.service.orderFields.hostname ?? ctx.service.details.hostname,
    os: os ?? ctx.service.details.os ?? ctx.service.orderFields.os,
    ...(addresses.length ? { ips: addresses } : {}),
    panelUrl: ctx.panel.url,
  };
}

/** The panel user for this customer, or null when there is none. */
async function findUser(client: VirtfusionClient, ctx: ModuleContext) {
  return client.userByRelStr(ctx.service.customer.externalId);
}

/** Our server on the panel: by the remembered id, else by name among the customer's servers. */
async function findServer(client: VirtfusionClient, ctx: ModuleContext, userId: number | null): Promise<VfServer | null> {
  if (ctx.service.panelRef) {
    const server = await client.server(ctx.service.panelRef);
    if (server && (userId === null || server.ownerId === userId)) return server;
  }
  if (userId === null) return null;
  const servers = await client.userServers(userId);
  return servers.find((s) => s.name === ctx.service.externalId) ?? null;
}

async function serverIdOrNull(ctx: ModuleContext): Promise<number | null> {
  const client = createVirtfusionClient(ctx.panel, ctx.log);
  if (ctx.service.panelRef && /^\d+$/.test(ctx.service.panelRef)) return Number(ctx.service.panelRef);
  const user = await findUser(client, ctx);
  if (!user) return null;
  const server = await findServer(client, ctx, user.id);
  return server?.id ?? null;
}

async function serverIdOrThrow(ctx: ModuleContext): Promise<number> {
  const found = await serverIdOrNull(ctx);
  if (found === null) throw new ProvisioningError(`VirtFusion has no server for ${ctx.service.externalId}`, false, 404);
  return found;
}

/** A 404 on an action means the server is gone: not something a retry can fix. */
function gone(err: unknown): never {
  if (err instanceof ProvisioningError && err.status === 404) throw new ProvisioningError(`${err.message} (the server no longer exists)`, false, 404);
  throw err;
}

export const virtfusionModule: ProvisioningModule = {
  key: 'virtfusion',
  label: 'VirtFusion',
  serviceTypes: ['vps'],
  planSettingsSchema,
  orderFields: [{ name: 'hostname', label: 'Hostname', help: 'e.g. web1.example.com', schema: hostnameSchema }],
  credentialsSchema,
  optionsSchema,
  powerActions: ['boot', 'shutdown', 'restart', 'poweroff'],

  async testConnection(panel, log) {
    try {
      await createVirtfusionClient(panel, log).connect();
      return { ok: true, message: 'Connected to VirtFusion.' };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },

  async create(ctx) {
    const plan = settings(ctx.service.planSettings);
    const client = createVirtfusionClient(ctx.panel, ctx.log);
    const { customer, externalId, orderFields } = ctx.service;

    let user = await findUser(client, ctx);
    if (!user) {
      try {
        user = await client.createUser({ name: customer.name, email: customer.email, relStr: customer.externalId });
      } catch (err) {
        // A parallel attempt may have made the user between our lookup and our create.
        user = await findUser(client, ctx);
        if (!user) throw err;
      }
    }

    let server = await findServer(client, ctx, user.id);
    if (!server) server = (await client.userServers(user.id)).find(neverBuilt) ?? null;
    // Checked before anything is made, so a bad OS leaves no server behind.
    const os = !server || neverBuilt(server) ? await resolveOs(client, plan, orderFields.os) : null;
    if (!server) server = await client.createServer({ packageId: plan.packageId, userId: user.id, hypervisorId: plan.hypervisorGroupId, ipv4: plan.ipv4 });
    const panelRef = String(server.id);
    if (ctx.service.panelRef !== panelRef) await ctx.rememberPanelRef(panelRef);

    if (os && neverBuilt(server)) {
      const hostname = orderFields.hostname?.trim().toLowerCase() || undefined;
      const built = await client.buildServer(server.id, { operatingSystemId: os.id, name: externalId, ...(hostname ? { hostname } : {}) });
      // VirtFusion makes the root password and shows it in this answer only: store it before anything else can fail.
      const password = built.settings?.decryptedPassword;
      if (password) await ctx.rememberCredentials({ username: 'root', password });
      return { status: 'building', panelRef, details: details(ctx, built, os.label) };
    }
    return { status: building(server) ? 'building' : 'active', panelRef, details: details(ctx, server) };
  },

  async suspend(ctx) {
    const serverId = await serverIdOrThrow(ctx);
    await createVirtfusionClient(ctx.panel, ctx.log).setSuspended(serverId, true).catch(gone);
  },

  async unsuspend(ctx) {
    const serverId = await serverIdOrThrow(ctx);
    await createVirtfusionClient(ctx.panel, ctx.log).setSuspended(serverId, false).catch(gone);
  },

  async terminate(ctx) {
    const serverId = await serverIdOrNull(ctx);
    if (serverId === null) return;
    await createVirtfusionClient(ctx.panel, ctx.log).deleteServer(serverId);
  },

  async changePackage(ctx, newPlanSettings) {
    const plan = settings(newPlanSettings);
    const serverId = await serverIdOrThrow(ctx);
    await createVirtfusionClient(ctx.panel, ctx.log).changePackage(serverId, plan.packageId).catch(gone);
  },

  async status(ctx): Promise<ServiceStatus> {
    const client = createVirtfusionClient(ctx.panel, ctx.log);
    let server: VfServer | null;
    if (ctx.service.panelRef) server = await client.server(ctx.service.panelRef);
    else {
      const user = await findUser(client, ctx);
      server = user ? await findServer(client, ctx, user.id) : null;
    }
    if (!server) return { state: 'missing' };
    const res = server.settings?.resources;
    const mib = 1024 * 1024;
    const gib = 1024 * mib;
    const usage = res
      ? { memoryLimitBytes: (res.memory ?? 0) * mib, diskLimitBytes: (res.storage ?? 0) * gib, ...(res.traffic ? { bandwidthLimitBytes: res.traffic * gib } : {}) }
      : undefined;
    const state: ServiceStatus['state'] = server.suspended
      ? 'suspended'
      : server.buildFailed
        ? 'unknown'
        : neverBuilt(server) || building(server)
          ? 'building'
          : server.remoteState?.running === false
            ? 'stopped'
            : 'running';
    return { state, details: details(ctx, server), ...(usage ? { usage } : {}) };
  },

  async power(ctx, action) {
    const serverId = await serverIdOrThrow(ctx);
    await createVirtfusionClient(ctx.panel, ctx.log).power(serverId, action).catch(gone);
  },

  async ssoLink(ctx) {
    const serverId = await serverIdOrThrow(ctx);
    const tokens = await createVirtfusionClient(ctx.panel, ctx.log).serverLoginTokens(ctx.service.customer.externalId, serverId).catch(gone);
    // endpoint_complete is a path on the panel's host (with the one-time tokens in its query).
    return new URL(tokens.authentication.endpoint_complete, ctx.panel.url).toString();
  },
};
