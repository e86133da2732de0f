import { ProvisioningError } from './provisioning-error';

/** One HTTP exchange with a panel, as the provisioning log keeps it: secrets never reach it. */
export interface PanelHttpEntry {
  method: string;
  /** Path and query, with secret query values (key=, token=, password=) masked. */
  path: string;
  /** The request body with secret-looking fields masked, shortened. */
  requestSummary: string | null;
  status: number | null;
  /** The start of the response body, secrets masked. */
  responseExcerpt: string | null;
  durationMs: number;
  error: string | null;
}

export type PanelHttpLog = (entry: PanelHttpEntry) => void;

const SECRET_KEYS = /pass(word)?|secret|token|api[_-]?key|^key$|authorization|private|credential/i;
const EXCERPT = 500;

/** Masks secret-looking fields anywhere in a JSON value. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) && v !== null && v !== undefined && v !== '' ? '[redacted]' : redact(v)]));
  }
  return value;
}

/** Query strings of links in a body can carry one-time login tokens (panel SSO links): they never reach the log. */
function redactLinks(text: string): string {
  return text.replace(/((?:https?:\/\/|\/)[^\s"'?]*)\?[^\s"']+/g, '$1?[redacted]');
}

function redactText(text: string): string {
  try {
    return redactLinks(JSON.stringify(redact(JSON.parse(text)))).slice(0, EXCERPT);
  } catch {
    return redactLinks(text.replace(/("?(?:password|secret|token|api_?key)"?\s*[:=]\s*)("[^"]*"|[^\s&,]+)/gi, '$1[redacted]')).slice(0, EXCERPT);
  }
}

function redactPath(url: URL): string {
  const q = new URLSearchParams(url.search);
  for (const k of [...q.keys()]) if (SECRET_KEYS.test(k)) q.set(k, '[redacted]');
  const s = q.toString();
  return `${url.pathname}${s ? `?${s}` : ''}`;
}

export interface PanelRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  timeoutMs?: number;
}

export interface PanelResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
}

/**
 * A JSON call to a panel that logs itself. Network failures and timeouts become retryable ProvisioningErrors;
 * the caller decides what each status means (`expect` lists the statuses it handles, others throw: 5xx, 423 and 429
 * retryable, other 4xx not).
 */
export async function panelHttp<T = unknown>(log: PanelHttpLog, req: PanelRequest, expect: number[] = [200, 201, 202, 204]): Promise<PanelResponse<T>> {
  const url = new URL(req.url);
  const started = performance.now();
  const entry: PanelHttpEntry = {
    method: req.method,
    path: redactPath(url),
    requestSummary: req.json === undefined ? null : JSON.stringify(redact(req.json)).slice(0, EXCERPT),
    status: null,
    responseExcerpt: null,
    durationMs: 0,
    error: null,
  };
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: req.method,
      headers: { accept: 'application/json', ...(req.json === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    });
    text = await res.text();
  } catch (err) {
    entry.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    entry.durationMs = Math.round(performance.now() - started);
    log(entry);
    throw new ProvisioningError(`${req.method} ${entry.path} failed: ${entry.error}`, true);
  }
  entry.status = res.status;
  entry.responseExcerpt = text ? redactText(text) : null;
  entry.durationMs = Math.round(performance.now() - started);
  log(entry);
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!expect.includes(res.status)) {
    const retryable = res.status >= 500 || res.status === 423 || res.status === 429 || res.status === 408;
    throw new ProvisioningError(`${req.method} ${entry.path} answered ${res.status}: ${(entry.responseExcerpt ?? '').slice(0, 200)}`, retryable, res.status);
  }
  return { status: res.status, body: body as T, text };
}
