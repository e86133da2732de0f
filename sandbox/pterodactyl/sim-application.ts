import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendEmpty, sendJson } from '@/sandbox/shared/http';
import { notFoundError, readJson, sendError, validationError, zodToValidation } from './sim-api';
import { EGGS, eggObject, LOCATIONS, NESTS, newUuid, nowIso, type PanelState, serverObject, type SimServer, userAttributes } from './sim-state';

// The application API (/api/application/…): users, servers, nests/eggs. Rules follow the panel's request
// validation closely enough that a module which passes here passes on a real panel.

const limit = (min: number) => z.number().int().min(min);

const userSchema = z.object({
  email: z.email().max(191),
  username: z.string().min(1).max(191).regex(/^[a-z0-9]([\w.-]*[a-z0-9])?$/, 'must be lowercase letters, digits, . _ -'),
  first_name: z.string().min(1).max(191),
  last_name: z.string().min(1).max(191),
  external_id: z.string().min(1).max(191).nullish(),
  password: z.string().nullish(),
});

const featureLimitsSchema = z.object({ databases: limit(0), allocations: limit(0), backups: limit(0) });
const limitsSchema = z.object({ memory: limit(-1), swap: limit(-1), disk: limit(-1), io: z.number().int().min(10).max(1000), cpu: limit(0) });

const serverSchema = z
  .object({
    external_id: z.string().min(1).max(191).nullish(),
    name: z.string().min(1).max(191),
    user: z.number().int().positive(),
    egg: z.number().int().positive(),
    docker_image: z.string().min(1).max(191),
    startup: z.string().min(1),
    environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    limits: limitsSchema,
    feature_limits: featureLimitsSchema,
    allocation: z.object({ default: z.number().int().positive(), additional: z.array(z.number().int()).optional() }).optional(),
    deploy: z.object({ locations: z.array(z.number().int().min(1)), dedicated_ip: z.boolean(), port_range: z.array(z.string()).default([]) }).optional(),
    start_on_completion: z.boolean().optional(),
  })
  .refine((v) => v.allocation || v.deploy, { message: 'allocation.default or deploy is required', path: ['allocation.default'] });

const buildSchema = limitsSchema.extend({ allocation: z.number().int().positive(), feature_limits: featureLimitsSchema });

export interface AppOptions {
  installMs: number;
}

function findServer(panel: PanelState, id: string): SimServer | undefined {
  return /^\d+$/.test(id) ? panel.servers.get(Number(id)) : undefined;
}

function includes(url: URL): string[] {
  return (url.searchParams.get('include') ?? '').split(',').filter(Boolean);
}

async function createUser(req: IncomingMessage, res: ServerResponse, panel: PanelState): Promise<void> {
  const body = await readJson(req, res);
  if (!body.ok) return;
  const parsed = userSchema.safeParse(body.json);
  if (!parsed.success) return zodToValidation(res, parsed.error);
  const d = parsed.data;
  const taken: { field: string; detail: string }[] = [];
  const users = [...panel.users.values()];
  if (users.some((u) => u.email.toLowerCase() === d.email.toLowerCase())) taken.push({ field: 'email', detail: 'The email has already been taken.' });
  if (users.some((u) => u.username === d.username)) taken.push({ field: 'username', detail: 'The username has already been taken.' });
  if (d.external_id && users.some((u) => u.externalId === d.external_id)) taken.push({ field: 'external_id', detail: 'The external id has already been taken.' });
  if (taken.length) return validationError(res, taken);
  const at = nowIso();
  const user = { id: panel.nextUserId++, uuid: newUuid(), externalId: d.external_id ?? null, username: d.username, email: d.email, firstName: d.first_name, lastName: d.last_name, createdAt: at, updatedAt: at };
  panel.users.set(user.id, user);
  sendJson(res, 201, { object: 'user', attributes: userAttributes(user), meta: { resource: `/api/application/users/${user.id}` } });
}

