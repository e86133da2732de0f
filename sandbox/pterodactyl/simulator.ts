import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFaults, type Faults, faultsSchema } from '@/sandbox/shared/faults';
import { escapeHtml, page, readBody, sendHtml, sendJson, type SandboxHandler } from '@/sandbox/shared/http';
import { notFoundError, Panels, sendError } from './sim-api';
import { handleApplication } from './sim-application';
import { handleClient } from './sim-client';
import { LOCATIONS, serverStatus, settle, type PanelState } from './sim-state';

// Stands in for a Pterodactyl panel under the sandbox's /pterodactyl prefix: a panel's URL in the app is
// http://<sandbox>/pterodactyl and modules append /api/application/… (ptla_ key) or /api/client/… (ptlc_ key).
// New servers install for `installMs` (default 2 s) before they are ready. Controls: POST /_control/faults,
// POST /_control/reset, GET /_control/state; GET /pterodactyl shows every panel's users and servers.

export const PTERODACTYL_PREFIX = '/pterodactyl';

export interface PterodactylSimulatorOptions {
  /** How long a new server stays "installing" (ms). */
  installMs?: number;
}

export interface SimServerView {
  panel: string;
  id: number;
  identifier: string;
  externalId: string | null;
  name: string;
  owner: string | null;
  ownerExternalId: string | null;
  status: 'installing' | 'suspended' | 'active';
  power: 'running' | 'offline';
  address: string | null;
  egg: number;
  memoryMb: number;
  diskMb: number;
  cpuPercent: number;
}

export interface PterodactylSimulator {
  handle: SandboxHandler;
  faults: Faults;
  /** Every panel's servers as the state page shows them. */
  servers(): SimServerView[];
  state(): { panels: { namespace: string; users: { id: number; username: string; email: string; externalId: string | null }[]; servers: SimServerView[] }[]; faults: ReturnType<Faults['state']> };
  reset(): void;
}

function views(panel: PanelState): SimServerView[] {
  return [...panel.servers.values()].map((s) => {
    settle(s);
    const owner = panel.users.get(s.userId);
    const alloc = panel.allocations.find((a) => a.id === s.allocationId);
    const status = serverStatus(s);
    return {
      panel: panel.namespace.slice(0, 6),
      id: s.id,
      identifier: s.identifier,
      externalId: s.externalId,
      name: s.name,
      owner: owner ? owner.username : null,
      ownerExternalId: owner ? owner.externalId : null,
      status: status === null ? 'active' : status,
      power: s.power,
      address: alloc ? `${alloc.ip}:${alloc.port}` : null,
      egg: s.eggId,
      memoryMb: s.limits.memory,
      diskMb: s.limits.disk,
      cpuPercent: s.limits.cpu,
    };
  });
}

function statePage(sim: PterodactylSimulator): string {
  const rows = sim
    .servers()
    .map(
      (s) => `<tr data-external-id="${escapeHtml(s.externalId)}"><td>${escapeHtml(s.panel)}…</td><td>${escapeHtml(s.id)} <span class="muted">${escapeHtml(s.identifier)}</span></td>
<td>${escapeHtml(s.name)}<br><span class="muted">${escapeHtml(s.externalId ?? '—')}</span></td><td>${escapeHtml(s.owner ?? '—')}<br><span class="muted">${escapeHtml(s.ownerExternalId ?? '')}</span></td>
<td class="status">${escapeHtml(s.status)}</td><td>${escapeHtml(s.power)}</td><td>${escapeHtml(s.address ?? '—')}</td><td>${escapeHtml(`${s.memoryMb} MB / ${s.diskMb} MB / ${s.cpuPercent}%`)}</td></tr>`,
    )
    .join('');
  const f = sim.faults.state();
  return page(
    'Pterodactyl',
    `<p>Panel URL for the app: <code>http://&lt;sandbox&gt;${PTERODACTYL_PREFIX}</code>. Only sandbox keys are accepted: <code>ptla_sandbox_&lt;name&gt;</code>
opens its own panel and <code>ptlc_sandbox_&lt;name&gt;</code> is that panel's client key; any other key is refused with 401. Locations: ${LOCATIONS.map((l) => `${l.id} (${escapeHtml(l.short)}, ${l.ip})`).join(', ')};
nests 1 (Minecraft: eggs 1 Paper, 2 Vanilla) and 2 (Source Engine: egg 3 Garry's Mod).</p>
<p class="muted">Faults: failNext ${f.failNext} (status ${f.failStatus}), hangNext ${f.hangNext}, delay ${f.delayMs} ms.</p>
<table><thead><tr><th>Panel</th><th>Server</th><th>Name / external id</th><th>Owner</th><th>Status</th><th>Power</th><th>Address</th><th>Memory / disk / CPU</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8" class="muted">No servers yet.</td></tr>'}</tbody></table>`,
  );
}

async function control(req: IncomingMessage, res: ServerResponse, action: string, sim: PterodactylSimulator): Promise<void> {
  if (action === 'state' && req.method === 'GET') return sendJson(res, 200, sim.state());
  if (action === 'reset' && req.method === 'POST') {
    sim.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (action === 'faults' && req.method === 'POST') {
    let json: unknown;
    try {
      const raw = await readBody(req, 10_000);
      json = raw ? (JSON.parse(raw) as unknown) : {};
    } catch {
      return sendJson(res, 400, { error: 'body must be JSON' });
    }
    const parsed = faultsSchema.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues[0]?.message ?? 'invalid' });
    sim.faults.set(parsed.data);
    return sendJson(res, 200, sim.faults.state());
  }
  return notFoundError(res);
}

export function createPterodactylSimulator(options: PterodactylSimulatorOptions = {}): PterodactylSimulator {
  const installMs = options.installMs ?? 2000;
  const panels = new Panels();
  const faults = createFaults((status) => ({ errors: [{ code: 'HttpException', status: String(status), detail: 'Injected fault (sandbox).' }] }));

  const sim: PterodactylSimulator = {
    faults,
    servers: () => panels.all().flatMap(views),
    state: () => ({
      panels: panels.all().map((p) => ({
        namespace: `${p.namespace.slice(0, 6)}…`,
        users: [...p.users.values()].map((u) => ({ id: u.id, username: u.username, email: u.email, externalId: u.externalId })),
        servers: views(p),
      })),
      faults: faults.state(),
    }),
    reset: () => {
      panels.clear();
      faults.set({ clear: true });
    },
    handle: async (req, res, url) => {
      const path = url.pathname.slice(PTERODACTYL_PREFIX.length).replace(/\/+$/, '');
      if (path === '' && req.method === 'GET') return sendHtml(res, 200, statePage(sim));
      const parts = path.split('/').filter(Boolean);
      if (parts[0] === '_control' && parts.length === 2) return control(req, res, parts[1] ?? '', sim);
      if (parts[0] !== 'api' || (parts[1] !== 'application' && parts[1] !== 'client')) return notFoundError(res);
      if (await faults.apply(res)) return;
      const kind = parts[1] === 'application' ? 'ptla' : 'ptlc';
      const panel = panels.authenticate(req, res, kind);
      if (!panel) return;
      try {
        if (kind === 'ptla') return await handleApplication(req, res, url, panel, parts.slice(2), { installMs });
        return await handleClient(req, res, panel, parts.slice(2));
      } catch (err) {
        if (!res.headersSent) sendError(res, 500, 'HttpException', err instanceof Error ? err.message : String(err));
      }
    },
  };
  return sim;
}
