import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ipsOf, scpCall, scpError, scpFind, scpOk, specsOf, type ScpClient, type ScpConnection, type ScpServer } from '@/lib/integrations/synergycp/client';
import { ProvisioningError, type ModuleContext, type PanelConnection, type PowerAction, type ProvisioningModule, type ServiceDetails } from '../module';
import { hostnameSchema } from '../order-fields';
import type { PanelHttpLog } from '../panel-http';

// SynergyCP sells real hardware from a limited inventory. Our service's public id is the server's billing id and
// the customer's public id the client's billing id, so a retry finds what an earlier attempt provisioned. With no
// free server that fits the plan, the order waits for staff, who pick one (`assignedServerId`) from the admin queue.

const planSettingsSchema = z.object({
  /** SynergyCP server group the plan draws hardware from. */
  groupId: z.coerce.number().int().positive(),
  minRamGb: z.coerce.number().int().positive().optional(),
  /** Case-insensitive part of the CPU model, e.g. "E-2288G". */
  cpuModelContains: z.string().trim().min(1).max(100).optional(),
  /** Staff's pick from the admin queue; also accepted as an order field. */
  assignedServerId: z.coerce.number().int().positive().optional(),
});
type PlanSettings = z.infer<typeof planSettingsSchema>;

const credentialsSchema = z.object({ apiKey: z.string().trim().min(8, 'The SynergyCP API key looks too short.') });
const optionsSchema = z.object({});

const POWER: Record<PowerAction, string> = { boot: 'on', shutdown: 'soft', restart: 'reset', poweroff: 'off' };

function connection(panel: PanelConnection): ScpConnection {
  const parsed = credentialsSchema.safeParse(panel.credentials);
  if (!parsed.success) throw new ProvisioningError('SynergyCP panel has no valid API key; edit the panel and enter one.', false);
  return { url: panel.url, apiKey: parsed.data.apiKey };
}

