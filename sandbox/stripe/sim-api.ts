import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { readBody } from '@/sandbox/shared/http';
import { parseStripeForm } from './form';
import type { EventBus } from './sim-events';
import { newAccount, newId, SIM_API_VERSION, type Account } from './sim-state';

// The plumbing of the simulated /v1 API, shaped like Stripe's: Bearer secret keys (each sk_test_ key is its own
// account), form-encoded bodies, `{ error: { type, code, message, param } }` errors, Idempotency-Key replay.
// Route handlers are synchronous once the body is read, so two requests with the same key can't interleave.

export interface SimContext {
  accounts: Map<string, Account>;
  /** Hosted pages know only the session id; this finds the account that created it. */
  sessionAccounts: Map<string, Account>;
  bus: EventBus;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> & { type: string; message: string },
  ) {
    super(body.message);
  }
}

export function missing(kind: string, id: string, param?: string): StripeApiError {
  return new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, ...(param ? { param } : {}) });
}

export function invalid(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) });
}

export interface ApiRequest {
  account: Account;
  params: Record<string, unknown>;
  /** The path's `:id` captures, in order. */
  ids: string[];
  host: string;
  idempotencyKey: string | null;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  run: (req: ApiRequest, ctx: SimContext) => { status?: number; body: unknown };
}

function bracketPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (i === 0 ? String(p) : `[${String(p)}]`)).join('');
}

/** Validates form params with zod, answering like Stripe does for a bad or missing parameter. */
export function parseParams<T extends z.ZodType>(schema: T, params: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const param = bracketPath([...issue.path, issue.keys[0] ?? '']);
    throw invalid(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
  }
  const param = issue ? bracketPath(issue.path) : undefined;
  const absent = issue?.code === 'invalid_type' && /received undefined/.test(issue.message);
  throw invalid(absent ? `Missing required param: ${param}.` : `Invalid value for ${param}: ${issue?.message ?? 'invalid'}.`, param, absent ? 'parameter_missing' : 'parameter_invalid');
}

function maskKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(Math.min(key.length - 12, 20))}${key.slice(-4)}` : key;
}

/** The account for a request's Bearer key, or a Stripe-shaped 401 error. */
export function authenticate(ctx: SimContext, header: string | undefined): Account | StripeApiError {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) {
    return new StripeApiError(401, {
      type: 'invalid_request_error',
      message: 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
    });
  }
  const key = match[1];
  if (!/^sk_test_[A-Za-z0-9_]{4,}$/.test(key)) {
    return new StripeApiError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${maskKey(key)}` });
  }
  let account = ctx.accounts.get(key);
  if (!account) {
    account = newAccount(key);
    ctx.accounts.set(key, account);
  }
  return account;
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req'), 'stripe-version': SIM_API_VERSION, ...extra });
  res.end(JSON.stringify(body, null, 2));
}

export function createApiHandler(ctx: SimContext, routes: readonly Route[]) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const auth = authenticate(ctx, req.headers.authorization);
    if (auth instanceof StripeApiError) return send(res, auth.status, { error: auth.body }, { 'www-authenticate': 'Basic realm="Stripe"' });
    const account = auth;
    const method = req.method ?? 'GET';
    const raw = method === 'GET' || method === 'DELETE' ? url.search.slice(1) : await readBody(req, 256_000);
    let matched: { route: Route; ids: string[] } | null = null;
    for (const route of routes) {
      const m = route.pattern.exec(url.pathname);
      if (m && route.method === method) {
        matched = { route, ids: m.slice(1).map((s) => decodeURIComponent(s ?? '')) };
        break;
      }
    }
    if (!matched) {
      return send(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname}).` } });
    }

    const idempotencyKey = method === 'POST' ? (req.headers['idempotency-key']?.toString() ?? null) : null;
    const fingerprint = `${method} ${url.pathname} ${raw}`;
    if (idempotencyKey) {
      const stored = account.idempotency.get(idempotencyKey);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          return send(res, 400, {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          });
        }
        return send(res, stored.status, stored.body, { 'idempotent-replayed': 'true', 'idempotency-key': idempotencyKey });
      }
    }

    let status: number;
    let body: unknown;
    try {
      const out = matched.route.run({ account, params: parseStripeForm(raw), ids: matched.ids, host: req.headers.host ?? 'localhost', idempotencyKey }, ctx);
      status = out.status ?? 200;
      body = out.body;
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err;
      status = err.status;
      body = { error: { ...err.body, request_log_url: `https://dashboard.stripe.com/test/logs/${newId('req')}` } };
    }
    // Stripe stores the first result, errors included, so a retry sees exactly what the first call saw.
    if (idempotencyKey) account.idempotency.set(idempotencyKey, { fingerprint, status, body });
    send(res, status, body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  };
}
