import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { notFound, readBody, sendEmpty, sendJson, type SandboxHandler } from '@/sandbox/shared/http';
import { createBuyerPages } from './simulator-buyer';
import { captureJson, orderJson, paymentTokenJson, refundJson, setupTokenJson } from './simulator-json';
import { handleDisputePage } from './simulator-dispute-page';
import { disputeApi, disputeControl } from './simulator-dispute-routes';
import { createDisputeOps } from './simulator-disputes';
import { createOrderOps, createOrderSchema, refundSchema } from './simulator-orders';
import { eventsPage, indexPage, sendPage } from './simulator-pages';
import { type Account, type ApiResult, newAccount, paypalError, PREFIX } from './simulator-state';
import { createVaultOps, paymentTokenSchema, setupTokenSchema, verifySchema, webhookSchema } from './simulator-vault';
import { createWebhookCenter } from './simulator-webhooks';

// A local PayPal: the REST subset our gateway uses (OAuth client credentials, Orders v2, Payments v2, Vault v3,
// Notifications v1) with PayPal's paths and error shapes, plus the buyer's approval pages. Mounted under /paypal.

export interface PaypalSimulatorOptions {
  /** Waits between webhook retries; defaults to 1 s, 5 s, 25 s. */
  retryDelaysMs?: readonly number[];
  /** Access token lifetime; PayPal's is about nine hours. */
  tokenTtlSeconds?: number;
}

const deliveryModeSchema = z.object({ mode: z.enum(['immediate', 'hold']) });
const flushSchema = z.object({ order: z.enum(['forward', 'reverse']).default('forward'), repeat: z.number().int().min(1).max(10).default(1) });
const redeliverSchema = z.object({ event_id: z.string().min(1) });
/** Links in webhook payloads made outside a request (test helpers) point here. */
const HELPER_ORIGIN = `http://127.0.0.1${PREFIX}`;
const buyerSchema = z.object({ email: z.email(), declines: z.boolean() });

function parseBody<T>(schema: z.ZodType<T>, json: unknown): { ok: true; data: T } | { ok: false; result: ApiResult } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('/') ?? '';
  const missing = issue?.code === 'invalid_type' && issue.input === undefined;
  return { ok: false, result: paypalError(400, 'INVALID_REQUEST', missing ? 'MISSING_REQUIRED_PARAMETER' : 'INVALID_PARAMETER_VALUE', `/${field}: ${issue?.message ?? 'invalid'}`) };
}

