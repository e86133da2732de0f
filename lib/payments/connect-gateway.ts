import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '@/lib/audit/record-audit';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import type { StorefrontDb } from '@/lib/db/connection';
import { encryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings, savePaymentSettings } from '@/lib/settings/payment-settings';
import { areaUrl } from '@/lib/tenancy/area-url';
import type { GatewayId } from './gateway';
import { paypalConfig, stripeConfig, type GatewayStorefront } from './resolve-gateway';

/** Where a gateway posts its events for this storefront (any of its hosts serves /api/). */
export function webhookUrl(sf: GatewayStorefront, id: GatewayId): Promise<string> {
  return areaUrl(sf.id, 'account', `/api/webhooks/${id}`);
}

/**
 * Registers our webhook endpoint with the gateway and stores what verifying its deliveries needs (Stripe's signing
 * secret, sealed; PayPal's webhook id). Staff run it from the payment settings after entering keys; the sandbox
 * runs it on first use.
 */
export async function connectGateway(db: StorefrontDb, sf: GatewayStorefront, id: GatewayId, actor: AuditActor): Promise<{ url: string }> {
  const settings = await getPaymentSettings(db);
  const url = await webhookUrl(sf, id);
  // The gateway call happens outside any transaction; its result is stored over a fresh read, with its audit.
  if (id === 'stripe') {
    const config = stripeConfig(sf, settings);
    if (!config) throw new AppError('bad_request', 'Stripe is not enabled or has no secret key.');
    // The SDKs load on first use: the billing run and the CLI import this module but rarely call a gateway.
    const { registerStripeWebhook } = await import('./gateways/stripe/register-webhook');
    const { secret, endpointId } = await registerStripeWebhook(config, url);
    await db.transaction(async (tx) => {
      const current = await getPaymentSettings(tx);
      await savePaymentSettings(tx, { stripe: { ...current.stripe, webhookSecret: encryptSecret(secret) } });
      await recordAudit(tx, { actor, action: 'payments.webhook_connected', target: { type: 'gateway', id }, after: { url, endpointId } });
    });
  } else {
    const config = paypalConfig(sf, settings);
    if (!config) throw new AppError('bad_request', 'PayPal is not enabled or has no client credentials.');
    const { registerPaypalWebhook } = await import('./gateways/paypal/register-webhook');
    const { webhookId } = await registerPaypalWebhook(config, url);
    await db.transaction(async (tx) => {
      const current = await getPaymentSettings(tx);
      await savePaymentSettings(tx, { paypal: { ...current.paypal, webhookId } });
      await recordAudit(tx, { actor, action: 'payments.webhook_connected', target: { type: 'gateway', id }, after: { url, webhookId } });
    });
  }
  return { url };
}

/** In sandbox mode, connects a gateway that has never been connected; elsewhere staff do it deliberately. */
export async function connectGatewayIfNeeded(db: StorefrontDb, sf: GatewayStorefront, id: GatewayId): Promise<void> {
  if (env().APP_MODE !== 'sandbox') return;
  const settings = await getPaymentSettings(db);
  const connected = id === 'stripe' ? Boolean(stripeConfig(sf, settings)?.webhookSecret) : Boolean(paypalConfig(sf, settings)?.webhookId);
  const available = id === 'stripe' ? stripeConfig(sf, settings) : paypalConfig(sf, settings);
  if (available && !connected) await connectGateway(db, sf, id, { ...SYSTEM_ACTOR, label: 'sandbox setup' });
}
