import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '@/lib/audit/record-audit';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import type { StorefrontDb } from '@/lib/db/connection';
import { getPaymentSettings, savePaymentSettings } from '@/lib/settings/payment-settings';
import { areaUrl } from '@/lib/tenancy/area-url';
import type { GatewayStorefront } from './gateway-definition';
import { gatewayDefinition, type GatewayId } from './registry';

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
  const def = gatewayDefinition(id);
  const settings = await getPaymentSettings(db);
  const url = await webhookUrl(sf, id);
  const config = def.config(sf, settings[id]);
  if (!config) throw new AppError('bad_request', def.webhooks.notReady);
  // The gateway call happens outside any transaction; its result is stored over a fresh read, with its audit.
  // The SDKs load on first use: the billing run and the CLI import this module but rarely call a gateway.
  const { store, audit } = await def.webhooks.register(config, url);
  await db.transaction(async (tx) => {
    const current = await getPaymentSettings(tx);
    await savePaymentSettings(tx, { [id]: { ...current[id], ...store } });
    await recordAudit(tx, { actor, action: 'payments.webhook_connected', target: { type: 'gateway', id }, after: audit });
  });
  return { url };
}

/** In sandbox mode, connects a gateway that has never been connected; elsewhere staff do it deliberately. */
export async function connectGatewayIfNeeded(db: StorefrontDb, sf: GatewayStorefront, id: GatewayId): Promise<void> {
  if (env().APP_MODE !== 'sandbox') return;
  const def = gatewayDefinition(id);
  const settings = (await getPaymentSettings(db))[id];
  if (def.config(sf, settings) && !def.webhooks.connected(settings)) await connectGateway(db, sf, id, { ...SYSTEM_ACTOR, label: 'sandbox setup' });
}