async function createServer(req: IncomingMessage, res: ServerResponse, panel: PanelState, opts: AppOptions): Promise<void> {
  const body = await readJson(req, res);
  if (!body.ok) return;
  const parsed = serverSchema.safeParse(body.json);
  if (!parsed.success) return zodToValidation(res, parsed.error);
  const d = parsed.data;
  if (!panel.users.has(d.user)) return validationError(res, [{ field: 'user', detail: 'The selected user is invalid.' }]);
  const egg = EGGS.find((e) => e.id === d.egg);
  if (!egg) return validationError(res, [{ field: 'egg', detail: 'The selected egg is invalid.' }]);
  if (d.external_id && [...panel.servers.values()].some((s) => s.externalId === d.external_id)) {
    return validationError(res, [{ field: 'external_id', detail: 'The external id has already been taken.' }]);
  }
  const environment: Record<string, string> = {};
  const missing: { field: string; detail: string }[] = [];
  for (const v of egg.variables) {
    const value = d.environment[v.env];
    if ((value === undefined || value === null || value === '') && v.rules.startsWith('required')) {
      missing.push({ field: `environment.${v.env}`, detail: `The ${v.name} variable field is required.` });
    }
    environment[v.env] = value === undefined || value === null ? '' : String(value);
  }
  if (missing.length) return validationError(res, missing);

  let allocation = d.allocation ? panel.allocations.find((a) => a.id === d.allocation?.default) : undefined;
  if (d.allocation && (!allocation || allocation.serverId !== null)) {
    return validationError(res, [{ field: 'allocation.default', detail: 'The selected allocation.default is invalid or already assigned.' }]);
  }
  if (!allocation && d.deploy) {
    const nodes: number[] = LOCATIONS.filter((l) => d.deploy?.locations.includes(l.id)).map((l) => l.nodeId);
    allocation = panel.allocations.find((a) => a.serverId === null && nodes.includes(a.nodeId));
    if (!allocation) return sendError(res, 400, 'NoViableAllocationException', 'No allocations satisfying the requirements for automatic deployment on this node were found.');
  }
  if (!allocation) return validationError(res, [{ field: 'allocation.default', detail: 'The allocation.default field is required.' }]);

  const id = panel.nextServerId++;
  const uuid = newUuid();
  const at = nowIso();
  const server: SimServer = {
    id,
    uuid,
    identifier: uuid.slice(0, 8),
    externalId: d.external_id ?? null,
    name: d.name,
    userId: d.user,
    nodeId: allocation.nodeId,
    allocationId: allocation.id,
    nestId: egg.nestId,
    eggId: egg.id,
    image: d.docker_image,
    startup: d.startup,
    environment,
    limits: d.limits,
    featureLimits: d.feature_limits,
    suspended: false,
    installUntil: Date.now() + Math.max(1, opts.installMs),
    startOnCompletion: d.start_on_completion ?? false,
    power: 'offline',
    bootedAt: 0,
    createdAt: at,
    updatedAt: at,
  };
  allocation.serverId = id;
  panel.servers.set(id, server);
  sendJson(res, 201, serverObject(panel, server));
}

async function updateBuild(req: IncomingMessage, res: ServerResponse, panel: PanelState, server: SimServer): Promise<void> {
  const body = await readJson(req, res);
  if (!body.ok) return;
  const parsed = buildSchema.safeParse(body.json);
  if (!parsed.success) return zodToValidation(res, parsed.error);
  const { allocation, feature_limits, ...limits } = parsed.data;
  const owned = panel.allocations.find((a) => a.id === allocation && a.serverId === server.id);
  if (!owned) return validationError(res, [{ field: 'allocation', detail: 'The selected allocation is not assigned to this server.' }]);
  server.limits = limits;
  server.featureLimits = feature_limits;
  server.allocationId = allocation;
  server.updatedAt = nowIso();
  sendJson(res, 200, serverObject(panel, server));
}

