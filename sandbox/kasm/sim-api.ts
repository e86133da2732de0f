import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSandboxKasmPair } from '@/sandbox/shared/credentials';
import type { Faults } from '@/sandbox/shared/faults';
import { readBody, sendHtml, sendJson } from '@/sandbox/shared/http';
import { imagesJson, kasmJson, kasmStatusJson, userJson } from './sim-json';
import { findKasm, findUser, kasmId, kasmTime, kasmUrl, newPanel, type Panel, reap, type SimConfig, startKasm, type StartRefusal } from './sim-state';

// Kasm's developer API as the stand-in answers it: POST /api/public/<call> with a JSON body carrying api_key and
// api_key_secret (or, as newer versions also take, HTTP Basic key:secret). Only a sandbox pair (sandbox-kasm-<name>
// with sandbox-secret-<name>) is accepted, each opening (and on first use creating) its own server; anything else
// is refused with 403 {"error_message": "Unauthorized"}, what Kasm answers a key it does not accept. Kasm reports
// most other failures as an error_message with HTTP 200, and so does the stand-in.

export interface ApiContext {
  panels: Map<string, Panel>;
  faults: Faults;
  config: () => SimConfig;
}

type Json = Record<string, unknown>;
type Answer = { status: number; body: unknown };

const ok = (body: unknown): Answer => ({ status: 200, body });
const fail = (error_message: string, status = 200): Answer => ({ status, body: { error_message } });

