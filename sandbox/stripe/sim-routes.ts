import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { invalid, missing, parseParams, StripeApiError, type ApiRequest, type Route } from './sim-api';
import { checkStripeAmount } from './sim-amounts';
import { confirmPaymentIntent, newPaymentIntent } from './sim-payments';
import { expand, getObject, listObjects, newId, now, put, type Account, type SimCheckoutSession, type SimCustomer, type SimSetupIntent, type StoredObject } from './sim-state';

// The /v1 endpoints our adapter uses (customers, Checkout, intents, payment methods, webhook endpoints, events).
// Refunds, charges, balance transactions and disputes live in sim-routes-money.ts.

export const metadataSchema = z.record(z.string(), z.string().max(500)).optional();
export const expandSchema = z.array(z.string()).optional();
export const amountSchema = z.coerce.number().int().min(0).max(99_999_999);
const currencySchema = z.string().regex(/^[a-zA-Z]{3}$/).transform((c) => c.toLowerCase());
const flagSchema = z.enum(['true', 'false']).transform((v) => v === 'true');
const ID = '([A-Za-z0-9_]+)';

export function respond(req: ApiRequest, obj: StoredObject, status = 200): { status: number; body: unknown } {
  const paths = Array.isArray(req.params.expand) ? req.params.expand.filter((p): p is string => typeof p === 'string') : [];
  return { status, body: expand(req.account, obj, paths) };
}

export function list(url: string, items: readonly StoredObject[], limitParam: unknown): { body: unknown } {
  const limit = Math.min(Math.max(Number(limitParam ?? 10) || 10, 1), 100);
  return { body: { object: 'list', url, has_more: items.length > limit, data: items.slice(0, limit) } };
}

export function need<K extends StoredObject['object']>(account: Account, id: string, kind: K, label: string, param?: string) {
  const found = getObject(account, id, kind);
  if (!found) throw missing(label, id, param);
  return found;
}

const customerCreate = z.strictObject({ email: z.string().optional(), name: z.string().optional(), description: z.string().optional(), metadata: metadataSchema, expand: expandSchema });

const lineItem = z.strictObject({
  quantity: z.coerce.number().int().min(1),
  price_data: z.strictObject({
    currency: currencySchema,
    unit_amount: amountSchema,
    product_data: z.strictObject({ name: z.string().min(1), description: z.string().optional() }),
  }),
});

const sessionCreate = z.strictObject({
  mode: z.enum(['payment', 'setup']),
  customer: z.string().optional(),
  currency: currencySchema.optional(),
  success_url: z.url(),
  cancel_url: z.url().optional(),
  client_reference_id: z.string().max(200).optional(),
  metadata: metadataSchema,
  line_items: z.array(lineItem).min(1).optional(),
  payment_method_types: z.array(z.literal('card')).optional(),
  payment_intent_data: z.strictObject({ setup_future_usage: z.enum(['off_session', 'on_session']).optional(), metadata: metadataSchema, description: z.string().optional() }).optional(),
  setup_intent_data: z.strictObject({ metadata: metadataSchema, description: z.string().optional() }).optional(),
  expand: expandSchema,
});

const intentCreate = z.strictObject({
  amount: amountSchema.refine((n) => n >= 1, 'must be at least 1'),
  currency: currencySchema,
  customer: z.string().optional(),
  payment_method: z.string().optional(),
  off_session: z.enum(['true', 'false', 'one_off', 'recurring']).transform((v) => v !== 'false').optional(),
  confirm: flagSchema.optional(),
  description: z.string().optional(),
  setup_future_usage: z.enum(['off_session', 'on_session']).optional(),
  payment_method_types: z.array(z.literal('card')).optional(),
  metadata: metadataSchema,
  expand: expandSchema,
});

const endpointCreate = z.strictObject({
  url: z.url(),
  enabled_events: z.array(z.string().min(1)).min(1),
  description: z.string().optional(),
  api_version: z.string().optional(),
  metadata: metadataSchema,
  expand: expandSchema,
});