function deleteServer(res: ServerResponse, panel: PanelState, server: SimServer): void {
  panel.servers.delete(server.id);
  for (const a of panel.allocations) if (a.serverId === server.id) a.serverId = null;
  sendEmpty(res, 204);
}

/** Routes one application API call; `parts` is the path after /api/application, split on "/". */
export async function handleApplication(req: IncomingMessage, res: ServerResponse, url: URL, panel: PanelState, parts: string[], opts: AppOptions): Promise<void> {
  const method = req.method ?? 'GET';
  const [resource, a, b, c] = parts;

  if (resource === 'users') {
    if (!a && method === 'GET') {
      const email = url.searchParams.get('filter[email]')?.toLowerCase();
      const ext = url.searchParams.get('filter[external_id]');
      const data = [...panel.users.values()].filter((u) => (!email || u.email.toLowerCase() === email) && (!ext || u.externalId === ext));
      return sendJson(res, 200, { object: 'list', data: data.map((u) => ({ object: 'user', attributes: userAttributes(u) })), meta: { pagination: { total: data.length, count: data.length, per_page: 50, current_page: 1, total_pages: 1, links: {} } } });
    }
    if (!a && method === 'POST') return createUser(req, res, panel);
    if (a === 'external' && b && !c && method === 'GET') {
      const user = [...panel.users.values()].find((u) => u.externalId === decodeURIComponent(b));
      return user ? sendJson(res, 200, { object: 'user', attributes: userAttributes(user) }) : notFoundError(res);
    }
    if (a && /^\d+$/.test(a) && !b && method === 'GET') {
      const user = panel.users.get(Number(a));
      return user ? sendJson(res, 200, { object: 'user', attributes: userAttributes(user) }) : notFoundError(res);
    }
  }

  if (resource === 'servers') {
    if (!a && method === 'POST') return createServer(req, res, panel, opts);
    if (!a && method === 'GET') {
      const data = [...panel.servers.values()].map((s) => serverObject(panel, s, includes(url)));
      return sendJson(res, 200, { object: 'list', data, meta: { pagination: { total: data.length, count: data.length, per_page: 50, current_page: 1, total_pages: 1, links: {} } } });
    }
    if (a === 'external' && b && !c && method === 'GET') {
      const server = [...panel.servers.values()].find((s) => s.externalId === decodeURIComponent(b));
      return server ? sendJson(res, 200, serverObject(panel, server, includes(url))) : notFoundError(res);
    }
    const server = a ? findServer(panel, a) : undefined;
    if (a && !server) return notFoundError(res);
    if (server) {
      if (!b && method === 'GET') return sendJson(res, 200, serverObject(panel, server, includes(url)));
      if (!b && method === 'DELETE') return deleteServer(res, panel, server);
      if (b === 'force' && !c && method === 'DELETE') return deleteServer(res, panel, server);
      if ((b === 'suspend' || b === 'unsuspend') && !c && method === 'POST') {
        server.suspended = b === 'suspend';
        // Suspending stops the container; unsuspending leaves it off until someone starts it.
        server.power = 'offline';
        server.updatedAt = nowIso();
        return sendEmpty(res, 204);
      }
      if (b === 'build' && !c && method === 'PATCH') return updateBuild(req, res, panel, server);
    }
  }

  if (resource === 'nests' && method === 'GET') {
    if (!a) return sendJson(res, 200, { object: 'list', data: NESTS.map((n) => ({ object: 'nest', attributes: { id: n.id, name: n.name } })) });
    const egg = b === 'eggs' && c ? EGGS.find((e) => e.nestId === Number(a) && e.id === Number(c)) : undefined;
    if (egg && parts.length === 4) return sendJson(res, 200, eggObject(egg, includes(url).includes('variables')));
    return notFoundError(res);
  }

  return notFoundError(res);
}
