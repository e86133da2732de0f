import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { createFaults, type Faults, faultsSchema } from '@/sandbox/shared/faults';
import { notFound, readBody, sendHtml, sendJson, type SandboxHandler } from '@/sandbox/shared/http';
import { handleApi, MESSAGES, refusal } from './sim-api';
import { kasmJson } from './sim-json';
import { indexHtml, stateJson } from './sim-pages';
import { findKasm, findUser, newPanel, type Panel, reap, type SimConfig, type SimKasm, type SimUser, startKasm } from './sim-state';

// A stand-in for a Kasm Workspaces server under the sandbox's /kasm prefix: the developer API at
// /kasm/api/public/<call>, an HTML overview at /kasm, and /_control endpoints for faults, timing, state, and
// sessions started or ended "outside the app" (as a person on Kasm's own dashboard would), which the usage
// tracker has to notice on its own.

const PREFIX = '/kasm';

const configSchema = z.object({
  startMs: z.number().int().min(0).max(600_000).optional(),
  sessionLifetimeMs: z.number().int().min(0).max(7 * 24 * 3_600_000).optional(),
  maxSessions: z.number().int().min(0).max(10_000).optional(),
});
const panelRef = { apiKey: z.string().min(1) };
const startSchema = z.object({ ...panelRef, userId: z.string().optional(), username: z.string().optional(), imageId: z.string().min(1) });
const destroySchema = z.object({ ...panelRef, kasmId: z.string().min(1) });

export type KasmSimulatorOptions = Partial<SimConfig>;

export interface KasmSimulator {
  handle: SandboxHandler;
  faults: Faults;
  /** The same snapshot as GET /kasm/_control/state. */
  state: () => ReturnType<typeof stateJson>;
  /** The users and sessions of the server an API key opens (live records; tests read, not write). */
  users: (apiKey: string) => SimUser[];
  sessions: (apiKey: string) => SimKasm[];
  /** Starts or ends a session outside the app, like POST /_control/sessions and /_control/sessions/destroy. */
  startOutside: (apiKey: string, who: { userId?: string; username?: string }, imageId: string) => SimKasm;
  destroyOutside: (apiKey: string, kasmId: string) => boolean;
  configure: (config: Partial<SimConfig>) => SimConfig;
  reset: () => void;
}

async function parseJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req, 10_000)) || '{}') as unknown;
  } catch {
    return null;
  }
}

export function createKasmSimulator(opts: KasmSimulatorOptions = {}): KasmSimulator {
  const panels = new Map<string, Panel>();
  const faults = createFaults(() => ({ error_message: 'injected fault (sandbox)' }));
  const config: SimConfig = { startMs: opts.startMs ?? 3000, sessionLifetimeMs: opts.sessionLifetimeMs ?? 3_600_000, maxSessions: opts.maxSessions ?? 20 };
  const ctx = { panels, faults, config: () => config };

  function panelOf(apiKey: string): Panel {
    let panel = panels.get(apiKey);
    if (!panel) {
      panel = newPanel(apiKey);
      panels.set(apiKey, panel);
    }
    reap(panel, config);
    return panel;
  }

  function startOutside(apiKey: string, who: { userId?: string; username?: string }, imageId: string): SimKasm {
    const panel = panelOf(apiKey);
    const user = findUser(panel, { user_id: who.userId, username: who.username });
    if (!user) throw new Error(MESSAGES.noUser);
    const k = startKasm(panel, config, user, imageId, 'outside');
    if (typeof k === 'string') throw new Error(MESSAGES[k]);
    return k;
  }

  function destroyOutside(apiKey: string, id: string): boolean {
    const panel = panelOf(apiKey);
    const k = findKasm(panel, id);
    return k ? panel.kasms.delete(k.kasm_id) : false;
  }

  const reset = () => {
    panels.clear();
    faults.set({ clear: true });
  };

  const handle: SandboxHandler = async (req, res, url) => {
    const path = url.pathname.slice(PREFIX.length) || '/';
    const method = req.method ?? 'GET';
    if (path.startsWith('/api/public/')) return handleApi(ctx, req, res, path.slice('/api/public/'.length));
    if (path === '/' && method === 'GET') return sendHtml(res, 200, indexHtml(panels.values(), faults, config));
    if (path === '/_control/state' && method === 'GET') return sendJson(res, 200, stateJson(panels.values(), faults, config));
    if (method !== 'POST' || !path.startsWith('/_control/')) return notFound(res);
    const body = await parseJson(req);
    switch (path) {
      case '/_control/faults': {
        const parsed = faultsSchema.safeParse(body);
        if (!parsed.success) return sendJson(res, 400, { error: 'invalid_faults', issues: parsed.error.issues });
        faults.set(parsed.data);
        return sendJson(res, 200, faults.state());
      }
      case '/_control/config': {
        const parsed = configSchema.safeParse(body);
        if (!parsed.success) return sendJson(res, 400, { error: 'invalid_config', issues: parsed.error.issues });
        Object.assign(config, Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)));
        return sendJson(res, 200, config);
      }
      case '/_control/reset':
        reset();
        return sendJson(res, 200, { ok: true });
      case '/_control/sessions': {
        const parsed = startSchema.safeParse(body);
        if (!parsed.success) return sendJson(res, 400, { error: 'invalid_session', issues: parsed.error.issues });
        const panel = panelOf(parsed.data.apiKey);
        const user = findUser(panel, { user_id: parsed.data.userId, username: parsed.data.username });
        if (!user) return sendJson(res, 404, { error_message: MESSAGES.noUser });
        const k = startKasm(panel, config, user, parsed.data.imageId, 'outside');
        if (typeof k === 'string') return sendJson(res, 409, refusal(k).body);
        return sendJson(res, 201, { kasm: kasmJson(panel, k, config) });
      }
      case '/_control/sessions/destroy': {
        const parsed = destroySchema.safeParse(body);
        if (!parsed.success) return sendJson(res, 400, { error: 'invalid_session', issues: parsed.error.issues });
        return destroyOutside(parsed.data.apiKey, parsed.data.kasmId) ? sendJson(res, 200, { ok: true }) : sendJson(res, 404, { error_message: MESSAGES.noKasm });
      }
      default:
        return notFound(res);
    }
  };

  return {
    handle,
    faults,
    state: () => stateJson(panels.values(), faults, config),
    users: (apiKey) => [...(panels.get(apiKey)?.users.values() ?? [])],
    sessions: (apiKey) => {
      const panel = panels.get(apiKey);
      if (!panel) return [];
      reap(panel, config);
      return [...panel.kasms.values()];
    },
    startOutside,
    destroyOutside,
    configure: (next) => Object.assign(config, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined))),
    reset,
  };
}