function createSession(req: ApiRequest, sessionAccounts: Map<string, Account>): SimCheckoutSession {
  const p = parseParams(sessionCreate, req.params);
  const { account } = req;
  if (p.customer) need(account, p.customer, 'customer', 'customer', 'customer');
  const id = newId('cs_test');
  let amount: number | null = null;
  let currency: string | null = p.currency ?? null;
  let description = 'Save a card for later payments';
  if (p.mode === 'payment') {
    if (!p.line_items) throw invalid('Missing required param: line_items.', 'line_items', 'parameter_missing');
    currency = p.line_items[0]?.price_data.currency ?? null;
    if (p.line_items.some((li) => li.price_data.currency !== currency)) throw invalid('All line items must use the same currency.', 'line_items');
    p.line_items.forEach((li, i) => checkStripeAmount(li.price_data.unit_amount, li.price_data.currency, `line_items[${i}][price_data][unit_amount]`));
    amount = p.line_items.reduce((sum, li) => sum + li.price_data.unit_amount * li.quantity, 0);
    description = p.line_items.map((li) => (li.quantity > 1 ? `${li.quantity} × ${li.price_data.product_data.name}` : li.price_data.product_data.name)).join(', ');
  } else if (!currency) {
    throw invalid('Missing required param: currency.', 'currency', 'parameter_missing');
  }
  let setupIntent: SimSetupIntent | null = null;
  if (p.mode === 'setup') {
    // Setup-mode Checkout creates its SetupIntent up front.
    const siId = newId('seti');
    setupIntent = put(account, {
      id: siId,
      object: 'setup_intent',
      created: now(),
      livemode: false,
      customer: p.customer ?? null,
      payment_method: null,
      status: 'requires_payment_method',
      usage: 'off_session',
      metadata: p.setup_intent_data?.metadata ?? {},
      last_setup_error: null,
      client_secret: `${siId}_secret_${randomBytes(8).toString('hex')}`,
      payment_method_types: ['card'],
    } satisfies SimSetupIntent);
  }
  const session = put(account, {
    id,
    object: 'checkout.session',
    created: now(),
    livemode: false,
    mode: p.mode,
    status: 'open',
    payment_status: p.mode === 'setup' ? 'no_payment_required' : 'unpaid',
    amount_total: amount,
    currency,
    customer: p.customer ?? null,
    client_reference_id: p.client_reference_id ?? null,
    metadata: p.metadata ?? {},
    success_url: p.success_url,
    cancel_url: p.cancel_url ?? null,
    url: `http://${req.host}/stripe/checkout/pay/${id}`,
    // Payment mode creates its PaymentIntent when the customer pays, as current Stripe API versions do.
    payment_intent: null,
    setup_intent: setupIntent?.id ?? null,
    expires_at: now() + 24 * 3600,
  } satisfies SimCheckoutSession);
  account.sessionExtras.set(id, {
    description,
    setupFutureUsage: p.payment_intent_data?.setup_future_usage ?? null,
    intentMetadata: p.payment_intent_data?.metadata ?? {},
  });
  sessionAccounts.set(id, account);
  return session;
}

function createPaymentIntent(req: ApiRequest, ctx: Parameters<Route['run']>[1]): { status: number; body: unknown } {
  const p = parseParams(intentCreate, req.params);
  checkStripeAmount(p.amount, p.currency, 'amount');
  const { account } = req;
  if (p.customer) need(account, p.customer, 'customer', 'customer', 'customer');
  const pm = p.payment_method ? need(account, p.payment_method, 'payment_method', 'PaymentMethod', 'payment_method') : null;
  if (pm && p.customer && pm.customer !== p.customer) {
    throw invalid(`The customer does not have a payment method with the ID ${pm.id}. The payment method must be attached to the customer.`, 'payment_method');
  }
  if (p.off_session && !p.confirm) throw invalid('off_session can only be set when confirm is true.', 'off_session');
  const pi = put(account, newPaymentIntent({
    amount: p.amount,
    currency: p.currency,
    customer: p.customer ?? null,
    paymentMethod: pm?.id ?? null,
    description: p.description ?? null,
    metadata: p.metadata ?? {},
    setupFutureUsage: p.setup_future_usage ?? null,
  }));
  ctx.bus.emit(account, 'payment_intent.created', pi);
  if (!p.confirm) return respond(req, pi);
  if (!pm) throw invalid('You must provide a payment_method to confirm this PaymentIntent.', 'payment_method', 'payment_intent_unexpected_state');
  const result = confirmPaymentIntent(account, ctx.bus, pi, pm, p.off_session ?? false);
  if (typeof result === 'object') {
    // Stripe's card errors carry the PaymentIntent so the caller can see its state and last_payment_error.
    throw new StripeApiError(402, { ...result, payment_method: structuredClone(pm), payment_intent: expand(account, pi, []), doc_url: `https://docs.stripe.com/error-codes/${result.code.replace(/_/g, '-')}` });
  }
  return respond(req, pi);
}

