import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { settingsGroup } from './settings-group';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter ISO country code');

/** Settings that decide what things cost and how invoices read. Stored as one JSON row per key. */
export const commerceSettingsSchema = z.object({
  /** Catalog prices include tax (EU consumer style) or have it added (B2B / US style). */
  taxInclusive: z.boolean(),
  sellerCountry: countryCode,
  sellerRegion: z.string().max(100).nullable(),
  /** The seller's legal name as registered ("Example Hosting GmbH"), printed on every invoice; empty until staff set it. */
  sellerName: z.string().max(160),
  sellerAddressLines: z.array(z.string().max(200)).max(5),
  /** The VAT identification number (EU) or other tax number, printed on invoices. */
  sellerTaxId: z.string().max(40).nullable(),
  /** Company registration number and where it is registered (the register court, the chamber of commerce). */
  sellerRegistrationNumber: z.string().max(60).nullable(),
  sellerRegistrationPlace: z.string().max(120).nullable(),
  /** Printed at the foot of every invoice: managing directors, contact details, terms. */
  invoiceFooter: z.string().max(1000),
  /** Check EU VAT numbers against VIES (through the adapter; the sandbox answers locally). */
  viesEnabled: z.boolean(),
  /** Days a VIES answer about a VAT number counts before it is asked again (lib/tax/vat-standing.ts). */
  viesMaxAgeDays: z.number().int().min(1).max(90),
  /** Tenure tiers for the automatic renewal discount, e.g. 12 months → 500 bp. Highest qualifying tier wins. */
  loyaltyTiers: z
    .array(z.object({ months: z.number().int().min(1).max(600), percentBp: z.number().int().min(1).max(2000) }))
    .max(10),
  /** Tokens: {YYYY}, {YY}, {MM}, {SEQ:n} (zero-padded to n). The counter restarts when the text before {SEQ} changes. */
  invoiceNumberFormat: z
    .string()
    .min(5)
    .max(40)
    .regex(/\{SEQ(:\d)?\}/, 'The format needs a {SEQ} or {SEQ:n} token'),
  /** Days after issue a new order's invoice is due. */
  orderInvoiceDueDays: z.number().int().min(0).max(60),
});

export type CommerceSettings = z.infer<typeof commerceSettingsSchema>;

export const DEFAULT_COMMERCE_SETTINGS: CommerceSettings = {
  taxInclusive: false,
  sellerCountry: 'US',
  sellerRegion: null,
  // Never the platform's name: a reseller's invoices must not carry it before they enter their own (the admin warns).
  sellerName: '',
  sellerAddressLines: [],
  sellerTaxId: null,
  sellerRegistrationNumber: null,
  sellerRegistrationPlace: null,
  invoiceFooter: '',
  viesEnabled: false,
  viesMaxAgeDays: 7,
  loyaltyTiers: [
    { months: 12, percentBp: 500 },
    { months: 24, percentBp: 1000 },
    { months: 36, percentBp: 1500 },
    { months: 48, percentBp: 2000 },
  ],
  invoiceNumberFormat: 'INV-{YYYY}-{SEQ:6}',
  orderInvoiceDueDays: 0,
};

const commerce = settingsGroup('commerce', commerceSettingsSchema, DEFAULT_COMMERCE_SETTINGS);

/** Stored values over the defaults; a stored value that no longer validates falls back to its default. */
export async function getCommerceSettings(db: SfDb): Promise<CommerceSettings> {
  return commerce.get(db);
}

/** Which settings a storefront has stored (the rest read as their defaults): a default seller name is not a legal name. */
export async function storedCommerceKeys(db: SfDb): Promise<Set<keyof CommerceSettings>> {
  return commerce.storedKeys(db);
}

/** Writes only the keys given; the caller audits the change in the same transaction. */
export async function saveCommerceSettings(db: SfDb, patch: Partial<CommerceSettings>): Promise<void> {
  await commerce.save(db, patch);
}
