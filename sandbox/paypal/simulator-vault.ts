import { z } from 'zod';
import { paymentTokenJson, setupTokenJson } from './simulator-json';
import { type Account, type ApiResult, nowIso, paypalError, paypalId, type SetupTokenState } from './simulator-state';
import { verifyTransmission, type WebhookCenter } from './simulator-webhooks';

// Vault v3 (saved PayPal wallets, setup tokens) and the webhook registry / verify endpoint of Notifications v1.

export const setupTokenSchema = z.object({
  customer: z.object({ id: z.string().max(64).optional() }).optional(),
  payment_source: z.object({
    paypal: z.object({
      usage_type: z.enum(['MERCHANT', 'PLATFORM']).optional(),
      description: z.string().optional(),
      experience_context: z.object({ return_url: z.url(), cancel_url: z.url(), brand_name: z.string().max(127) }).partial().optional(),
    }),
  }),
});

export const paymentTokenSchema = z.object({
  customer: z.object({ id: z.string().max(64).optional() }).optional(),
  payment_source: z.object({ token: z.object({ id: z.string(), type: z.literal('SETUP_TOKEN') }) }),
});

export const webhookSchema = z.object({
  url: z.url().max(2048),
  event_types: z.array(z.object({ name: z.string().min(1) })).min(1),
});

export const verifySchema = z.object({
  auth_algo: z.string(),
  cert_url: z.string(),
  transmission_id: z.string(),
  transmission_sig: z.string(),
  transmission_time: z.string(),
  webhook_id: z.string(),
  webhook_event: z.record(z.string(), z.unknown()),
});

const MAX_WEBHOOKS = 10;

export function createVaultOps(center: WebhookCenter) {
  function createSetupToken(account: Account, input: z.infer<typeof setupTokenSchema>, origin: string): ApiResult {
    const ctx = input.payment_source.paypal.experience_context;
    const setup: SetupTokenState = {
      id: paypalId(17),
      status: 'PAYER_ACTION_REQUIRED',
      customerId: input.customer?.id ?? null,
      returnUrl: ctx?.return_url ?? null,
      cancelUrl: ctx?.cancel_url ?? null,
      brandName: ctx?.brand_name ?? `Sandbox merchant ${account.clientId.slice(0, 12)}`,
      payer: null,
      paymentTokenId: null,
    };
    account.setupTokens.set(setup.id, setup);
    return { status: 201, body: setupTokenJson(setup, origin) };
  }

  function createPaymentToken(account: Account, input: z.infer<typeof paymentTokenSchema>, origin: string): ApiResult {
    const setup = account.setupTokens.get(input.payment_source.token.id);
    if (!setup) return paypalError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist.');
    if (setup.status === 'VAULTED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'SETUP_TOKEN_ALREADY_USED', 'The setup token has already been used to create a payment token.');
    if (setup.status !== 'APPROVED' || !setup.payer) return paypalError(422, 'UNPROCESSABLE_ENTITY', 'SETUP_TOKEN_NOT_APPROVED', 'The payer has not approved the setup token.');
    const token = {
      id: paypalId(7).toLowerCase(),
      customerId: input.customer?.id ?? setup.customerId ?? paypalId(10),
      email: setup.payer.email,
      payerId: setup.payer.payerId,
      createTime: nowIso(),
    };
    account.paymentTokens.set(token.id, token);
    setup.status = 'VAULTED';
    setup.paymentTokenId = token.id;
    const body = paymentTokenJson(token, origin);
    center.emit(account, 'VAULT.PAYMENT-TOKEN.CREATED', 'payment_token', body, 'A payment token has been created.');
    return { status: 201, body };
  }

  function approveSetupToken(setup: SetupTokenState, email: string, payerId: string): void {
    setup.status = 'APPROVED';
    setup.payer = { email, payerId };
  }

  function listPaymentTokens(account: Account, customerId: string | null, origin: string): ApiResult {
    if (!customerId) return paypalError(400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER', 'customer_id is required.');
    const tokens = [...account.paymentTokens.values()].filter((t) => t.customerId === customerId);
    return {
      status: 200,
      body: { customer: { id: customerId }, payment_tokens: tokens.map((t) => paymentTokenJson(t, origin)), total_items: tokens.length, total_pages: 1, links: [] },
    };
  }

  function deletePaymentToken(account: Account, id: string): ApiResult {
    const token = account.paymentTokens.get(id);
    if (!token) return paypalError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist.');
    account.paymentTokens.delete(id);
    center.emit(account, 'VAULT.PAYMENT-TOKEN.DELETED', 'payment_token', { id, customer: { id: token.customerId }, payment_source: { paypal: {} } }, 'A payment token has been deleted.');
    return { status: 204 };
  }

  function createWebhook(account: Account, input: z.infer<typeof webhookSchema>, origin: string): ApiResult {
    if (account.webhooks.some((w) => w.url === input.url)) return paypalError(400, 'WEBHOOK_URL_ALREADY_EXISTS', 'WEBHOOK_URL_ALREADY_EXISTS', 'Webhook URL already exists.');
    if (account.webhooks.length >= MAX_WEBHOOKS) return paypalError(400, 'WEBHOOK_NUMBER_LIMIT_EXCEEDED', 'WEBHOOK_NUMBER_LIMIT_EXCEEDED', `At most ${MAX_WEBHOOKS} webhooks per app.`);
    const hook = { id: paypalId(17), url: input.url, eventTypes: input.event_types.map((t) => t.name) };
    account.webhooks.push(hook);
    return { status: 201, body: webhookJson(hook, origin) };
  }

  function listWebhooks(account: Account, origin: string): ApiResult {
    return { status: 200, body: { webhooks: account.webhooks.map((w) => webhookJson(w, origin)) } };
  }

  function deleteWebhook(account: Account, id: string): ApiResult {
    const index = account.webhooks.findIndex((w) => w.id === id);
    if (index < 0) return paypalError(404, 'INVALID_RESOURCE_ID', 'INVALID_RESOURCE_ID', 'Webhook id does not exist.');
    account.webhooks.splice(index, 1);
    return { status: 204 };
  }

  function verify(account: Account, input: z.infer<typeof verifySchema>): ApiResult {
    return { status: 200, body: { verification_status: verifyTransmission(account, input) ? 'SUCCESS' : 'FAILURE' } };
  }

  return { createSetupToken, createPaymentToken, approveSetupToken, listPaymentTokens, deletePaymentToken, createWebhook, listWebhooks, deleteWebhook, verify };
}

function webhookJson(hook: { id: string; url: string; eventTypes: string[] }, origin: string): Record<string, unknown> {
  return {
    id: hook.id,
    url: hook.url,
    event_types: hook.eventTypes.map((name) => ({ name, description: name === '*' ? 'ALL' : name, status: 'ENABLED' })),
    links: [{ href: `${origin}/v1/notifications/webhooks/${hook.id}`, rel: 'self', method: 'GET' }],
  };
}
