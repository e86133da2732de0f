import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendEmpty, sendJson } from '@/sandbox/shared/http';
import { isSandboxCredential, SANDBOX_CREDENTIAL_PREFIX } from '@/sandbox/shared/credentials';
import type { Faults } from '@/sandbox/shared/faults';
import { packageJson, serverJson, templateGroupsJson, userJson } from './sim-json';
import { allocateIps, buildPhase, HYPERVISOR_GROUPS, isLocked, newPanel, newServer, PACKAGES, type Panel, purgeDeleted, type SimServer, type SimUser, TEMPLATES } from './sim-state';

// VirtFusion's Global API (/api/v1) as the stand-in answers it. Only sandbox tokens (sandbox-vf-<name>) are
// accepted, each opening (and on first use creating) its own panel; any other or no token is refused with 401. Validation failures answer 422
// {errors: [...]}, a server busy with a task answers 423, as the real panel does while a server is locked.

export interface ApiContext {
  panels: Map<string, Panel>;
  faults: Faults;
  buildMs: () => number;
}

type Json = Record<string, unknown>;

const POWER_ACTIONS = new Set(['boot', 'shutdown', 'restart', 'poweroff']);

function int(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

function invalid(res: ServerResponse, ...errors: string[]): void {
  sendJson(res, 422, { message: errors[0], errors });
}

function notFound(res: ServerResponse, what: string): void {
  sendJson(res, 404, { message: `${what} not found`, errors: [`${what} not found`] });
}

function locked(res: ServerResponse): void {
  sendJson(res, 423, { message: 'server is locked: a task is in progress', errors: ['server is locked: a task is in progress'] });
}

async function jsonBody(req: IncomingMessage): Promise<Json | null> {
  const text = await readBody(req, 100_000);
  if (!text.trim()) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : null;
  } catch {
    return null;
  }
}

function findByRelation(panel: Panel, ext: string, relStr: boolean): SimUser | undefined {
  return relStr ? panel.users.find((u) => u.relStr === ext) : panel.users.find((u) => u.extRelationId !== null && String(u.extRelationId) === ext);
}

function createUser(panel: Panel, body: Json, res: ServerResponse): void {
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  const extRelationId = body.extRelationId === undefined || body.extRelationId === null ? null : int(body.extRelationId);
  const relStr = typeof body.relStr === 'string' && body.relStr ? body.relStr : null;
  const errors: string[] = [];
  if (!name || name.length > 255) errors.push('The name field is required.');
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) errors.push('The email must be a valid email address.');
  if (body.extRelationId !== undefined && body.extRelationId !== null && extRelationId === null) errors.push('The ext relation id must be an integer.');
  if (panel.users.some((u) => u.email === email)) errors.push('The email has already been taken.');
  if (extRelationId !== null && panel.users.some((u) => u.extRelationId === extRelationId)) errors.push('The ext relation id has already been taken.');
  if (relStr !== null && panel.users.some((u) => u.relStr === relStr)) errors.push('The rel str has already been taken.');
  if (errors.length) return invalid(res, ...errors);
  const user: SimUser = { id: panel.nextUserId, name, email, extRelationId, relStr, created: new Date().toISOString() };
  panel.nextUserId += 1;
  panel.users.push(user);
  sendJson(res, 201, { data: { ...userJson(user), password: randomBytes(12).toString('base64url') } });
}

function createServer(panel: Panel, body: Json, res: ServerResponse): void {
  const packageId = int(body.packageId);
  const userId = int(body.userId);
  const groupId = int(body.hypervisorId);
  const ipv4 = body.ipv4 === undefined ? 1 : int(body.ipv4);
  const errors: string[] = [];
  const pkg = PACKAGES.find((p) => p.id === packageId);
  if (!pkg || !pkg.enabled) errors.push('The selected package id is invalid.');
  if (!panel.users.some((u) => u.id === userId)) errors.push('The selected user id is invalid.');
  if (!HYPERVISOR_GROUPS.some((g) => g.id === groupId)) errors.push('The selected hypervisor id is invalid.');
  if (ipv4 === null || ipv4 < 0 || ipv4 > 8) errors.push('The ipv4 must be between 0 and 8.');
  if (errors.length) return invalid(res, ...errors);
  const ips = allocateIps(panel, ipv4 ?? 0);
  if (!ips) return invalid(res, 'No free IPv4 addresses in the hypervisor group.');
  const server = newServer(panel, { ownerId: userId ?? 0, packageId: packageId ?? 0, hypervisorGroupId: groupId ?? 0, ips });
  sendJson(res, 201, { data: serverJson(panel, server) });
}

