import type { SfDb } from '@/lib/db/connection';
import type { CurrencyBook } from '@/lib/money/currency-book';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { getPaymentSettings, type PaymentSettings } from '@/lib/settings/payment-settings';
import type { PaymentGateway } from './gateway';
import type { GatewayStorefront } from './gateway-definition';
import { gatewayDefinition, GATEWAY_IDS, type GatewayId } from './registry';

export type { GatewayStorefront } from './gateway-definition';

/** A gateway's opened keys for a storefront; null when it is off, not set up, or no gateway has that id. */
export function gatewayConfig(sf: GatewayStorefront, id: string, s: PaymentSettings): unknown {
  const def = gatewayDefinition(id);
  return def ? def.config(sf, s[id as GatewayId]) : null;
}

/**
 * The gateway object for a storefront, or null when that gateway isn't available there (or is unknown). It converts
 * amounts with the storefront's currency rows: pass `currencies` when the caller already read them (a billing pass).
 */
export async function gatewayFor(db: SfDb, sf: GatewayStorefront, id: string, settings?: PaymentSettings, currencies?: CurrencyBook): Promise<PaymentGateway | null> {
  const def = gatewayDefinition(id);
  if (!def) return null;
  const config = def.config(sf, (settings ?? (await getPaymentSettings(db)))[id as GatewayId]);
  if (!config) return null;
  const book = currencies ?? (await loadCurrencyBook(db));
  // The SDKs are loaded on first use: a billing pass with nothing to charge never pays for them.
  return def.load(config, (currency) => book.digits(currency));
}

/** The gateways a customer can pay with on this storefront, in the order they are offered. */
export async function availableGateways(db: SfDb, sf: GatewayStorefront): Promise<GatewayId[]> {
  const s = await getPaymentSettings(db);
  return GATEWAY_IDS.filter((id) => gatewayConfig(sf, id, s) !== null);
}
