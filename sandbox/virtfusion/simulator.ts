import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { createFaults, type Faults, faultsSchema } from '@/sandbox/shared/faults';
import { notFound, readBody, sendHtml, sendJson, type SandboxHandler } from '@/sandbox/shared/http';
import { handleApi } from './sim-api';
import { indexHtml, loginHtml, stateJson } from './sim-pages';
import type { Panel, SimServer } from './sim-state';

// A stand-in for a VirtFusion control panel under the sandbox's /virtfusion prefix: the Global API at
// /virtfusion/api/v1 (users by external relation, servers with a timed build, suspend, power, package change,
// login tokens), an HTML overview at /virtfusion, the page login tokens land on, and /_control endpoints for
// faults, build time and state.

const PREFIX = '/virtfusion';
const configSchema = z.object({ buildMs: z.number().int().min(0).max(600_000) });

export interface VirtfusionSimulatorOptions {
  /** How long a build keeps a server locked (default 3 s). */
  buildMs?: number;
}

export interface VirtfusionSimulator {
  handle: SandboxHandler;
  faults: Faults;
  /** The same snapshot as GET /virtfusion/_control/state. */
  state: () => ReturnType<typeof stateJson>;
  /** The servers of the panel a token opens (live records; tests read, not write). */
  servers: (apiToken: string) => readonly SimServer[];
  setBuildMs: (ms: number) => void;
  reset: () => void;
}

async function parseJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req, 10_000)) || '{}') as unknown;
  } catch {
    return null;
  }
}

export function createVirtfusionSimulator(opts: VirtfusionSimulatorOptions = {}): VirtfusionSimulator {
  const panels = new Map<string, Panel>();
  const faults = createFaults((status) => ({ message: 'injected fault', errors: [`injected fault (${status})`] }));
  let buildMs = opts.buildMs ?? 3000;
  const ctx = { panels, faults, buildMs: () => buildMs };

  function tokenLogin(res: ServerResponse, url: URL): void {
    const key = `${url.searchParams.get('t1') ?? ''}.${url.searchParams.get('t2') ?? ''}`;
    for (const panel of panels.values()) {
      const login = panel.loginTokens.get(key);
      if (!login) continue;
      // Login tokens work once, within their time to live.
      panel.loginTokens.delete(key);
      const server = panel.servers.find((s) => s.id === login.serverId);
      if (login.expires < Date.now() || !server) break;
      return sendHtml(res, 200, loginHtml(panel, login.userId, server));
    }
    sendHtml(res, 403, '<!DOCTYPE html><title>Login failed</title><p>This login link is invalid or has expired.</p>');
  }

  const handle: SandboxHandler = async (req, res, url) => {
    const path = url.pathname.slice(PREFIX.length) || '/';
    const method = req.method ?? 'GET';
    if (path.startsWith('/api/v1/') || path === '/api/v1') return handleApi(ctx, req, res, url, path.slice('/api/v1'.length));
    if (path === '/' && method === 'GET') return sendHtml(res, 200, indexHtml(panels.values(), faults, buildMs));
    if (path === '/token_login' && method === 'GET') return tokenLogin(res, url);
    if (path === '/_control/state' && method === 'GET') return sendJson(res, 200, stateJson(panels.values(), faults, buildMs));
    if (path === '/_control/faults' && method === 'POST') {
      const parsed = faultsSchema.safeParse(await parseJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid_faults', issues: parsed.error.issues });
      faults.set(parsed.data);
      return sendJson(res, 200, faults.state());
    }
    if (path === '/_control/config' && method === 'POST') {
      const parsed = configSchema.safeParse(await parseJson(req));
      if (!parsed.success) return sendJson(res, 400, { error: 'invalid_config', issues: parsed.error.issues });
      buildMs = parsed.data.buildMs;
      return sendJson(res, 200, { buildMs });
    }
    if (path === '/_control/reset' && method === 'POST') {
      panels.clear();
      faults.set({ clear: true });
      return sendJson(res, 200, { ok: true });
    }
    return notFound(res);
  };

  return {
    handle,
    faults,
    state: () => stateJson(panels.values(), faults, buildMs),
    servers: (apiToken) => panels.get(apiToken)?.servers ?? [],
    setBuildMs: (ms) => {
      buildMs = ms;
    },
    reset: () => {
      panels.clear();
      faults.set({ clear: true });
    },
  };
}