function buildServer(ctx: ApiContext, panel: Panel, server: SimServer, body: Json, res: ServerResponse): void {
  const phase = buildPhase(server);
  if (phase === 'building') return locked(res);
  if (phase === 'complete') return invalid(res, 'The server has already been built.');
  const osId = int(body.operatingSystemId);
  const hostname = body.hostname === undefined ? null : body.hostname;
  const name = body.name === undefined ? null : body.name;
  const errors: string[] = [];
  if (!TEMPLATES.some((t) => t.id === osId)) errors.push('The selected operating system id is invalid.');
  if (hostname !== null && (typeof hostname !== 'string' || !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(hostname))) {
    errors.push('The hostname format is invalid.');
  }
  if (name !== null && (typeof name !== 'string' || !name.trim() || name.length > 255)) errors.push('The name must be a string of at most 255 characters.');
  if (errors.length) return invalid(res, ...errors);
  server.osTemplateId = osId;
  if (typeof hostname === 'string') server.hostname = hostname.toLowerCase();
  if (typeof name === 'string') server.name = name.trim();
  server.buildStartedAt = Date.now();
  server.buildMs = ctx.buildMs();
  server.power = 'running';
  server.rootPassword = randomBytes(18).toString('base64url');
  server.updated = new Date().toISOString();
  const data = serverJson(panel, server);
  sendJson(res, 200, { data: { ...data, settings: { ...data.settings, decryptedPassword: server.rootPassword } } });
}

async function serverRoutes(ctx: ApiContext, panel: Panel, req: IncomingMessage, res: ServerResponse, url: URL, parts: string[]): Promise<void> {
  const [, idPart, action, arg] = parts;
  const server = panel.servers.find((s) => String(s.id) === idPart);
  if (!server) return notFound(res, 'server');
  const method = req.method ?? 'GET';
  if (action === undefined) {
    if (method === 'GET') return sendJson(res, 200, { data: serverJson(panel, server, { remoteState: url.searchParams.get('remoteState') === 'true' }) });
    if (method === 'DELETE') {
      if (isLocked(server)) return locked(res);
      const delay = int(url.searchParams.get('delay') ?? '0');
      if (delay === null || delay > 43_800) return invalid(res, 'The delay must be between 0 and 43800.');
      if (delay === 0) panel.servers = panel.servers.filter((s) => s !== server);
      else server.deleteAt = Date.now() + delay * 60_000;
      return sendEmpty(res, 204);
    }
  }
  if (method === 'POST' && action === 'build' && arg === undefined) {
    const body = await jsonBody(req);
    if (!body) return invalid(res, 'The request body must be a JSON object.');
    return buildServer(ctx, panel, server, body, res);
  }
  if (method === 'POST' && (action === 'suspend' || action === 'unsuspend') && arg === undefined) {
    if (isLocked(server)) return locked(res);
    server.suspended = action === 'suspend';
    server.updated = new Date().toISOString();
    return sendEmpty(res, 204);
  }
  if (method === 'POST' && action === 'power' && arg !== undefined && POWER_ACTIONS.has(arg)) {
    if (isLocked(server)) return locked(res);
    if (buildPhase(server) !== 'complete') return sendJson(res, 409, { errors: ['The server has not been built.'] });
    if (server.suspended) return sendJson(res, 409, { errors: ['The server is suspended.'] });
    server.power = arg === 'boot' || arg === 'restart' ? 'running' : 'stopped';
    server.powerActions.push(arg);
    server.updated = new Date().toISOString();
    return sendJson(res, 200, { data: { queueId: Math.floor(Math.random() * 1_000_000) } });
  }
  if (method === 'PUT' && action === 'package' && arg !== undefined) {
    if (isLocked(server)) return locked(res);
    const pkg = PACKAGES.find((p) => String(p.id) === arg);
    if (!pkg || !pkg.enabled) return invalid(res, 'The selected package id is invalid.');
    server.packageId = pkg.id;
    server.updated = new Date().toISOString();
    return sendJson(res, 200, { info: [`package changed to ${pkg.name}`] });
  }
  return notFound(res, 'route');
}

