import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { GATEWAY_IDS, PAYMENT_GATEWAYS, type GatewayId } from '@/lib/payments/registry';
import { settingsGroup } from './settings-group';

type GatewaySettingsShape = { [K in GatewayId]: (typeof PAYMENT_GATEWAYS)[K]['settings']['schema'] };
type GatewaySettings = { [K in GatewayId]: (typeof PAYMENT_GATEWAYS)[K]['settings']['defaults'] };
const gatewaySettingsShape = Object.fromEntries(GATEWAY_IDS.map((id) => [id, PAYMENT_GATEWAYS[id].settings.schema])) as GatewaySettingsShape;
const gatewaySettingsDefaults = Object.fromEntries(GATEWAY_IDS.map((id) => [id, PAYMENT_GATEWAYS[id].settings.defaults])) as GatewaySettings;

/**
 * Which gateways a storefront takes and their keys, one group per gateway of the registry with the gateway's own
 * schema. Secrets are stored sealed with the app key (lib/security/secret-box) and never shown again in full. In
 * sandbox mode a gateway left without keys talks to the bundled simulator (see each gateway's `config`).
 */
export const paymentSettingsSchema = z.object({
  ...gatewaySettingsShape,
  bankTransfer: z.object({
    enabled: z.boolean(),
    /** Shown on unpaid invoices: account holder, IBAN, BIC, what to put as the reference. */
    instructions: z.string().max(2000),
  }),
  /** Retry days for a failed automatic charge, counted after the invoice's due date, ascending; then the dunning emails carry on. */
  retryDays: z.array(z.number().int().min(1).max(60)).max(8),
});

export type PaymentSettings = z.infer<typeof paymentSettingsSchema>;

export const PAYMENT_SETTINGS_DEFAULTS: PaymentSettings = {
  ...gatewaySettingsDefaults,
  bankTransfer: { enabled: false, instructions: '' },
  retryDays: [1, 3, 5, 7],
};

const group = settingsGroup('payments', paymentSettingsSchema, PAYMENT_SETTINGS_DEFAULTS);

export const getPaymentSettings = (db: SfDb): Promise<PaymentSettings> => group.get(db);
export const savePaymentSettings = (db: SfDb, patch: Partial<PaymentSettings>): Promise<void> => group.save(db, patch);
/** The payment settings a storefront has stored, as opposed to reading as their defaults. */
export const storedPaymentKeys = (db: SfDb): Promise<Set<keyof PaymentSettings & string>> => group.storedKeys(db);
