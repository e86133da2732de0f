import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { createFaults, faultsSchema, type Faults } from '@/sandbox/shared/faults';
import { escapeHtml, page, readBody, sendHtml, sendJson, type SandboxHandler } from '@/sandbox/shared/http';
import { clientJson, handleApi, serverJson } from './simulator-api';
import { GROUPS, PREFIX, createWorld, type SimWorld } from './simulator-state';

// Stands in for a SynergyCP install under the sandbox's /synergycp prefix: a panel registered with the URL
// http://<sandbox>/synergycp is the API base, as https://api.<panel> is for a real one. Hardware is limited, so
// tests and people can run out of it (and add more with POST /synergycp/_control/inventory).

const specSchema = z.object({
  groupId: z.number().int().positive().default(1),
  cpu: z.string().min(1).max(100).default('Xeon E-2288G'),
  cores: z.number().int().positive().default(8),
  ramGb: z.number().int().positive().default(64),
  disks: z.array(z.string().min(1).max(50)).max(12).default(['960 GB NVMe', '960 GB NVMe']),
  ips: z.array(z.ipv4()).max(16).optional(),
});

const inventorySchema = z.object({
  /** The API key whose install to change; without it every install seen so far changes. */
  key: z.string().min(1).optional(),
  add: z.array(specSchema).max(50).optional(),
  /** Server ids to take out of inventory (only free ones can go). */
  remove: z.array(z.number().int()).max(100).optional(),
  /** Take every free server out of inventory (to see an order wait for hardware). */
  removeAllFree: z.boolean().optional(),
});

const clientFlagSchema = z.object({ key: z.string().min(1).optional(), billingId: z.string().min(1).optional(), email: z.string().min(1).optional(), vip: z.boolean() });

export interface SynergycpSimulator {
  handle: SandboxHandler;
  world: SimWorld;
  faults: Faults;
  /** Everything as JSON, per API key (what GET /synergycp/_control/state answers). */
  state: () => ReturnType<typeof snapshot>;
  reset: () => void;
}

function snapshot(world: SimWorld) {
  world.settleAll();
  return {
    accounts: [...world.accounts.values()].map((acc) => ({
      key: `${acc.key.slice(0, 4)}…`,
      clients: acc.clients.map(clientJson),
      servers: acc.servers.map((s) => serverJson(acc, s)),
    })),
  };
}

function htmlPage(world: SimWorld): string {
  const data = snapshot(world);
  const sections = data.accounts.map((acc) => {
    const rows = acc.servers
      .map((s) => {
        const state = s.status !== 'In Use' ? s.status : s.is_active ? 'active' : 'suspended';
        return `<tr data-server-id="${s.id}"><td>${escapeHtml(s.srv_id)}</td><td>${escapeHtml(s.group.name)}</td><td>${escapeHtml(s.specs)}</td>
<td>${escapeHtml(s.entities.map((e) => e.full_ip).join(', '))}</td><td>${escapeHtml(s.access?.client.email ?? '—')}</td>
<td>${escapeHtml(s.billing.id ?? '—')}</td><td>${escapeHtml(s.hostname ?? '—')}</td><td class="status">${escapeHtml(state)}</td><td>${escapeHtml(s.power)}</td></tr>`;
      })
      .join('');
    const clients = acc.clients.map((c) => `${escapeHtml(c.email)} (#${c.id}, billing ${escapeHtml(c.billing_id ?? '—')}${c.vip ? ', VIP' : ''})`).join('<br>');
    return `<div class="card"><h2>API key ${escapeHtml(acc.key)}</h2><table><thead><tr><th>Server</th><th>Group</th><th>Specs</th><th>IPs</th>
<th>Client</th><th>Billing id</th><th>Hostname</th><th>Status</th><th>Power</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Clients: ${clients || 'none yet'}</p></div>`;
  });
  return page(
    'SynergyCP',
    `<p>Dedicated-server panel stand-in. Register a panel with the URL <code>http://&lt;sandbox&gt;${PREFIX}</code> and an API key of the
form <code>sandbox-scp-&lt;name&gt;</code> (any other key is refused with 401). Each key is its own install with three free servers in group 1
(${escapeHtml(GROUPS[1])}).</p>${sections.join('') || '<p class="muted">No API key has called yet.</p>'}
<p class="muted">Controls: POST ${PREFIX}/_control/inventory {add, remove, removeAllFree, key?}, ${PREFIX}/_control/client {billingId|email, vip},
${PREFIX}/_control/faults, ${PREFIX}/_control/reset; GET ${PREFIX}/_control/state.</p>`,
  );
}