export function buildRoutes(sessionAccounts: Map<string, Account>): Route[] {
  return [
    {
      method: 'POST', pattern: /^\/v1\/customers$/,
      run: (req) => {
        const p = parseParams(customerCreate, req.params);
        const customer = put(req.account, { id: newId('cus'), object: 'customer', created: now(), livemode: false, email: p.email ?? null, name: p.name ?? null, description: p.description ?? null, metadata: p.metadata ?? {} } satisfies SimCustomer);
        return respond(req, customer);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v1/customers/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'customer', 'customer', 'id')) },
    {
      method: 'GET', pattern: new RegExp(`^/v1/customers/${ID}/payment_methods$`),
      run: (req) => {
        const customer = need(req.account, req.ids[0] ?? '', 'customer', 'customer', 'customer');
        return list(`/v1/customers/${customer.id}/payment_methods`, listObjects(req.account, 'payment_method').filter((pm) => pm.customer === customer.id), req.params.limit);
      },
    },
    { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, run: (req) => respond(req, createSession(req, sessionAccounts)) },
    { method: 'GET', pattern: new RegExp(`^/v1/checkout/sessions/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'checkout.session', 'checkout.session', 'session')) },
    { method: 'POST', pattern: /^\/v1\/payment_intents$/, run: (req, ctx) => createPaymentIntent(req, ctx) },
    {
      method: 'GET', pattern: /^\/v1\/payment_intents$/,
      run: (req) => {
        const customer = typeof req.params.customer === 'string' ? req.params.customer : null;
        return list('/v1/payment_intents', listObjects(req.account, 'payment_intent').filter((pi) => !customer || pi.customer === customer), req.params.limit);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v1/payment_intents/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'payment_intent', 'payment_intent', 'intent')) },
    { method: 'GET', pattern: new RegExp(`^/v1/setup_intents/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'setup_intent', 'setup_intent', 'intent')) },
    {
      method: 'GET', pattern: /^\/v1\/payment_methods$/,
      run: (req) => {
        const customer = typeof req.params.customer === 'string' ? req.params.customer : null;
        if (customer) need(req.account, customer, 'customer', 'customer', 'customer');
        return list('/v1/payment_methods', listObjects(req.account, 'payment_method').filter((pm) => pm.customer !== null && (!customer || pm.customer === customer)), req.params.limit);
      },
    },
    { method: 'GET', pattern: new RegExp(`^/v1/payment_methods/${ID}$`), run: (req) => respond(req, need(req.account, req.ids[0] ?? '', 'payment_method', 'PaymentMethod', 'payment_method')) },
    {
      method: 'POST', pattern: new RegExp(`^/v1/payment_methods/${ID}/detach$`),
      run: (req, ctx) => {
        const pm = need(req.account, req.ids[0] ?? '', 'payment_method', 'PaymentMethod', 'payment_method');
        if (!pm.customer) throw invalid('The payment method you provided is not attached to a customer so detachment is impossible.', 'payment_method');
        const previous = pm.customer;
        pm.customer = null;
        ctx.bus.emit(req.account, 'payment_method.detached', pm, { previous: { customer: previous } });
        return respond(req, pm);
      },
    },
    {
      method: 'POST', pattern: /^\/v1\/webhook_endpoints$/,
      run: (req) => {
        const p = parseParams(endpointCreate, req.params);
        const endpoint = put(req.account, { id: newId('we'), object: 'webhook_endpoint', created: now(), livemode: false, url: p.url, enabled_events: p.enabled_events, status: 'enabled', api_version: null, metadata: p.metadata ?? {} });
        const secret = `whsec_${randomBytes(24).toString('hex')}`;
        req.account.secrets.set(endpoint.id, secret);
        // The secret is shown once, on create, as Stripe does.
        return { body: { ...structuredClone(endpoint), secret } };
      },
    },
    { method: 'GET', pattern: /^\/v1\/webhook_endpoints$/, run: (req) => list('/v1/webhook_endpoints', listObjects(req.account, 'webhook_endpoint'), req.params.limit) },
    {
      method: 'DELETE', pattern: new RegExp(`^/v1/webhook_endpoints/${ID}$`),
      run: (req) => {
        const endpoint = need(req.account, req.ids[0] ?? '', 'webhook_endpoint', 'webhook endpoint', 'id');
        req.account.objects.delete(endpoint.id);
        req.account.secrets.delete(endpoint.id);
        return { body: { id: endpoint.id, object: 'webhook_endpoint', deleted: true } };
      },
    },
    {
      method: 'GET', pattern: /^\/v1\/events$/,
      run: (req) => {
        const type = typeof req.params.type === 'string' ? req.params.type : null;
        return list('/v1/events', [...req.account.events].reverse().filter((e) => !type || e.type === type), req.params.limit);
      },
    },
    {
      method: 'GET', pattern: new RegExp(`^/v1/events/${ID}$`),
      run: (req) => {
        const event = req.account.events.find((e) => e.id === req.ids[0]);
        if (!event) throw missing('event', req.ids[0] ?? '', 'id');
        return { body: event };
      },
    },
  ];
}
