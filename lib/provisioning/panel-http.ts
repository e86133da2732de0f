import { env } from '@/lib/config/env';
import { outboundPolicy, outboundRequest, OutboundRequestError, type OutboundPolicy, type OutboundResponse } from '@/lib/security/outbound-url';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import { ProvisioningError } from './provisioning-error';

/** One HTTP exchange with a panel, as the provisioning log keeps it: secrets never reach it. */
export interface PanelHttpEntry {
  method: string;
  /** Path and query, with secret query values (key=, token=, password=) masked. */
  path: string;
  /** The request body with secret-looking fields masked, shortened. */
  requestSummary: string | null;
  status: number | null;
  /** The start of the response body (at most 200 characters), secrets masked, control characters removed. */
  responseExcerpt: string | null;
  durationMs: number;
  error: string | null;
}

export type PanelHttpLog = (entry: PanelHttpEntry) => void;

// Kasm's kasm_url carries the session token in its path and a share_id lets anyone join a shared session.
const SECRET_KEYS = /pass(word)?|secret|token|api[_-]?key|^key$|authorization|private|credential|^kasm_url$|^share_id$/i;
const EXCERPT = 500;
/** What staff ever see of a panel's answer: a panel URL can point anywhere, so its body is not ours to show. */
const RESPONSE_EXCERPT = 200;

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
    return redactLinks(JSON.stringify(redact(JSON.parse(text))));
  } catch {
    return redactLinks(text.replace(/("?(?:password|secret|token|api_?key)"?\s*[:=]\s*)("[^"]*"|[^\s&,]+)/gi, '$1[redacted]'));
  }
}

/** A response body as staff may see it: secrets masked, control characters gone, 200 characters at most. */
export function responseExcerpt(text: string): string {
  return cleanUntrustedText(redactText(text), RESPONSE_EXCERPT);
}

/** Production reaches public addresses over https only, plus the networks PANEL_ALLOWED_NETWORKS names. */
export function panelOutboundPolicy(): OutboundPolicy {
  const e = env();
  return outboundPolicy(e.APP_MODE === 'production', e.PANEL_ALLOWED_NETWORKS, 'PANEL_ALLOWED_NETWORKS');
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
  let res: OutboundResponse;
  try {
    res = await outboundRequest(
      {
        method: req.method,
        url,
        headers: { accept: 'application/json', ...(req.json === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
        body: req.json === undefined ? undefined : JSON.stringify(req.json),
        timeoutMs: req.timeoutMs ?? 30_000,
      },
      panelOutboundPolicy(),
    );
  } catch (err) {
    entry.error = err instanceof Error ? err.message : String(err);
    entry.status = err instanceof OutboundRequestError ? err.status : null;
    entry.durationMs = Math.round(performance.now() - started);
    log(entry);
    // A refused URL or a redirect stays so until staff change the URL; the network may recover by itself.
    const retryable = !(err instanceof OutboundRequestError) || err.reason === 'timeout' || err.reason === 'network';
    throw new ProvisioningError(`${req.method} ${entry.path} failed: ${entry.error}`, retryable, err instanceof OutboundRequestError && err.reason === 'redirect' ? err.status : null);
  }
  const text = res.text;
  entry.status = res.status;
  entry.responseExcerpt = text ? responseExcerpt(text) : null;
  entry.durationMs = Math.round(performance.now() - started);
  log(entry);
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Modules quote a non-JSON body in messages staff read, so they only ever get the excerpt.
      body = entry.responseExcerpt;
    }
  }
  if (!expect.includes(res.status)) {
    const retryable = res.status >= 500 || res.status === 423 || res.status === 429 || res.status === 408;
    throw new ProvisioningError(`${req.method} ${entry.path} answered ${res.status}: ${entry.responseExcerpt ?? ''}`, retryable, res.status);
  }
  return { status: res.status, body: body as T, text };
}
