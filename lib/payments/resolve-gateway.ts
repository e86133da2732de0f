import type { Storefront } from '@/db/schema/central';
import { env, sandboxBaseUrl } from '@/lib/config/env';
import type { SfDb } from '@/lib/db/connection';
import { decryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings, type PaymentSettings } from '@/lib/settings/payment-settings';
import type { GatewayId, PaymentGateway } from './gateway';

export type GatewayStorefront = Pick<Storefront, 'id' | 'slug' | 'name'>;

/** The keys a gateway uses for a storefront, opened; null when it is off or (outside sandbox mode) not set up. */
export function stripeConfig(sf: GatewayStorefront, s: PaymentSettings) {
  if (!s.stripe.enabled) return null;
  if (s.stripe.secretKey) {
    const secretKey = decryptSecret(s.stripe.secretKey);
    return { secretKey, webhookSecret: s.stripe.webhookSecret ? decryptSecret(s.stripe.webhookSecret) : '', apiBase: sandboxKey(secretKey) ? sandboxBaseUrl() : undefined };
  }
  // Sandbox mode without keys: the bundled Stripe stand-in, one account per storefront.
  if (env().APP_MODE === 'sandbox') return { secretKey: `sk_test_sandbox_${sf.slug}`, webhookSecret: s.stripe.webhookSecret ? decryptSecret(s.stripe.webhookSecret) : '', apiBase: sandboxBaseUrl() };
  return null;
}

export function paypalConfig(sf: GatewayStorefront, s: PaymentSettings) {
  if (!s.paypal.enabled) return null;
  if (s.paypal.clientId && s.paypal.clientSecret) {
    return {
      clientId: s.paypal.clientId,
      clientSecret: decryptSecret(s.paypal.clientSecret),
      webhookId: s.paypal.webhookId,
      environment: s.paypal.environment,
      apiBase: env().APP_MODE === 'sandbox' && s.paypal.clientId.startsWith('sandbox-') ? `${sandboxBaseUrl()}/paypal` : undefined,
    };
  }
  if (env().APP_MODE === 'sandbox') {
    return { clientId: `sandbox-${sf.slug}`, clientSecret: `sandbox-secret-${sf.slug}`, webhookId: s.paypal.webhookId, environment: 'sandbox' as const, apiBase: `${sandboxBaseUrl()}/paypal` };
  }
  return null;
}

/** Keys the sandbox made up are only ever sent to the sandbox, never to the real Stripe. */
function sandboxKey(secretKey: string): boolean {
  return env().APP_MODE === 'sandbox' && secretKey.startsWith('sk_test_sandbox_');
}

/** The gateway object for a storefront, or null when that gateway isn't available there. */
export async function gatewayFor(db: SfDb, sf: GatewayStorefront, id: GatewayId, settings?: PaymentSettings): Promise<PaymentGateway | null> {
  const s = settings ?? (await getPaymentSettings(db));
  // The SDKs are loaded on first use: a billing pass with nothing to charge never pays for them.
  if (id === 'stripe') {
    const c = stripeConfig(sf, s);
    return c ? (await import('./gateways/stripe/stripe-gateway')).createStripeGateway(c) : null;
  }
  const c = paypalConfig(sf, s);
  return c ? (await import('./gateways/paypal/paypal-gateway')).createPaypalGateway(c) : null;
}

/** The gateways a customer can pay with on this storefront, in the order they are offered. */
export async function availableGateways(db: SfDb, sf: GatewayStorefront): Promise<GatewayId[]> {
  const s = await getPaymentSettings(db);
  const out: GatewayId[] = [];
  if (stripeConfig(sf, s)) out.push('stripe');
  if (paypalConfig(sf, s)) out.push('paypal');
  return out;
}

export const GATEWAY_LABELS: Record<GatewayId, string> = { stripe: 'Card (Stripe)', paypal: 'PayPal' };