export function createPaypalSimulator(options: PaypalSimulatorOptions = {}) {
  const accounts = new Map<string, Account>();
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();
  const ttl = options.tokenTtlSeconds ?? 32_400;
  const center = createWebhookCenter({ retryDelaysMs: options.retryDelaysMs ?? [1_000, 5_000, 25_000] });
  const orders = createOrderOps(center);
  const disputes = createDisputeOps(center);
  const vault = createVaultOps(center);

  const findOrder = (id: string) => {
    for (const account of accounts.values()) {
      const order = account.orders.get(id);
      if (order) return { account, order };
    }
    return null;
  };
  const findSetup = (id: string) => {
    for (const account of accounts.values()) {
      const setup = account.setupTokens.get(id);
      if (setup) return { account, setup };
    }
    return null;
  };
  const buyer = createBuyerPages({ findOrder, findSetup, orders, vault });

  function originOf(req: IncomingMessage): string {
    return `http://${req.headers.host ?? '127.0.0.1'}${PREFIX}`;
  }

  async function oauth(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
    const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const sep = decoded.indexOf(':');
    const clientId = sep > 0 ? decoded.slice(0, sep) : '';
    const secret = sep > 0 ? decoded.slice(sep + 1) : '';
    const body = new URLSearchParams(await readBody(req, 10_000));
    if (!clientId || !secret) return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
    let account = accounts.get(clientId);
    // The first secret seen for a client id becomes its secret, so a wrong secret later fails like PayPal's would.
    if (account && account.secret !== secret) return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
    if (body.get('grant_type') !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL or not supported' });
    if (!account) {
      account = newAccount(clientId, secret);
      accounts.set(clientId, account);
    }
    const token = `A21AA${randomBytes(32).toString('base64url')}`;
    tokens.set(token, { clientId, expiresAt: Date.now() + ttl * 1000 });
    sendJson(res, 200, {
      scope: 'https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/vault/payment-tokens/readwrite',
      access_token: token,
      token_type: 'Bearer',
      app_id: `APP-${clientId.slice(0, 17).toUpperCase()}`,
      expires_in: ttl,
      nonce: `${new Date().toISOString()}${randomBytes(8).toString('hex')}`,
    });
  }

  function accountFromBearer(req: IncomingMessage): Account | null {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const entry = match ? tokens.get(match[1]!) : undefined;
    if (!entry || entry.expiresAt <= Date.now()) return null;
    return accounts.get(entry.clientId) ?? null;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
    const account = accountFromBearer(req);
    if (!account) return sendJson(res, 401, { error: 'invalid_token', error_description: 'Token signature verification failed' });
    const origin = originOf(req);
    const method = req.method ?? 'GET';
    let json: unknown = undefined;
    if (method === 'POST' || method === 'PATCH') {
      const raw = await readBody(req, 100_000);
      try {
        json = raw.trim() ? (JSON.parse(raw) as unknown) : {};
      } catch {
        const bad = paypalError(400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.');
        return sendJson(res, bad.status, bad.body);
      }
    }
    const requestId = req.headers['paypal-request-id'];
    const key = method === 'POST' && typeof requestId === 'string' && requestId ? `${path}|${requestId}` : null;
    const cached = key ? account.idempotent.get(key) : undefined;
    if (cached) return send(res, cached);
    const result = route(account, method, path, url, json, origin);
    if (key && result.status < 500) account.idempotent.set(key, result);
    send(res, result);
  }

  function send(res: ServerResponse, result: ApiResult): void {
    if (result.body === undefined) return sendEmpty(res, result.status);
    sendJson(res, result.status, result.body);
  }

  function route(account: Account, method: string, path: string, url: URL, json: unknown, origin: string): ApiResult {
    const notFoundResult = paypalError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist. Please check the resource ID and try again.');
    let m: RegExpExecArray | null;
    if (path === '/v2/checkout/orders' && method === 'POST') {
      const body = parseBody(createOrderSchema, json);
      return body.ok ? orders.createOrder(account, body.data, origin) : body.result;
    }
    if ((m = /^\/v2\/checkout\/orders\/([^/]+)(\/capture)?$/.exec(path))) {
      const order = account.orders.get(decodeURIComponent(m[1]!));
      if (!order) return notFoundResult;
      if (!m[2] && method === 'GET') return { status: 200, body: orderJson(account, order, origin) };
      if (m[2] && method === 'POST') return orders.captureOrder(account, order, origin);
    }
    if ((m = /^\/v2\/payments\/captures\/([^/]+)(\/refund)?$/.exec(path))) {
      const capture = account.captures.get(decodeURIComponent(m[1]!));
      if (!capture) return notFoundResult;
      if (!m[2] && method === 'GET') return { status: 200, body: captureJson(account, capture, origin) };
      if (m[2] && method === 'POST') {
        const body = parseBody(refundSchema, json);
        return body.ok ? orders.refundCapture(account, capture, body.data, origin) : body.result;
      }
    }
    if ((m = /^\/v2\/payments\/refunds\/([^/]+)$/.exec(path)) && method === 'GET') {
      const refund = account.refunds.get(decodeURIComponent(m[1]!));
      const capture = refund ? account.captures.get(refund.captureId) : undefined;
      return refund && capture ? { status: 200, body: refundJson(refund, capture, origin) } : notFoundResult;
    }
    const disputeAnswer = disputeApi(disputes, account, method, path, json, origin, parseBody);
    if (disputeAnswer) return disputeAnswer;
    if (path === '/v3/vault/payment-tokens') {
      if (method === 'GET') return vault.listPaymentTokens(account, url.searchParams.get('customer_id'), origin);
      if (method === 'POST') {
        const body = parseBody(paymentTokenSchema, json);
        return body.ok ? vault.createPaymentToken(account, body.data, origin) : body.result;
      }
    }
    if ((m = /^\/v3\/vault\/payment-tokens\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      if (method === 'DELETE') return vault.deletePaymentToken(account, id);
      const token = account.paymentTokens.get(id);
      if (method === 'GET') return token ? { status: 200, body: paymentTokenJson(token, origin) } : notFoundResult;
    }
    if (path === '/v3/vault/setup-tokens' && method === 'POST') {
      const body = parseBody(setupTokenSchema, json);
      return body.ok ? vault.createSetupToken(account, body.data, origin) : body.result;
    }
    if ((m = /^\/v3\/vault\/setup-tokens\/([^/]+)$/.exec(path)) && method === 'GET') {
      const setup = account.setupTokens.get(decodeURIComponent(m[1]!));
      return setup ? { status: 200, body: setupTokenJson(setup, origin) } : notFoundResult;
    }
    if (path === '/v1/notifications/webhooks') {
      if (method === 'GET') return vault.listWebhooks(account, origin);
      if (method === 'POST') {
        const body = parseBody(webhookSchema, json);
        return body.ok ? vault.createWebhook(account, body.data, origin) : body.result;
      }
    }
    if ((m = /^\/v1\/notifications\/webhooks\/([^/]+)$/.exec(path)) && method === 'DELETE') return vault.deleteWebhook(account, decodeURIComponent(m[1]!));
    if (path === '/v1/notifications/verify-webhook-signature' && method === 'POST') {
      const body = parseBody(verifySchema, json);
      return body.ok ? vault.verify(account, body.data) : body.result;
    }
    return paypalError(404, 'RESOURCE_NOT_FOUND', 'RESOURCE_NOT_FOUND', `No such endpoint: ${method} ${path}`);
  }

  function requireDispute(clientId: string, disputeId: string) {
    const dispute = requireAccount(clientId).disputes.get(disputeId);
    if (!dispute) throw new Error(`no dispute ${disputeId}`);
    return dispute;
  }

  function helperResult(result: ApiResult): Record<string, unknown> {
    if (result.status >= 300) throw new Error(`PayPal sandbox refused: ${JSON.stringify(result.body)}`);
    return result.body as Record<string, unknown>;
  }

  function requireAccount(clientId: string): Account {
    const account = accounts.get(clientId);
    if (!account) throw new Error(`no PayPal sandbox account for client id ${clientId} (request a token first)`);
    return account;
  }

  const helpers = {
    account: (clientId: string): Account | null => accounts.get(clientId) ?? null,
    setDeliveryMode(clientId: string, mode: 'immediate' | 'hold'): void {
      requireAccount(clientId).deliveryMode = mode;
    },
    flush: (clientId: string, opts: { order?: 'forward' | 'reverse'; repeat?: number } = {}) => center.flush(requireAccount(clientId), opts.order ?? 'forward', opts.repeat ?? 1),
    redeliver: (clientId: string, eventId: string) => center.redeliver(requireAccount(clientId), eventId),
    /** Opens a dispute on a capture, as a buyer would; emits CUSTOMER.DISPUTE.CREATED. */
    dispute(clientId: string, captureId: string, reason = 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED'): Record<string, unknown> {
      const account = requireAccount(clientId);
      const capture = account.captures.get(captureId);
      if (!capture) throw new Error(`no capture ${captureId}`);
      return helperResult(disputes.openDispute(account, capture, { reason }, HELPER_ORIGIN));
    },
    /** The seller's evidence is in: the dispute goes under review (CUSTOMER.DISPUTE.UPDATED). */
    disputeEvidence: (clientId: string, disputeId: string) => helperResult(disputes.reviewDispute(requireAccount(clientId), requireDispute(clientId, disputeId), HELPER_ORIGIN)),
    /** PayPal decides (CUSTOMER.DISPUTE.RESOLVED). */
    resolveDispute: (clientId: string, disputeId: string, outcome: 'BUYER_FAVOR' | 'SELLER_FAVOR') =>
      helperResult(disputes.resolveDispute(requireAccount(clientId), requireDispute(clientId, disputeId), outcome === 'BUYER_FAVOR' ? 'RESOLVED_BUYER_FAVOUR' : 'RESOLVED_SELLER_FAVOUR', HELPER_ORIGIN)),
    setBuyerDeclines(clientId: string, email: string, declines: boolean): void {
      requireAccount(clientId).decliningBuyers.set(email.toLowerCase(), declines);
    },
    events: (clientId: string) => requireAccount(clientId).events,
    deliveries: (clientId: string) => requireAccount(clientId).deliveries,
    /** Waits for every webhook delivery started so far (including retries). */
    idle: () => center.idle(),
    close: () => center.close(),
  };

  async function control(req: IncomingMessage, res: ServerResponse, url: URL, action: string): Promise<void> {
    const account = accountFromBearer(req) ?? accounts.get(url.searchParams.get('client_id') ?? '') ?? null;
    if (!account) return sendJson(res, 404, { error: 'unknown_account', message: 'Pass ?client_id= (after requesting a token) or a Bearer token.' });
    if (action === 'events' && req.method === 'GET') return sendJson(res, 200, { events: account.events, deliveries: account.deliveries, held: account.held.length, delivery_mode: account.deliveryMode });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
    let json: unknown;
    try {
      const raw = await readBody(req, 10_000);
      json = raw.trim() ? (JSON.parse(raw) as unknown) : {};
    } catch {
      return sendJson(res, 400, { error: 'invalid_json' });
    }
    const bad = (error: z.ZodError) => sendJson(res, 400, { error: 'invalid_request', issues: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    if (action === 'delivery-mode') {
      const p = deliveryModeSchema.safeParse(json);
      if (!p.success) return bad(p.error);
      account.deliveryMode = p.data.mode;
      return sendJson(res, 200, { delivery_mode: account.deliveryMode, held: account.held.length });
    }
    if (action === 'flush') {
      const p = flushSchema.safeParse(json);
      return p.success ? sendJson(res, 200, await center.flush(account, p.data.order, p.data.repeat)) : bad(p.error);
    }
    if (action === 'redeliver') {
      const p = redeliverSchema.safeParse(json);
      if (!p.success) return bad(p.error);
      const result = await center.redeliver(account, p.data.event_id);
      return result ? sendJson(res, 200, result) : sendJson(res, 404, { error: 'unknown_event' });
    }
    const disputeAnswer = disputeControl(disputes, account, action, json, originOf(req));
    if (disputeAnswer) return send(res, disputeAnswer);
    if (action === 'buyer') {
      const p = buyerSchema.safeParse(json);
      if (!p.success) return bad(p.error);
      account.decliningBuyers.set(p.data.email.toLowerCase(), p.data.declines);
      return sendJson(res, 200, { email: p.data.email, declines: p.data.declines });
    }
    return notFound(res);
  }

  const handle: SandboxHandler = async (req, res, url) => {
    const path = url.pathname.slice(PREFIX.length) || '/';
    if (path === '/v1/oauth2/token') return oauth(req, res);
    if (/^\/v[123]\//.test(path)) return api(req, res, url, path);
    if (path === '/checkoutnow') return buyer.checkout(req, res, url, originOf(req));
    if (path === '/agreements/approve') return buyer.agreement(req, res, url);
    if (path.startsWith('/_control/')) return control(req, res, url, path.slice('/_control/'.length));
    if (req.method === 'GET' && (path === '/' || path === '')) return sendPage(res, 200, indexPage());
    if (req.method === 'GET' && path === '/events') return sendPage(res, 200, eventsPage(accounts.values(), url.searchParams.get('client_id')));
    if (path === '/disputes') return handleDisputePage(req, res, url, () => accounts.values(), disputes, originOf(req));
    return notFound(res);
  };

  return { handle, ...helpers };
}

export type PaypalSimulator = ReturnType<typeof createPaypalSimulator>;