export function createSynergycpSimulator(opts: { wipeMs?: number } = {}): SynergycpSimulator {
  const world = createWorld({ wipeMs: opts.wipeMs ?? 3000 });
  const faults = createFaults((status) => ({ data: null, error: `Injected fault (${status}).`, messages: [] }));

  async function control(req: IncomingMessage, res: ServerResponse, action: string): Promise<void> {
    let body: unknown;
    try {
      const text = await readBody(req, 100_000);
      body = text ? (JSON.parse(text) as unknown) : {};
    } catch {
      return sendJson(res, 400, { error: 'invalid_json' });
    }
    if (action === 'faults') {
      const parsed = faultsSchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid_request', issues: parsed.error.issues });
      faults.set(parsed.data);
      return sendJson(res, 200, faults.state());
    }
    if (action === 'reset') {
      world.reset();
      faults.set({ clear: true });
      return sendJson(res, 200, { ok: true });
    }
    if (action === 'inventory') {
      const parsed = inventorySchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid_request', issues: parsed.error.issues });
      const accounts = parsed.data.key ? [world.account(parsed.data.key)] : [...world.accounts.values()];
      const refused: number[] = [];
      for (const acc of accounts) {
        for (const spec of parsed.data.add ?? []) world.addServer(acc, spec);
        for (const id of parsed.data.remove ?? []) {
          const s = acc.servers.find((x) => x.id === id);
          if (s && s.status !== 'inventory') refused.push(id);
          else acc.servers = acc.servers.filter((x) => x.id !== id);
        }
        if (parsed.data.removeAllFree) acc.servers = acc.servers.filter((s) => s.status !== 'inventory');
      }
      return sendJson(res, refused.length ? 409 : 200, { refused, state: snapshot(world) });
    }
    if (action === 'client') {
      const parsed = clientFlagSchema.safeParse(body);
      if (!parsed.success || (!parsed.data.billingId && !parsed.data.email)) return sendJson(res, 400, { error: 'invalid_request' });
      const { billingId, email, vip } = parsed.data;
      const accounts = parsed.data.key ? [world.account(parsed.data.key)] : [...world.accounts.values()];
      const matched = accounts.flatMap((a) => a.clients).filter((c) => (billingId && c.billingId === billingId) || (email && c.email.toLowerCase() === email.toLowerCase()));
      for (const c of matched) c.vip = vip;
      return sendJson(res, matched.length ? 200 : 404, { updated: matched.map(clientJson) });
    }
    return sendJson(res, 404, { error: 'not_found' });
  }

  const handle: SandboxHandler = async (req, res, url) => {
    const method = req.method ?? 'GET';
    if ((url.pathname === PREFIX || url.pathname === `${PREFIX}/`) && method === 'GET') return sendHtml(res, 200, htmlPage(world));
    if (url.pathname === `${PREFIX}/_control/state` && method === 'GET') return sendJson(res, 200, snapshot(world));
    const controlMatch = /^\/synergycp\/_control\/([a-z]+)$/.exec(url.pathname);
    if (controlMatch) {
      if (method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
      return control(req, res, controlMatch[1] ?? '');
    }
    if (await faults.apply(res)) return;
    return handleApi(world, req, res, url);
  };

  return { handle, world, faults, state: () => snapshot(world), reset: () => world.reset() };
}
