import Stripe from 'stripe';
import { STRIPE_DISPUTE_EVENTS } from './stripe-disputes';

/** The Stripe events our webhook handler acts on (lib/payments/handle-gateway-events.ts). */
export const STRIPE_WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.requires_action',
  'setup_intent.succeeded',
  'payment_method.attached',
  'payment_method.detached',
  'charge.refunded',
  ...STRIPE_DISPUTE_EVENTS,
] as const;

function client(secretKey: string, apiBase?: string): Stripe {
  if (!apiBase) return new Stripe(secretKey, { telemetry: false });
  const u = new URL(apiBase);
  return new Stripe(secretKey, { host: u.hostname, port: u.port || (u.protocol === 'https:' ? 443 : 80), protocol: u.protocol === 'https:' ? 'https' : 'http', telemetry: false });
}

/**
 * Points the Stripe account's webhooks at our endpoint and returns the signing secret. Stripe shows a secret only
 * when the endpoint is created, so an endpoint already there for our URL is replaced rather than reused.
 */
export async function registerStripeWebhook(config: { secretKey: string; apiBase?: string }, url: string): Promise<{ endpointId: string; secret: string }> {
  const stripe = client(config.secretKey, config.apiBase);
  const existing = await stripe.webhookEndpoints.list({ limit: 100 });
  for (const e of existing.data) if (e.url === url) await stripe.webhookEndpoints.del(e.id);
  const created = await stripe.webhookEndpoints.create({ url, enabled_events: [...STRIPE_WEBHOOK_EVENTS], description: 'EZSCALE Billing' });
  if (!created.secret) throw new Error('Stripe did not return a signing secret for the new webhook endpoint');
  return { endpointId: created.id, secret: created.secret };
}
