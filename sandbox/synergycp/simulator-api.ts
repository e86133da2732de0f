import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, sendJson } from '@/sandbox/shared/http';
import { GROUPS, PREFIX, isAcceptedKey, specsOf, type SimAccount, type SimClient, type SimServer, type SimWorld } from './simulator-state';

// SynergyCP's API as its PHP client (synergycp/scp-php-api) and WHMCS module use it: the key in `?key=`, JSON
// bodies, every answer wrapped as { data, error, messages } where `error` is false on success; lists are Laravel
// pages ({ data: [...], current_page, last_page, total }) filtered by query parameters.

function ok(res: ServerResponse, data: unknown, status = 200): void {
  sendJson(res, status, { data, error: false, messages: [] });
}

function fail(res: ServerResponse, status: number, message: string, data: unknown = null): void {
  sendJson(res, status, { data, error: message, messages: [{ text: message, cat: 'danger' }] });
}

export function clientJson(c: SimClient) {
  return { id: c.id, first: c.first, last: c.last, name: `${c.first} ${c.last}`.trim(), email: c.email, billing_id: c.billingId, vip: c.vip };
}

export function serverJson(acc: SimAccount, s: SimServer) {
  const client = s.clientId === null ? null : acc.clients.find((c) => c.id === s.clientId) ?? null;
  return {
    id: s.id,
    srv_id: s.srvId,
    nickname: s.hostname,
    hostname: s.hostname,
    group: { id: s.groupId, name: GROUPS[s.groupId] ?? `Group ${s.groupId}` },
    cpu: { name: s.cpu, cores: s.cores },
    mem: { name: `${s.ramGb} GB`, size_gb: s.ramGb },
    disks: s.disks.map((name, i) => ({ id: i + 1, name })),
    entities: s.ips.map((ip, i) => ({ id: s.id * 100 + i, full_ip: ip, is_primary: i === 0 })),
    specs: specsOf(s),
    status: s.status === 'inventory' ? 'Inventory' : s.status === 'in_use' ? 'In Use' : 'Wiping',
    available: s.status === 'inventory',
    billing: { id: s.billingId },
    access: client ? { client: { id: client.id, name: `${client.first} ${client.last}`.trim(), email: client.email }, is_active: s.isActive } : null,
    is_active: s.isActive,
    power: s.power,
  };
}

function paginate<T>(res: ServerResponse, url: URL, items: T[]): void {
  const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page')) || 20, 1), 1000);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const page = Math.min(Math.max(Number(url.searchParams.get('page')) || 1, 1), lastPage);
  ok(res, { data: items.slice((page - 1) * perPage, page * perPage), current_page: page, last_page: lastPage, per_page: perPage, total: items.length });
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req, 100_000);
  return text ? (JSON.parse(text) as unknown) : {};
}

const flag = z.union([z.boolean(), z.literal(0), z.literal(1), z.enum(['0', '1', 'true', 'false'])]).transform((v) => v === true || v === 1 || v === '1' || v === 'true');
const clientCreate = z.object({ first: z.string().min(1).max(100), last: z.string().max(100).default(''), email: z.email(), billing_id: z.union([z.string(), z.number()]).transform(String).optional() });
const provisionBody = z.object({
  client_id: z.coerce.number().int(),
  server_id: z.coerce.number().int(),
  billing_id: z.union([z.string(), z.number()]).transform(String).optional(),
  hostname: z.string().max(253).optional(),
  password: z.string().optional(),
});
const patchBody = z.object({ is_active: flag.optional(), wiped: flag.optional(), auto: flag.optional(), suspension_reason: z.string().optional(), nickname: z.string().optional() });
const powerBody = z.object({ action: z.enum(['on', 'off', 'reset', 'soft']) });

