import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { settingsGroup } from './settings-group';

/**
 * Which gateways a storefront takes and their keys. Secrets (Stripe secret key and webhook signing secret, PayPal
 * client secret) are stored sealed with the app key (lib/security/secret-box) and never shown again in full.
 * In sandbox mode a gateway left without keys talks to the bundled simulator (lib/payments/resolve-gateway.ts).
 */
export const paymentSettingsSchema = z.object({
  stripe: z.object({
    enabled: z.boolean(),
    publishableKey: z.string().max(255),
    /** Sealed. */
    secretKey: z.string().max(2000),
    /** Sealed; set by "connect", which registers our webhook endpoint with Stripe. */
    webhookSecret: z.string().max(2000),
  }),
  paypal: z.object({
    enabled: z.boolean(),
    environment: z.enum(['sandbox', 'production']),
    clientId: z.string().max(255),
    /** Sealed. */
    clientSecret: z.string().max(2000),
    /** The id PayPal gave our webhook; its verify call needs it. */
    webhookId: z.string().max(255),
  }),
  bankTransfer: z.object({
    enabled: z.boolean(),
    /** Shown on unpaid invoices: account holder, IBAN, BIC, what to put as the reference. */
    instructions: z.string().max(2000),
  }),
  /** Days after a failed automatic charge to try again (Blesta-like back-off); then the dunning emails carry on. */
  retryDays: z.array(z.number().int().min(1).max(60)).max(8),
});

export type PaymentSettings = z.infer<typeof paymentSettingsSchema>;

export const PAYMENT_SETTINGS_DEFAULTS: PaymentSettings = {
  stripe: { enabled: true, publishableKey: '', secretKey: '', webhookSecret: '' },
  paypal: { enabled: true, environment: 'sandbox', clientId: '', clientSecret: '', webhookId: '' },
  bankTransfer: { enabled: false, instructions: '' },
  retryDays: [1, 3, 5, 7],
};

const group = settingsGroup('payments', paymentSettingsSchema, PAYMENT_SETTINGS_DEFAULTS);

export const getPaymentSettings = (db: SfDb): Promise<PaymentSettings> => group.get(db);
export const savePaymentSettings = (db: SfDb, patch: Partial<PaymentSettings>): Promise<void> => group.save(db, patch);
