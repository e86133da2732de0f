import { GatewayUnavailableError } from '@/lib/payments/gateway';
import { apiOrigin, createTokenSource, type PaypalConfig } from './paypal-client';
import { PAYPAL_DISPUTE_EVENTS } from './paypal-disputes';

// The SDK has no Notifications API, so webhook registration is plain REST with our cached token.

/** The PayPal events our webhook handler acts on (see paypal-events.ts); ORDER.APPROVED is logged, not acted on. */
export const PAYPAL_WEBHOOK_EVENTS = [
  'CHECKOUT.ORDER.APPROVED',
  'PAYMENT.CAPTURE.COMPLETED',
  'PAYMENT.CAPTURE.DENIED',
  'PAYMENT.CAPTURE.REFUNDED',
  ...PAYPAL_DISPUTE_EVENTS,
  'VAULT.PAYMENT-TOKEN.CREATED',
  'VAULT.PAYMENT-TOKEN.DELETED',
] as const;

type RegisterConfig = Pick<PaypalConfig, 'clientId' | 'clientSecret' | 'environment' | 'apiBase'>;

/**
 * Points the PayPal app's webhook at our endpoint and returns its id (what verifying deliveries needs). A webhook
 * already there for our URL is replaced, so its event list is always the current one.
 */
export async function registerPaypalWebhook(config: RegisterConfig, url: string): Promise<{ webhookId: string }> {
  const tokens = createTokenSource({ ...config, webhookId: '' });
  const base = apiOrigin({ ...config, webhookId: '' });
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${await tokens.get()}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, json: res.status === 204 ? null : await res.json().catch(() => null) };
    } catch (err) {
      if (err instanceof GatewayUnavailableError) throw err;
      throw new GatewayUnavailableError(`PayPal unreachable while registering the webhook: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  };

  const list = await call('GET', '/v1/notifications/webhooks');
  if (list.status !== 200) throw new GatewayUnavailableError(`PayPal answered ${list.status} listing webhooks`);
  const hooks = ((list.json as { webhooks?: { id: string; url: string }[] } | null)?.webhooks ?? []).filter((w) => w.url === url);
  for (const hook of hooks) {
    const removed = await call('DELETE', `/v1/notifications/webhooks/${encodeURIComponent(hook.id)}`);
    if (removed.status !== 204 && removed.status !== 404) throw new GatewayUnavailableError(`PayPal answered ${removed.status} deleting webhook ${hook.id}`);
  }
  const created = await call('POST', '/v1/notifications/webhooks', { url, event_types: PAYPAL_WEBHOOK_EVENTS.map((name) => ({ name })) });
  const id = (created.json as { id?: unknown } | null)?.id;
  if (created.status !== 201 || typeof id !== 'string') {
    const detail = (created.json as { name?: unknown; message?: unknown } | null) ?? {};
    throw new GatewayUnavailableError(`PayPal answered ${created.status} creating the webhook${typeof detail.name === 'string' ? ` (${detail.name})` : ''}`);
  }
  return { webhookId: id };
}
