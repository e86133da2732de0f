import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendEmpty, sendJson } from '@/sandbox/shared/http';
import { notFoundError, readJson, sendError, zodToValidation } from './sim-api';
import { settle, type PanelState, type SimServer } from './sim-state';

// The client API (/api/client/…) with a ptlc_ key: the account, live resource usage and power signals. Like the
// real panel it refuses both while a server is installing or suspended (409).

const powerSchema = z.object({ signal: z.enum(['start', 'stop', 'restart', 'kill']) });

const MB = 1024 * 1024;

/** Plausible, slowly changing usage for a running container. */
function usage(server: SimServer, now: number) {
  if (server.power !== 'running') return { memory_bytes: 0, cpu_absolute: 0, disk_bytes: 180 * MB, network_rx_bytes: 0, network_tx_bytes: 0, uptime: 0 };
  const uptime = Math.max(0, now - server.bootedAt);
  const memLimit = server.limits.memory > 0 ? server.limits.memory * MB : 4096 * MB;
  return {
    memory_bytes: Math.round(memLimit * 0.42),
    cpu_absolute: Math.min(server.limits.cpu || 100, 12.5),
    disk_bytes: 180 * MB,
    network_rx_bytes: 2048 + Math.floor(uptime / 1000) * 4096,
    network_tx_bytes: 1024 + Math.floor(uptime / 1000) * 8192,
    uptime,
  };
}

function unavailable(res: ServerResponse, server: SimServer): boolean {
  if (server.suspended) {
    sendError(res, 409, 'ServerStateConflictException', 'This server is currently suspended and the functionality requested is unavailable.');
    return true;
  }
  if (server.installUntil) {
    sendError(res, 409, 'ServerStateConflictException', 'This server has not yet completed its installation process, please try again later.');
    return true;
  }
  return false;
}

/** Routes one client API call; `parts` is the path after /api/client. */
export async function handleClient(req: IncomingMessage, res: ServerResponse, panel: PanelState, parts: string[]): Promise<void> {
  const method = req.method ?? 'GET';
  const [resource, identifier, action] = parts;
  if (resource === 'account' && !identifier && method === 'GET') {
    return sendJson(res, 200, { object: 'user', attributes: { id: 1, admin: true, username: 'billing', email: 'billing@sandbox.invalid', first_name: 'Billing', last_name: 'Integration', language: 'en' } });
  }
  if (resource !== 'servers' || !identifier) return notFoundError(res);
  const server = [...panel.servers.values()].find((s) => s.identifier === identifier || s.uuid === identifier);
  if (!server) return notFoundError(res);
  settle(server);

  if (action === 'resources' && parts.length === 3 && method === 'GET') {
    if (unavailable(res, server)) return;
    return sendJson(res, 200, { object: 'stats', attributes: { current_state: server.power, is_suspended: server.suspended, resources: usage(server, Date.now()) } });
  }
  if (action === 'power' && parts.length === 3 && method === 'POST') {
    const body = await readJson(req, res);
    if (!body.ok) return;
    const parsed = powerSchema.safeParse(body.json);
    if (!parsed.success) return zodToValidation(res, parsed.error);
    if (unavailable(res, server)) return;
    const signal = parsed.data.signal;
    if (signal === 'start' || signal === 'restart') {
      server.power = 'running';
      server.bootedAt = Date.now();
    } else {
      server.power = 'offline';
    }
    return sendEmpty(res, 204);
  }
  return notFoundError(res);
}