function settingsOf(ctx: ModuleContext): PlanSettings {
  const parsed = planSettingsSchema.safeParse(ctx.service.planSettings);
  if (!parsed.success) throw new ProvisioningError(`SynergyCP plan settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, false);
  return parsed.data;
}

function detailsOf(s: ScpServer): ServiceDetails {
  const ips = ipsOf(s);
  return { ips, specs: specsOf(s), hostname: s.hostname ?? s.nickname ?? ips[0], serverLabel: s.srv_id };
}

const label = (s: ScpServer) => s.srv_id ?? `#${s.id}`;
const ours = (ctx: ModuleContext) => (s: ScpServer) => s.billing?.id === ctx.service.externalId;

/** The server provisioned for this service (by panelRef, then by billing id), or null when there is none. */
async function findOurServer(ctx: ModuleContext, conn: ScpConnection): Promise<ScpServer | null> {
  if (ctx.service.panelRef && /^\d+$/.test(ctx.service.panelRef)) {
    const res = await scpCall<ScpServer>(ctx.log, conn, 'GET', `server/${ctx.service.panelRef}`);
    if (res.status === 200 && res.body?.data && ours(ctx)(res.body.data)) return res.body.data;
    if (res.status !== 200 && res.status !== 404) throw scpError('server lookup', res.status, res.body);
  }
  return scpFind<ScpServer>(ctx.log, conn, 'server lookup', 'server', { billing_id: ctx.service.externalId }, ours(ctx));
}

async function requireOurServer(ctx: ModuleContext, conn: ScpConnection, action: string): Promise<ScpServer> {
  const server = await findOurServer(ctx, conn);
  if (!server) throw new ProvisioningError(`Cannot ${action}: SynergyCP has no server with billing id ${ctx.service.externalId}.`, false, 404);
  return server;
}

function splitName(name: string, email: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return { first: email.split('@')[0] ?? 'Customer', last: '' };
  return { first: parts[0] ?? '', last: parts.slice(1).join(' ') };
}

async function findClient(ctx: ModuleContext, conn: ScpConnection): Promise<ScpClient | null> {
  const { externalId, email } = ctx.service.customer;
  const byBilling = await scpFind<ScpClient>(ctx.log, conn, 'client lookup', 'client', { billing_id: externalId }, (c) => c.billing_id === externalId);
  if (byBilling) return byBilling;
  const byEmail = await scpFind<ScpClient>(ctx.log, conn, 'client lookup', 'client', { email }, (c) => c.email.toLowerCase() === email.toLowerCase());
  if (!byEmail) return null;
  if (byEmail.billing_id && byEmail.billing_id !== externalId) {
    throw new ProvisioningError(`SynergyCP client #${byEmail.id} already uses ${email} with another billing id (${byEmail.billing_id}); link or rename it on SynergyCP.`, false, 409);
  }
  return byEmail;
}

async function getOrCreateClient(ctx: ModuleContext, conn: ScpConnection): Promise<ScpClient> {
  const found = await findClient(ctx, conn);
  if (found) return found;
  const { externalId, email, name } = ctx.service.customer;
  const res = await scpCall<ScpClient>(ctx.log, conn, 'POST', 'client', { json: { ...splitName(name, email), email, billing_id: externalId } });
  if (res.status < 300 && res.body?.error === false) return res.body.data;
  // Another attempt may have created it a moment ago.
  const again = res.status === 422 ? await findClient(ctx, conn) : null;
  if (again) return again;
  throw scpError('client creation', res.status, res.body);
}

function fits(settings: PlanSettings) {
  return (s: ScpServer) =>
    s.status !== 'In Use' &&
    (!settings.minRamGb || (s.mem?.size_gb ?? 0) >= settings.minRamGb) &&
    (!settings.cpuModelContains || (s.cpu?.name ?? '').toLowerCase().includes(settings.cpuModelContains.toLowerCase()));
}

function wantedText(settings: PlanSettings): string {
  const parts = [`group ${settings.groupId}`];
  if (settings.minRamGb) parts.push(`at least ${settings.minRamGb} GB RAM`);
  if (settings.cpuModelContains) parts.push(`a CPU matching "${settings.cpuModelContains}"`);
  return parts.join(', ');
}

async function assignedServer(ctx: ModuleContext, conn: ScpConnection, id: number): Promise<ScpServer> {
  const res = await scpCall<ScpServer>(ctx.log, conn, 'GET', `server/${id}`);
  if (res.status === 404) throw new ProvisioningError(`The assigned SynergyCP server #${id} does not exist.`, false, 404);
  if (res.status !== 200 || !res.body?.data) throw scpError('assigned server lookup', res.status, res.body);
  const server = res.body.data;
  if (server.status !== 'Inventory') throw new ProvisioningError(`The assigned SynergyCP server ${label(server)} is not free (${server.status ?? 'unknown'}); pick another one.`, false, 409);
  return server;
}

/** SynergyCP answers 200 with data.ignored when it skips an automatic action for a VIP client. */
async function patchServer(ctx: ModuleContext, conn: ScpConnection, server: ScpServer, json: Record<string, unknown>, action: string): Promise<void> {
  const res = await scpCall<{ ignored?: boolean } | ScpServer>(ctx.log, conn, 'PATCH', `server/${server.id}`, { json });
  const data = res.body?.data as { ignored?: boolean } | null | undefined;
  if (res.status < 300 && data?.ignored) {
    throw new ProvisioningError(`SynergyCP ignored the automatic ${action} of server ${label(server)} because its client is VIP there. Do it by hand on SynergyCP or remove the client's VIP flag, then retry.`, false, res.status);
  }
  if (res.status >= 300 || res.body?.error !== false) throw scpError(`${action} of server ${label(server)}`, res.status, res.body);
}

export const synergycpModule: ProvisioningModule = {
  key: 'synergycp',
  label: 'SynergyCP',
  serviceTypes: ['dedicated'],
  planSettingsSchema,
  orderFields: [{ name: 'hostname', label: 'Hostname', help: 'e.g. db1.example.com', schema: hostnameSchema }],
  credentialsSchema,
  optionsSchema,
  powerActions: ['boot', 'shutdown', 'restart', 'poweroff'],

  async testConnection(panel: PanelConnection, log: PanelHttpLog) {
    try {
      const conn = connection(panel);
      await scpOk(log, conn, 'connection test', 'GET', 'client', { query: { per_page: 1 } });
      return { ok: true, message: 'Connected to SynergyCP.' };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },

  async create(ctx) {
    const conn = connection(ctx.panel);
    const settings = settingsOf(ctx);
    const existing = await findOurServer(ctx, conn);
    if (existing) {
      if (ctx.service.panelRef !== String(existing.id)) await ctx.rememberPanelRef(String(existing.id));
      return { status: 'active', panelRef: String(existing.id), details: detailsOf(existing) };
    }
    const client = await getOrCreateClient(ctx, conn);
    const assignedRaw = ctx.service.orderFields.assignedServerId;
    const assignedId = assignedRaw && /^\d+$/.test(assignedRaw) ? Number(assignedRaw) : settings.assignedServerId;
    const server = assignedId
      ? await assignedServer(ctx, conn, assignedId)
      : await scpFind<ScpServer>(ctx.log, conn, 'inventory search', 'server', { available: true, group: settings.groupId }, fits(settings));
    if (!server) return { status: 'awaiting_hardware', reason: `No free SynergyCP server in ${wantedText(settings)}; assign one from the queue or add hardware.` };

    const password = randomBytes(18).toString('base64url');
    const hostname = ctx.service.orderFields.hostname?.trim() || undefined;
    // Stored before SynergyCP sees it: if it takes the password and we die, the retry adopts the server by billing id.
    await ctx.rememberCredentials({ username: 'root', password });
    const res = await scpCall<{ server: ScpServer }>(ctx.log, conn, 'POST', 'server/provision', {
      json: { client_id: client.id, server_id: server.id, billing_id: ctx.service.externalId, hostname, password },
    });
    if (res.status >= 300 || res.body?.error !== false) {
      // A concurrent attempt may have won; adopt its server rather than fail.
      const raced = await findOurServer(ctx, conn);
      if (raced) {
        await ctx.rememberPanelRef(String(raced.id));
        return { status: 'active', panelRef: String(raced.id), details: detailsOf(raced) };
      }
      if (res.status === 409 && !assignedId) throw new ProvisioningError(`SynergyCP server ${label(server)} was taken meanwhile; trying again picks another.`, true, 409);
      throw scpError(`provisioning of server ${label(server)}`, res.status, res.body);
    }
    const provisioned = res.body.data.server;
    await ctx.rememberPanelRef(String(provisioned.id));
    return { status: 'active', panelRef: String(provisioned.id), details: detailsOf(provisioned) };
  },

  async suspend(ctx) {
    const conn = connection(ctx.panel);
    const server = await requireOurServer(ctx, conn, 'suspend');
    await patchServer(ctx, conn, server, { is_active: 0, auto: true, suspension_reason: 'Suspended by billing' }, 'suspension');
  },

  async unsuspend(ctx) {
    const conn = connection(ctx.panel);
    const server = await requireOurServer(ctx, conn, 'unsuspend');
    await patchServer(ctx, conn, server, { is_active: 1 }, 'unsuspension');
  },

  async terminate(ctx) {
    const conn = connection(ctx.panel);
    const server = await findOurServer(ctx, conn);
    if (!server) return;
    // Wiping releases the server: SynergyCP wipes the disks and returns it to inventory on its own.
    await patchServer(ctx, conn, server, { wiped: 1, auto: true }, 'wipe');
  },

  changePackage() {
    return Promise.reject(new ProvisioningError('A SynergyCP dedicated server cannot change package in place: order the new plan and migrate, or have staff move the service to other hardware.', false));
  },

  async status(ctx) {
    const conn = connection(ctx.panel);
    const server = await findOurServer(ctx, conn);
    if (!server) return { state: 'missing' };
    const active = server.access?.is_active ?? server.is_active ?? true;
    const state = !active ? 'suspended' : server.power === 'off' ? 'stopped' : server.power === 'on' ? 'running' : 'unknown';
    return { state, details: detailsOf(server) };
  },

  async power(ctx, action) {
    const conn = connection(ctx.panel);
    const server = await requireOurServer(ctx, conn, `${action} the server`);
    await scpOk(ctx.log, conn, `power ${action} of server ${label(server)}`, 'POST', `server/${server.id}/power`, { json: { action: POWER[action] } });
  },
};
