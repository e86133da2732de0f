import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { ProvisioningError, type PanelConnection } from '@/lib/provisioning/module';
import { panelHttp, type PanelHttpLog } from '@/lib/provisioning/panel-http';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import {
  anyAnswer,
  imagesAnswer,
  kasmCredentialsSchema,
  kasmsAnswer,
  kasmStatusAnswer,
  keepaliveAnswer,
  maybeUserAnswer,
  requestKasmAnswer,
  userAnswer,
  type KasmImage,
  type KasmSession,
  type KasmUser,
} from './schemas';

// The calls we make to Kasm Workspaces' developer API: every call is POST <server>/api/public/<call> with the API
// key and secret in the JSON body. Kasm reports a failure as {"error_message": …}, with a 4xx or with HTTP 200
// (a full server answers "No resources are available…" with 200), so the body is checked on every answer.
// Panel calls go through panelHttp: the SSRF guard, the timeout and the provisioning log with secrets masked.

export { kasmCredentialsSchema, sameKasmId, kasmDate, type KasmImage, type KasmSession, type KasmUser } from './schemas';

/** Kasm answered, and refused or could not do what was asked (bad key, unknown user, no capacity…). */
export class KasmApiError extends ProvisioningError {
  constructor(
    message: string,
    retryable: boolean,
    status: number | null,
    /** Kasm's own error_message (untrusted text, cleaned), or '' when it gave none. */
    readonly kasmMessage: string,
  ) {
    super(message, retryable, status);
    this.name = 'KasmApiError';
  }
}

/** Kasm did not answer usefully: unreachable, timed out, or a server error. Always worth retrying later. */
export class KasmUnavailableError extends ProvisioningError {
  constructor(message: string, status: number | null = null) {
    super(message, true, status);
    this.name = 'KasmUnavailableError';
  }
}

/** Statuses whose body we read; anything else (5xx, 408, 429…) is panelHttp's retryable error. */
const HANDLED = [200, 201, 204, 400, 401, 403, 404, 409, 422];
const DEFAULT_TIMEOUT_MS = 20_000;

/** Capacity, not configuration: a later try may find a free agent. */
const BUSY = /no resources|resources are (not )?available|try again later|temporarily/i;
const NOT_FOUND = /not found|does not exist|no such|unknown (user|kasm|session)|invalid (user|kasm)(_id)?\b/i;

function errorMessageOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const msg = (body as { error_message?: unknown }).error_message;
  return typeof msg === 'string' && msg.trim() ? cleanUntrustedText(msg, 300) : null;
}

/**
 * Kasm itself said the user or session asked about does not exist. A bare 404 is not enough: a wrong server URL
 * answers that to everything, and taking it for "already gone" would let a termination end having done nothing.
 */
export function isKasmNotFound(err: unknown): boolean {
  return err instanceof KasmApiError && err.kasmMessage !== '' && (err.status === 404 || NOT_FOUND.test(err.kasmMessage));
}

export interface KasmClientOptions {
  /** The whole exchange, connecting and reading included (default 20 s). */
  timeoutMs?: number;
}

export interface NewKasmUser {
  username: string;
  firstName: string;
  lastName: string;
  organization?: string;
  /** Left out, Kasm gets a random one nobody keeps: our customers reach their desktops through session links. */
  password?: string;
}

export interface StartedKasm {
  kasmId: string;
  status: string;
  userId: string | null;
  username: string | null;
  shareId: string | null;
  /** The server's address plus Kasm's kasm_url: opens the session for this user only, never to be reused. */
  url: string;
}

export interface KasmStatus {
  /** starting, running, … (the session's own status when Kasm gives both). */
  status: string;
  message: string | null;
  progress: number | null;
  kasm: KasmSession | null;
  url: string | null;
}

