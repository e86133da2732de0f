import { ProvisioningError, type CreateResult, type ModuleContext, type PowerAction, type ProvisioningModule, type ServiceStatus } from '../module';
import { panelHttp } from '../panel-http';
import { serverNameSchema } from '../order-fields';
import {
  clientKey,
  credentialsSchema,
  findServer,
  findServerOrThrow,
  generatePassword,
  optionsSchema,
  panelBase,
  planSettingsSchema,
  ptero,
  serverDetails,
  splitName,
  usernameFor,
  type PlanSettings,
  type PteroEgg,
  type PteroServer,
  type PteroUser,
} from '@/lib/integrations/pterodactyl/client';

// Pterodactyl game servers. The panel user is keyed by our customer public id (external_id), the server by our
// service public id, so `create` always finds and adopts what an earlier attempt made. Power and live usage need
// the optional client key (the application API cannot see a container's state).

const POWER_SIGNAL: Record<PowerAction, 'start' | 'stop' | 'restart' | 'kill'> = { boot: 'start', shutdown: 'stop', restart: 'restart', poweroff: 'kill' };
const MB = 1024 * 1024;

function settings(raw: Record<string, unknown>): PlanSettings {
  const parsed = planSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new ProvisioningError(`Pterodactyl plan settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, false);
  return parsed.data;
}

function options(ctx: Pick<ModuleContext, 'panel'>) {
  return optionsSchema.parse(ctx.panel.options ?? {});
}

/**
 * The customer's panel account: found by external id, else created. The login is remembered before the panel sees
 * the password, so a crash after the panel took it leaves it stored; an adopted account keeps what is stored.
 */
async function ensureUser(ctx: ModuleContext): Promise<PteroUser> {
  const { customer } = ctx.service;
  const found = await ptero<PteroUser>(ctx, 'application', { method: 'GET', path: `/users/external/${encodeURIComponent(customer.externalId)}` }, 'look up the customer', true);
  if (found?.data) return found.data;
  const username = usernameFor(customer.email);
  const password = generatePassword();
  const name = splitName(customer.name);
  await ctx.rememberCredentials({ username, password });
  try {
    const created = await ptero<PteroUser>(
      ctx,
      'application',
      { method: 'POST', path: '/users', json: { email: customer.email, username, first_name: name.first, last_name: name.last, external_id: customer.externalId, password } },
      'create the customer',
    );
    if (!created?.data) throw new ProvisioningError('Pterodactyl created the customer but answered without it.', true);
    return created.data;
  } catch (err) {
    // The e-mail already has a panel account made outside billing (or a racing attempt made it): adopt it.
    if (!(err instanceof ProvisioningError) || err.status !== 422) throw err;
    const list = await panelHttp<{ data?: { attributes: PteroUser }[] }>(ctx.log, {
      method: 'GET',
      url: `${panelBase(ctx.panel)}/api/application/users?filter[email]=${encodeURIComponent(customer.email)}`,
      headers: { authorization: `Bearer ${ctx.panel.credentials.applicationKey}`, accept: 'Application/vnd.pterodactyl.v1+json' },
    });
    const existing = list.body.data?.find((u) => u.attributes.email.toLowerCase() === customer.email.toLowerCase());
    if (!existing) throw err;
    // The panel refused our password, so what is stored would not sign in.
    await ctx.rememberCredentials(null);
    return existing.attributes;
  }
}

async function createServer(ctx: ModuleContext, plan: PlanSettings, userId: number): Promise<PteroServer> {
  const egg = await ptero<PteroEgg>(ctx, 'application', { method: 'GET', path: `/nests/${plan.nestId}/eggs/${plan.eggId}?include=variables` }, `read egg ${plan.eggId} of nest ${plan.nestId}`);
  if (!egg?.data) throw new ProvisioningError('Pterodactyl answered the egg without attributes.', true);
  const environment: Record<string, string> = {};
  for (const v of egg.data.relationships?.variables?.data ?? []) environment[v.attributes.env_variable] = v.attributes.default_value ?? '';
  Object.assign(environment, plan.environment ?? {});
  const name = (ctx.service.orderFields.serverName?.trim() || ctx.service.label).slice(0, 191);
  const body = {
    name,
    user: userId,
    egg: plan.eggId,
    docker_image: plan.dockerImage ?? egg.data.docker_image,
    startup: plan.startup ?? egg.data.startup,
    environment,
    limits: { memory: plan.memoryMb, swap: plan.swapMb, disk: plan.diskMb, io: plan.io, cpu: plan.cpuPercent },
    feature_limits: { databases: plan.databases, backups: plan.backups, allocations: plan.allocations },
    deploy: { locations: [plan.locationId], dedicated_ip: false, port_range: [] },
    external_id: ctx.service.externalId,
    start_on_completion: options(ctx).startOnCompletion,
  };
  try {
    const created = await ptero<PteroServer>(ctx, 'application', { method: 'POST', path: '/servers', json: body }, 'create the server');
    if (!created?.data) throw new ProvisioningError('Pterodactyl created the server but answered without it.', true);
    return created.data;
  } catch (err) {
    // A racing attempt created it first (external_id is unique on the panel): adopt that one.
    if (err instanceof ProvisioningError && err.status === 422) {
      const raced = await findServer(ctx);
      if (raced) return raced;
    }
    throw err;
  }
}

export const pterodactylModule: ProvisioningModule = {
  key: 'pterodactyl',
  label: 'Pterodactyl',
  serviceTypes: ['game_server'],
  planSettingsSchema,
  orderFields: [{ name: 'serverName', label: 'Server name', help: 'Shown in the game browser', schema: serverNameSchema }],
  credentialsSchema,
  optionsSchema,
  powerActions: ['boot', 'shutdown', 'restart', 'poweroff'],

  async testConnection(panel, log) {
    try {
      await ptero({ panel, log }, 'application', { method: 'GET', path: '/nests?per_page=1' }, 'list nests');
      if (clientKey(panel)) await ptero({ panel, log }, 'client', { method: 'GET', path: '/account' }, 'read the client key account');
      return { ok: true, message: clientKey(panel) ? 'Application and client keys accepted.' : 'Application key accepted (no client key: no power control or live usage).' };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },

  async create(ctx): Promise<CreateResult> {
    const plan = settings(ctx.service.planSettings);
    let server = await findServer(ctx);
    let username = typeof ctx.service.details.username === 'string' ? ctx.service.details.username : undefined;
    if (!server) {
      const owner = await ensureUser(ctx);
      username = owner.username;
      server = await createServer(ctx, plan, owner.id);
    }
    await ctx.rememberPanelRef(String(server.id));
    // The create answer carries no allocations; read the server back for its address.
    const full = await ptero<PteroServer>(ctx, 'application', { method: 'GET', path: `/servers/${server.id}?include=allocations` }, 'read the new server');
    const current = full?.data ?? server;
    const details = serverDetails(ctx, current, username ? { username } : {});
    const status = current.status === 'installing' ? 'building' : 'active';
    return { status, panelRef: String(current.id), details };
  },

  async suspend(ctx) {
    const server = await findServerOrThrow(ctx, 'suspend');
    await ptero(ctx, 'application', { method: 'POST', path: `/servers/${server.id}/suspend` }, 'suspend the server');
  },

  async unsuspend(ctx) {
    const server = await findServerOrThrow(ctx, 'unsuspend');
    await ptero(ctx, 'application', { method: 'POST', path: `/servers/${server.id}/unsuspend` }, 'unsuspend the server');
  },

  async terminate(ctx) {
    const server = await findServer(ctx);
    if (!server) return;
    const path = options(ctx).forceDelete ? `/servers/${server.id}/force` : `/servers/${server.id}`;
    await ptero(ctx, 'application', { method: 'DELETE', path }, 'delete the server', true);
  },

  async changePackage(ctx, newPlanSettings) {
    const plan = settings(newPlanSettings);
    const server = await findServerOrThrow(ctx, 'change the package');
    if (server.egg !== plan.eggId || server.nest !== plan.nestId) {
      throw new ProvisioningError(`Pterodactyl: moving server ${server.id} to another game (egg ${server.egg} → ${plan.eggId}) needs a reinstall; do it in the panel.`, false);
    }
    await ptero(
      ctx,
      'application',
      {
        method: 'PATCH',
        path: `/servers/${server.id}/build`,
        json: {
          allocation: server.allocation,
          memory: plan.memoryMb,
          swap: plan.swapMb,
          disk: plan.diskMb,
          io: plan.io,
          cpu: plan.cpuPercent,
          feature_limits: { databases: plan.databases, backups: plan.backups, allocations: plan.allocations },
        },
      },
      'change the server limits',
    );
  },

  async status(ctx): Promise<ServiceStatus> {
    const server = await findServer(ctx);
    if (!server) return { state: 'missing' };
    const details = serverDetails(ctx, server, ctx.service.details);
    if (server.suspended) return { state: 'suspended', details };
    if (server.status === 'installing') return { state: 'building', details };
    if (server.status) return { state: 'unknown', details };
    // Installed. Only the client API can see the container; without a client key, report what installation was
    // told to leave behind (started or not), so the pipeline can tell "ready" from "still installing".
    if (!clientKey(ctx.panel)) return { state: options(ctx).startOnCompletion ? 'running' : 'stopped', details };
    const stats = await ptero<{ current_state: string; resources: { memory_bytes: number; cpu_absolute: number; disk_bytes: number; network_rx_bytes: number; network_tx_bytes: number } }>(
      ctx,
      'client',
      { method: 'GET', path: `/servers/${server.identifier}/resources` },
      'read live usage',
    );
    const s = stats?.data;
    if (!s) return { state: 'unknown', details };
    const running = s.current_state === 'running' || s.current_state === 'starting';
    return {
      state: running ? 'running' : 'stopped',
      details,
      usage: {
        cpuPercent: s.resources.cpu_absolute,
        memoryBytes: s.resources.memory_bytes,
        ...(server.limits.memory > 0 ? { memoryLimitBytes: server.limits.memory * MB } : {}),
        diskBytes: s.resources.disk_bytes,
        ...(server.limits.disk > 0 ? { diskLimitBytes: server.limits.disk * MB } : {}),
        bandwidthBytes: s.resources.network_rx_bytes + s.resources.network_tx_bytes,
      },
    };
  },

  async power(ctx, action) {
    if (!clientKey(ctx.panel)) throw new ProvisioningError('Pterodactyl power control needs a client API key (ptlc_…) on this panel.', false);
    const identifier = typeof ctx.service.details.identifier === 'string' ? ctx.service.details.identifier : (await findServerOrThrow(ctx, 'send a power signal')).identifier;
    await ptero(ctx, 'client', { method: 'POST', path: `/servers/${identifier}/power`, json: { signal: POWER_SIGNAL[action] } }, `send the ${POWER_SIGNAL[action]} signal`);
  },

  // Pterodactyl core has no SSO, so this is a plain link (not ssoLink): the server's page on the panel, where the
  // customer signs in with the panel account (credentials from create).
  async panelLink(ctx) {
    const identifier = typeof ctx.service.details.identifier === 'string' ? ctx.service.details.identifier : (await findServerOrThrow(ctx, 'link to the server')).identifier;
    return `${panelBase(ctx.panel)}/server/${identifier}`;
  },
};
