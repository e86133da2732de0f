import { panelHttp, type PanelHttpLog } from '@/lib/provisioning/panel-http';
import { ProvisioningError } from '@/lib/provisioning/module';

// A thin SynergyCP API client on top of panelHttp. The panel URL staff enter is the API base (a real install's
// api.<panel> host); the key travels in the `?key=` query as SynergyCP's own PHP client sends it (panelHttp masks it
// in the log). Answers are { data, error, messages } with `error` false on success.

export interface ScpServer {
  id: number;
  srv_id?: string;
  hostname?: string | null;
  nickname?: string | null;
  group?: { id: number; name?: string } | null;
  cpu?: { name?: string; cores?: number } | null;
  mem?: { name?: string; size_gb?: number } | null;
  disks?: { name?: string }[];
  entities?: { full_ip?: string; is_primary?: boolean }[];
  specs?: string;
  status?: string;
  billing?: { id?: string | null } | null;
  access?: { client?: { id: number } | null; is_active?: boolean } | null;
  is_active?: boolean;
  power?: string;
}

export interface ScpClient {
  id: number;
  email: string;
  billing_id?: string | null;
}

interface Envelope<T> {
  data: T;
  error: string | boolean | null;
  messages?: { text?: string }[];
}

interface Page<T> {
  data: T[];
  current_page: number;
  last_page: number;
}

export interface ScpConnection {
  url: string;
  apiKey: string;
}

function endpoint(conn: ScpConnection, path: string, query: Record<string, string | number | boolean | undefined> = {}): string {
  const url = new URL(`${conn.url.replace(/\/+$/, '')}/${path}`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  url.searchParams.set('key', conn.apiKey);
  return url.toString();
}

function messageOf(body: unknown): string {
  if (body && typeof body === 'object') {
    const env = body as Partial<Envelope<unknown>>;
    const text = env.messages?.map((m) => m.text).filter(Boolean).join(' ');
    if (typeof env.error === 'string' && env.error) return text && !text.includes(env.error) ? `${env.error} ${text}` : env.error;
    if (text) return text;
  }
  return typeof body === 'string' ? body.slice(0, 200) : 'no message';
}

/** Turns a non-2xx SynergyCP answer into a ProvisioningError whose message staff can act on. */
export function scpError(what: string, status: number, body: unknown): ProvisioningError {
  const retryable = status >= 500 || status === 408 || status === 423 || status === 429;
  const hint = status === 401 || status === 403 ? ' (SynergyCP refused the API key: check it and the integration permissions)' : '';
  return new ProvisioningError(`SynergyCP ${what} failed (${status}): ${messageOf(body)}${hint}`, retryable, status);
}

const HANDLED = [200, 201, 204, 400, 401, 403, 404, 405, 409, 422];

export interface ScpAnswer<T> {
  status: number;
  body: Envelope<T> | null;
}

/** One call; statuses it doesn't handle (5xx, 423, 429) throw retryable errors inside panelHttp. */
export async function scpCall<T>(
  log: PanelHttpLog,
  conn: ScpConnection,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  opts: { query?: Record<string, string | number | boolean | undefined>; json?: unknown } = {},
): Promise<ScpAnswer<T>> {
  const res = await panelHttp<Envelope<T> | string | null>(log, { method, url: endpoint(conn, path, opts.query), json: opts.json, timeoutMs: 20_000 }, HANDLED);
  const body = res.body && typeof res.body === 'object' ? res.body : null;
  return { status: res.status, body };
}

/** A call that must succeed: any answer but 2xx with `error: false` throws. */
export async function scpOk<T>(log: PanelHttpLog, conn: ScpConnection, what: string, method: 'GET' | 'POST' | 'PATCH', path: string, opts: { query?: Record<string, string | number | boolean | undefined>; json?: unknown } = {}): Promise<T> {
  const res = await scpCall<T>(log, conn, method, path, opts);
  if (res.status >= 300 || !res.body || (res.body.error !== false && res.body.error !== null && res.body.error !== undefined)) throw scpError(what, res.status, res.body);
  return res.body.data;
}

/** Walks a filtered list page by page until `pick` finds something (or `maxPages` pages were read). */
export async function scpFind<T>(log: PanelHttpLog, conn: ScpConnection, what: string, path: string, query: Record<string, string | number | boolean | undefined>, pick: (item: T) => boolean, maxPages = 10): Promise<T | null> {
  for (let page = 1; page <= maxPages; page += 1) {
    const data = await scpOk<Page<T>>(log, conn, what, 'GET', path, { query: { ...query, page, per_page: 100 } });
    const hit = data.data.find(pick);
    if (hit) return hit;
    if (page >= data.last_page) return null;
  }
  return null;
}

export function ipsOf(s: ScpServer): string[] {
  const entities = [...(s.entities ?? [])].sort((a, b) => Number(!!b.is_primary) - Number(!!a.is_primary));
  return entities.map((e) => e.full_ip).filter((ip): ip is string => !!ip);
}

export function specsOf(s: ScpServer): string {
  if (s.specs) return s.specs;
  const disks = (s.disks ?? []).map((d) => d.name).filter(Boolean).join(' + ');
  return [s.cpu?.name, s.mem?.size_gb ? `${s.mem.size_gb} GB` : s.mem?.name, disks].filter(Boolean).join(', ');
}