export function createKasmClient(panel: PanelConnection, log: PanelHttpLog, opts: KasmClientOptions = {}) {
  const base = panel.url.replace(/\/+$/, '');
  const creds = kasmCredentialsSchema.safeParse(panel.credentials);
  if (!creds.success) throw new ProvisioningError('The Kasm panel has no API key and secret configured', false);
  const auth = { api_key: creds.data.apiKey, api_key_secret: creds.data.apiKeySecret };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<S extends z.ZodType>(what: string, name: string, body: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
    let res;
    try {
      res = await panelHttp<unknown>(log, { method: 'POST', url: `${base}/api/public/${name}`, json: { ...auth, ...body }, timeoutMs }, HANDLED);
    } catch (err) {
      if (err instanceof ProvisioningError && err.retryable) throw new KasmUnavailableError(`Kasm ${what}: ${err.message}`, err.status);
      // A URL the SSRF guard refused, or a redirect: staff must change the panel's URL.
      if (err instanceof ProvisioningError) throw new KasmApiError(`Kasm ${what}: ${err.message}`, false, err.status, '');
      throw err;
    }
    const message = errorMessageOf(res.body);
    if (res.status === 401 || res.status === 403) {
      const said = message ? `: ${message}` : '';
      throw new KasmApiError(`Kasm ${what}: the server refused the API key (${res.status}${said}); check the panel's key, its secret and the key's permissions`, false, res.status, message ?? '');
    }
    if (message !== null) throw new KasmApiError(`Kasm ${what}: ${message}`, BUSY.test(message), res.status, message);
    if (res.status >= 300) throw new KasmApiError(`Kasm ${what} answered ${res.status}`, false, res.status, '');
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new KasmApiError(`Kasm ${what}: the answer is not what Kasm sends (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unreadable'})`, false, res.status, '');
    }
    return parsed.data;
  }

  /** Null when Kasm says there is no such thing; other failures throw. */
  async function orNull<T>(work: Promise<T>): Promise<T | null> {
    try {
      return await work;
    } catch (err) {
      if (isKasmNotFound(err)) return null;
      throw err;
    }
  }

  const sessionUrl = (path: string) => `${base}${path}`;

  return {
    /** The server's address as staff entered it. */
    base,
    sessionUrl,

    async getImages(): Promise<KasmImage[]> {
      return (await call('image list', 'get_images', {}, imagesAnswer)).images;
    },

    async createUser(input: NewKasmUser): Promise<KasmUser> {
      const target_user = {
        username: input.username,
        first_name: input.firstName,
        last_name: input.lastName,
        organization: input.organization ?? '',
        password: input.password ?? `${randomBytes(24).toString('base64url')}aA1!`,
        locked: false,
        disabled: false,
      };
      return (await call('user create', 'create_user', { target_user }, userAnswer)).user;
    },

    /** The user by id or by username; null when Kasm has none. */
    async getUser(ref: { userId: string } | { username: string }): Promise<KasmUser | null> {
      const target_user = 'userId' in ref ? { user_id: ref.userId } : { username: ref.username };
      const found = await orNull(call('user lookup', 'get_user', { target_user }, maybeUserAnswer));
      return found?.user ?? null;
    },

    /** Changes the flags given and sends the user's names back unchanged, as Kasm's update replaces what it is sent. */
    async updateUser(user: KasmUser, patch: { disabled?: boolean; locked?: boolean }): Promise<KasmUser> {
      const target_user = {
        user_id: user.user_id,
        username: user.username,
        first_name: user.first_name ?? '',
        last_name: user.last_name ?? '',
        disabled: patch.disabled ?? user.disabled ?? false,
        locked: patch.locked ?? user.locked ?? false,
      };
      return (await call('user update', 'update_user', { target_user }, userAnswer)).user;
    },

    /** Ends the user's signed-in Kasm web sessions (a session link signs the browser in). */
    async logoutUser(userId: string): Promise<void> {
      await call('user sign-out', 'logout_user', { target_user: { user_id: userId } }, anyAnswer);
    },

    /** Deletes the user, and with `force` its sessions too. False when it was already gone. */
    async deleteUser(userId: string, force = true): Promise<boolean> {
      return (await orNull(call('user delete', 'delete_user', { target_user: { user_id: userId }, force }, anyAnswer).then(() => true))) === true;
    },

    async requestKasm(input: { userId: string; imageId: string; enableSharing?: boolean; environment?: Record<string, string> }): Promise<StartedKasm> {
      const body = { user_id: input.userId, image_id: input.imageId, enable_sharing: input.enableSharing ?? false, ...(input.environment ? { environment: input.environment } : {}) };
      const r = await call('session start', 'request_kasm', body, requestKasmAnswer);
      return { kasmId: r.kasm_id, status: r.status ?? 'starting', userId: r.user_id ?? null, username: r.username ?? null, shareId: r.share_id ?? null, url: sessionUrl(r.kasm_url) };
    },

    /** Null when the session does not exist (ended, or not this user's). */
    async getKasmStatus(kasmId: string, userId: string): Promise<KasmStatus | null> {
      const r = await orNull(call('session status', 'get_kasm_status', { kasm_id: kasmId, user_id: userId }, kasmStatusAnswer));
      if (!r) return null;
      return {
        status: r.kasm?.operational_status ?? r.operational_status ?? 'unknown',
        message: r.operational_message ?? null,
        progress: r.operational_progress ?? null,
        kasm: r.kasm ?? null,
        url: r.kasm_url ? sessionUrl(r.kasm_url) : null,
      };
    },

    /** Every session on the server (the API key needs Sessions View). */
    async getKasms(): Promise<KasmSession[]> {
      return (await call('session list', 'get_kasms', {}, kasmsAnswer)).kasms ?? [];
    },

    async getUserKasms(userId: string): Promise<KasmSession[]> {
      return (await call('user session list', 'get_user_kasms', { user_id: userId }, kasmsAnswer)).kasms ?? [];
    },

    /** True when destroyed, false when it was already gone. */
    async destroyKasm(kasmId: string, userId: string): Promise<boolean> {
      return (await orNull(call('session end', 'destroy_kasm', { kasm_id: kasmId, user_id: userId }, anyAnswer).then(() => true))) === true;
    },

    /** Pushes the session's expiry back; usageReached means the user's usage limit on Kasm is spent. */
    async keepalive(kasmId: string): Promise<{ usageReached: boolean }> {
      const r = await call('session keepalive', 'keepalive', { kasm_id: kasmId }, keepaliveAnswer);
      return { usageReached: r.usage_reached === true };
    },
  };
}

export type KasmClient = ReturnType<typeof createKasmClient>;