export const MESSAGES = {
  missing: 'Invalid Request: missing required parameters',
  noUser: 'User does not exist',
  noKasm: 'Kasm does not exist',
  taken: 'Username already exists',
  hasSessions: 'Unable to delete user. The user has existing Kasm sessions; set force to delete them as well',
  user_disabled: 'The user is disabled',
  no_image: 'Requested image does not exist',
  image_disabled: 'The requested image is not enabled',
  no_resources: 'No resources are available to create the requested Kasm. Please try again later or contact an Administrator',
} as const;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** The key and secret of a request: from the JSON body, else from an Authorization: Basic header. */
function credentials(req: IncomingMessage, body: Json): { key: string; secret: string } {
  if (body.api_key !== undefined || body.api_key_secret !== undefined) return { key: str(body.api_key), secret: str(body.api_key_secret) };
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Basic ')) return { key: '', secret: '' };
  const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? { key: decoded, secret: '' } : { key: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

function createUser(panel: Panel, body: Json): Answer {
  const t = obj(body.target_user);
  const username = str(t.username);
  if (!username) return fail(MESSAGES.missing, 400);
  if (findUser(panel, { username })) return fail(MESSAGES.taken);
  const user = {
    user_id: kasmId(),
    username,
    first_name: str(t.first_name),
    last_name: str(t.last_name),
    organization: str(t.organization),
    disabled: t.disabled === true,
    locked: t.locked === true,
    created: Date.now(),
    signOuts: 0,
  };
  panel.users.set(user.user_id, user);
  return ok({ user: userJson(panel, user) });
}

function updateUser(panel: Panel, body: Json): Answer {
  const t = obj(body.target_user);
  const user = findUser(panel, { user_id: t.user_id });
  if (!user) return fail(MESSAGES.noUser);
  for (const k of ['username', 'first_name', 'last_name', 'organization'] as const) if (typeof t[k] === 'string') user[k] = str(t[k]);
  if (typeof t.disabled === 'boolean') user.disabled = t.disabled;
  if (typeof t.locked === 'boolean') user.locked = t.locked;
  return ok({ user: userJson(panel, user) });
}

function deleteUser(panel: Panel, body: Json): Answer {
  const user = findUser(panel, { user_id: obj(body.target_user).user_id });
  if (!user) return fail(MESSAGES.noUser);
  const sessions = [...panel.kasms.values()].filter((k) => k.user_id === user.user_id);
  if (sessions.length && body.force !== true) return fail(MESSAGES.hasSessions);
  for (const k of sessions) panel.kasms.delete(k.kasm_id);
  panel.users.delete(user.user_id);
  return ok({});
}

export function refusal(r: StartRefusal): Answer {
  return fail(MESSAGES[r]);
}

function requestKasm(ctx: ApiContext, panel: Panel, body: Json): Answer {
  if (!str(body.user_id) || !str(body.image_id)) return fail(MESSAGES.missing, 400);
  const user = findUser(panel, { user_id: body.user_id });
  if (!user) return fail(MESSAGES.noUser);
  const k = startKasm(panel, ctx.config(), user, body.image_id, 'api', body.enable_sharing === true);
  if (typeof k === 'string') return refusal(k);
  return ok({ kasm_id: k.kasm_id, status: 'starting', share_id: k.share_id, user_id: user.user_id, username: user.username, session_token: k.token, kasm_url: kasmUrl(k) });
}

/** A session of that user, or an answer saying there is none. */
function userKasm(panel: Panel, body: Json) {
  const k = findKasm(panel, body.kasm_id);
  const user = findUser(panel, { user_id: body.user_id });
  return k && user && k.user_id === user.user_id ? k : null;
}

function route(ctx: ApiContext, panel: Panel, call: string, body: Json): Answer | null {
  const config = ctx.config();
  switch (call) {
    case 'get_images':
      return ok(imagesJson());
    case 'create_user':
      return createUser(panel, body);
    case 'get_user': {
      const t = obj(body.target_user);
      if (!str(t.user_id) && !str(t.username)) return fail(MESSAGES.missing, 400);
      const user = findUser(panel, t);
      return user ? ok({ user: userJson(panel, user) }) : fail(MESSAGES.noUser);
    }
    case 'get_users':
      return ok({ users: [...panel.users.values()].map((u) => userJson(panel, u)) });
    case 'update_user':
      return updateUser(panel, body);
    case 'delete_user':
      return deleteUser(panel, body);
    case 'logout_user': {
      const user = findUser(panel, { user_id: obj(body.target_user).user_id });
      if (!user) return fail(MESSAGES.noUser);
      user.signOuts += 1;
      return ok({});
    }
    case 'request_kasm':
      return requestKasm(ctx, panel, body);
    case 'get_kasm_status': {
      const k = userKasm(panel, body);
      return k ? ok(kasmStatusJson(panel, k, config)) : fail(MESSAGES.noKasm);
    }
    case 'get_kasms':
      return ok({ kasms: [...panel.kasms.values()].map((k) => kasmJson(panel, k, config)), current_time: kasmTime(Date.now()) });
    case 'get_user_kasms': {
      const user = findUser(panel, { user_id: body.user_id });
      if (!user) return fail(MESSAGES.noUser);
      const kasms = [...panel.kasms.values()].filter((k) => k.user_id === user.user_id);
      return ok({ kasms: kasms.map((k) => kasmJson(panel, k, config)), current_time: kasmTime(Date.now()) });
    }
    case 'destroy_kasm': {
      const k = userKasm(panel, body);
      if (!k) return fail(MESSAGES.noKasm);
      panel.kasms.delete(k.kasm_id);
      return ok({});
    }
    case 'keepalive': {
      const k = findKasm(panel, body.kasm_id);
      if (!k) return fail(MESSAGES.noKasm);
      k.keepaliveAt = Date.now();
      return ok({ usage_reached: false });
    }
    default:
      return null;
  }
}

/** Handles one POST /kasm/api/public/<call>. */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, call: string): Promise<void> {
  if (await ctx.faults.apply(res)) return;
  // CherryPy, which Kasm's API runs on, answers an unknown path or a body that is not JSON with an HTML page.
  if (req.method !== 'POST') return sendHtml(res, 405, '<!DOCTYPE html><title>405 Method Not Allowed</title><p>Method not allowed.</p>');
  let body: Json;
  try {
    const text = await readBody(req, 100_000);
    const parsed: unknown = text.trim() ? JSON.parse(text) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Json;
  } catch {
    return sendHtml(res, 400, '<!DOCTYPE html><title>400 Bad Request</title><p>Invalid JSON document</p>');
  }
  const { key, secret } = credentials(req, body);
  if (!isSandboxKasmPair(key, secret)) return sendJson(res, 403, { error_message: 'Unauthorized' });
  let panel = ctx.panels.get(key);
  if (!panel) {
    panel = newPanel(key);
    ctx.panels.set(key, panel);
  }
  reap(panel, ctx.config());
  const answer = route(ctx, panel, call, body);
  if (!answer) return sendHtml(res, 404, `<!DOCTYPE html><title>404 Not Found</title><p>The path '/api/public/${escapePath(call)}' was not found.</p>`);
  sendJson(res, answer.status, answer.body);
}

function escapePath(call: string): string {
  return call.replace(/[^A-Za-z0-9_-]/g, '');
}