/** Handles one API call under /synergycp; the caller has applied faults already. */
export async function handleApi(world: SimWorld, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const key = url.searchParams.get('key');
  if (!isAcceptedKey(key)) return fail(res, 401, 'Unauthenticated: invalid API key.');
  const acc = world.account(key);
  const path = url.pathname.slice(PREFIX.length).replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  let body: unknown = {};
  if (method !== 'GET') {
    try {
      body = await jsonBody(req);
    } catch {
      return fail(res, 400, 'Malformed JSON body.');
    }
  }
  const q = url.searchParams;

  if (path === '/client' && method === 'GET') {
    const search = q.get('search')?.toLowerCase();
    const items = acc.clients.filter(
      (c) =>
        (!q.get('billing_id') || c.billingId === q.get('billing_id')) &&
        (!q.get('email') || c.email.toLowerCase() === q.get('email')?.toLowerCase()) &&
        (!search || [c.email, c.billingId ?? '', `${c.first} ${c.last}`].some((v) => v.toLowerCase().includes(search))),
    );
    return paginate(res, url, items.map(clientJson));
  }
  if (path === '/client' && method === 'POST') {
    const parsed = clientCreate.safeParse(body);
    if (!parsed.success) return fail(res, 422, 'The given data was invalid.', { errors: z.flattenError(parsed.error).fieldErrors });
    if (acc.clients.some((c) => c.email.toLowerCase() === parsed.data.email.toLowerCase())) {
      return fail(res, 422, 'The given data was invalid.', { errors: { email: ['The email has already been taken.'] } });
    }
    const client: SimClient = { id: acc.nextClientId++, first: parsed.data.first, last: parsed.data.last, email: parsed.data.email, billingId: parsed.data.billing_id ?? null, vip: false };
    acc.clients.push(client);
    return ok(res, clientJson(client));
  }
  const clientMatch = /^\/client\/(\d+)$/.exec(path);
  if (clientMatch && method === 'GET') {
    const client = acc.clients.find((c) => c.id === Number(clientMatch[1]));
    return client ? ok(res, clientJson(client)) : fail(res, 404, 'Client not found.');
  }

  if (path === '/server' && method === 'GET') {
    const available = q.get('available');
    const search = q.get('search')?.toLowerCase();
    const items = acc.servers.filter(
      (s) =>
        (available === null || (available === 'true' || available === '1') === (s.status === 'inventory')) &&
        (!q.get('group') || s.groupId === Number(q.get('group'))) &&
        (!q.get('billing_id') || s.billingId === q.get('billing_id')) &&
        (!q.get('client') || s.clientId === Number(q.get('client'))) &&
        (!search || [s.srvId, s.hostname ?? '', ...s.ips].some((v) => v.toLowerCase().includes(search))),
    );
    return paginate(res, url, items.map((s) => serverJson(acc, s)));
  }
  if (path === '/server/provision' && method === 'POST') {
    const parsed = provisionBody.safeParse(body);
    if (!parsed.success) return fail(res, 422, 'The given data was invalid.', { errors: z.flattenError(parsed.error).fieldErrors });
    const client = acc.clients.find((c) => c.id === parsed.data.client_id);
    if (!client) return fail(res, 422, 'The given data was invalid.', { errors: { client_id: ['The selected client id is invalid.'] } });
    const server = acc.servers.find((s) => s.id === parsed.data.server_id);
    if (!server) return fail(res, 422, 'The given data was invalid.', { errors: { server_id: ['The selected server id is invalid.'] } });
    if (server.status !== 'inventory') return fail(res, 409, `Server ${server.srvId} is not available for provisioning.`);
    if (parsed.data.billing_id && acc.servers.some((s) => s.billingId === parsed.data.billing_id)) {
      return fail(res, 422, 'The given data was invalid.', { errors: { billing_id: ['The billing id has already been taken.'] } });
    }
    Object.assign(server, { status: 'in_use', clientId: client.id, billingId: parsed.data.billing_id ?? null, isActive: true, power: 'on', hostname: parsed.data.hostname ?? null });
    return ok(res, { server: serverJson(acc, server) });
  }
  const serverMatch = /^\/server\/(\d+)(\/power)?$/.exec(path);
  const server = serverMatch ? acc.servers.find((s) => s.id === Number(serverMatch[1])) : undefined;
  if (serverMatch && !server) return fail(res, 404, 'Server not found.');
  if (server && !serverMatch?.[2] && method === 'GET') return ok(res, serverJson(acc, server));
  if (server && !serverMatch?.[2] && method === 'PATCH') {
    const parsed = patchBody.safeParse(body);
    if (!parsed.success) return fail(res, 422, 'The given data was invalid.', { errors: z.flattenError(parsed.error).fieldErrors });
    const client = acc.clients.find((c) => c.id === server.clientId);
    const suspending = parsed.data.is_active === false || parsed.data.wiped === true;
    // SynergyCP honours a VIP flag only for automatic (billing-driven) actions: staff can still act by hand.
    if (suspending && parsed.data.auto && client?.vip) {
      const what = parsed.data.wiped ? 'wipe' : 'suspension';
      return sendJson(res, 200, { data: { ignored: true }, error: `Automatic ${what} ignored: client ${client.email} is VIP.`, messages: [{ text: `Automatic ${what} ignored because the client is VIP.`, cat: 'warning' }] });
    }
    if (parsed.data.wiped) {
      if (server.status === 'in_use') world.startWipe(server);
    } else if (parsed.data.is_active !== undefined) {
      if (server.status !== 'in_use') return fail(res, 422, `Server ${server.srvId} is not in use.`);
      server.isActive = parsed.data.is_active;
    }
    if (parsed.data.nickname !== undefined && server.status === 'in_use') server.hostname = parsed.data.nickname;
    return ok(res, serverJson(acc, server));
  }
  if (server && serverMatch?.[2] && method === 'POST') {
    const parsed = powerBody.safeParse(body);
    if (!parsed.success) return fail(res, 422, 'The given data was invalid.', { errors: z.flattenError(parsed.error).fieldErrors });
    if (server.status !== 'in_use') return fail(res, 422, `Server ${server.srvId} is not in use.`);
    server.power = parsed.data.action === 'off' || parsed.data.action === 'soft' ? 'off' : 'on';
    return ok(res, { power: server.power });
  }
  return fail(res, serverMatch || clientMatch || path === '/client' || path === '/server' ? 405 : 404, serverMatch || clientMatch ? 'Method not allowed.' : 'Not found.');
}