function loginTokens(panel: Panel, user: SimUser, server: SimServer, res: ServerResponse): void {
  const token1 = randomBytes(24).toString('base64url');
  const token2 = randomBytes(24).toString('base64url');
  const ttl = 900;
  panel.loginTokens.set(`${token1}.${token2}`, { userId: user.id, serverId: server.id, expires: Date.now() + ttl * 1000 });
  // Relative to the panel's root, as VirtFusion's endpoint_complete is; our sandbox panel root is /virtfusion.
  const endpoint = '/virtfusion/token_login';
  sendJson(res, 200, {
    data: {
      authentication: {
        tokens: { '1': token1, '2': token2 },
        endpoint,
        endpoint_complete: `${endpoint}?t1=${token1}&t2=${token2}&s=${server.id}`,
        expiry: { ttl, expires: new Date(Date.now() + ttl * 1000).toISOString() },
      },
    },
  });
}

/** Handles one /virtfusion/api/v1/... request; `path` is what follows /api/v1. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
  if (await ctx.faults.apply(res)) return;
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  // Laravel's answer to a missing or unknown Sanctum token, which is what VirtFusion (a Laravel app) sends.
  if (!isSandboxCredential(SANDBOX_CREDENTIAL_PREFIX.virtfusion, token)) return sendJson(res, 401, { message: 'Unauthenticated.' });
  let panel = ctx.panels.get(token);
  if (!panel) {
    panel = newPanel(token);
    ctx.panels.set(token, panel);
  }
  purgeDeleted(panel);
  const method = req.method ?? 'GET';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, second, third, fourth] = parts;
  const relStr = url.searchParams.get('relStr') === 'true';

  if (method === 'GET' && head === 'connect' && parts.length === 1) return sendJson(res, 200, { success: true, message: 'Connection successful' });
  if (method === 'GET' && head === 'packages') {
    if (parts.length === 1) return sendJson(res, 200, { data: PACKAGES.map(packageJson) });
    const pkg = PACKAGES.find((p) => String(p.id) === second);
    return pkg && parts.length === 2 ? sendJson(res, 200, { data: packageJson(pkg) }) : notFound(res, 'package');
  }
  if (method === 'GET' && path === '/compute/hypervisors/groups') {
    const data = HYPERVISOR_GROUPS.map((g) => ({ ...g, label: null, description: '', distributionType: 1, enabled: true, default: g.id === 1 }));
    return sendJson(res, 200, { current_page: 1, data, from: 1, last_page: 1, per_page: 20, to: data.length, total: data.length });
  }
  if (method === 'GET' && head === 'media' && second === 'templates' && third === 'fromServerPackageSpec' && parts.length === 4) {
    return PACKAGES.some((p) => String(p.id) === fourth) ? sendJson(res, 200, { data: templateGroupsJson() }) : notFound(res, 'package');
  }
  if (head === 'users') {
    if (method === 'POST' && parts.length === 1) {
      const body = await jsonBody(req);
      return body ? createUser(panel, body, res) : invalid(res, 'The request body must be a JSON object.');
    }
    const user = second === undefined ? undefined : findByRelation(panel, second, relStr);
    if (method === 'GET' && third === 'byExtRelation' && parts.length === 3) return user ? sendJson(res, 200, { data: userJson(user) }) : notFound(res, 'user');
    if (method === 'POST' && third === 'serverAuthenticationTokens' && parts.length === 4) {
      if (!user) return notFound(res, 'user');
      const server = panel.servers.find((s) => String(s.id) === fourth && s.ownerId === user.id);
      return server ? loginTokens(panel, user, server, res) : notFound(res, 'server');
    }
    return notFound(res, 'route');
  }
  if (head === 'servers') {
    if (parts.length === 1 && method === 'POST') {
      const body = await jsonBody(req);
      return body ? createServer(panel, body, res) : invalid(res, 'The request body must be a JSON object.');
    }
    if (parts.length === 1 && method === 'GET') {
      const data = panel.servers.map((s) => ({ id: s.id, uuid: s.uuid, name: s.name, commissioned: buildPhase(s) === 'complete' ? 1 : 0, owner: s.ownerId, hypervisorId: s.hypervisorGroupId * 10 + 1, suspended: s.suspended, protected: false, updated: s.updated, created: s.created }));
      return sendJson(res, 200, { current_page: 1, data, from: 1, last_page: 1, per_page: data.length, to: data.length, total: data.length });
    }
    if (second === 'user' && parts.length === 3 && method === 'GET') {
      const user = panel.users.find((u) => String(u.id) === third);
      if (!user) return notFound(res, 'user');
      return sendJson(res, 200, { data: panel.servers.filter((s) => s.ownerId === user.id).map((s) => serverJson(panel, s)) });
    }
    return serverRoutes(ctx, panel, req, res, url, parts);
  }
  return notFound(res, 'route');
}
