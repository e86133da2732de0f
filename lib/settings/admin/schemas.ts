import { z } from 'zod';
import { parseScaledDecimal } from '@/lib/money/parse-decimal';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => v || null);

/** Tier rows the settings form offers (the stored list holds at most 10). */
export const LOYALTY_TIER_ROWS = 10;

/** One loyalty tier row of the form: tenure in months and the discount as a percent ("5" or "7.5"). Blank rows are skipped. */
export const loyaltyTierTextSchema = z.object({ months: z.string().trim().max(10).default(''), percent: z.string().trim().max(10).default('') });

/**
 * What the commerce settings form submits: text for addresses (one line each) and tiers; turned into the stored
 * CommerceSettings shape by updateCommerceSettings, which validates the result with commerceSettingsSchema too.
 */
export const commerceSettingsFormSchema = z.object({
  taxInclusive: z.boolean().default(false),
  sellerName: z.string().trim().min(1, 'is required').max(160, 'must be at most 160 characters'),
  sellerCountry: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
  sellerRegion: optionalText(100),
  sellerAddressLines: z
    .string()
    .max(1100)
    .default('')
    .transform((v, ctx) => {
      const lines = v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      if (lines.length > 5) ctx.addIssue({ code: 'custom', message: 'can have at most 5 lines' });
      if (lines.some((l) => l.length > 200)) ctx.addIssue({ code: 'custom', message: 'lines must be at most 200 characters' });
      return lines;
    }),
  sellerTaxId: optionalText(40),
  sellerRegistrationNumber: optionalText(60),
  sellerRegistrationPlace: optionalText(120),
  invoiceFooter: z.string().trim().max(1000, 'must be at most 1000 characters').default(''),
  viesEnabled: z.boolean().default(false),
  viesMaxAgeDays: z
    .string()
    .trim()
    .default('7')
    .refine((v) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 90, 'must be a whole number of days from 1 to 90')
    .transform(Number),
  loyaltyTiers: z
    .array(loyaltyTierTextSchema)
    .max(20)
    .default([])
    .transform((rows, ctx) => {
      const tiers: { months: number; percentBp: number }[] = [];
      for (const row of rows) {
        if (!row.months && !row.percent) continue;
        const months = /^\d{1,3}$/.test(row.months) ? Number(row.months) : NaN;
        const percentBp = parseScaledDecimal(row.percent, 2);
        if (!(months >= 1 && months <= 600) || percentBp === null || percentBp < 1 || percentBp > 2000) {
          ctx.addIssue({ code: 'custom', message: 'each tier needs 1–600 months and a discount above 0 and at most 20 %' });
          return z.NEVER;
        }
        tiers.push({ months, percentBp });
      }
      if (new Set(tiers.map((t) => t.months)).size !== tiers.length) ctx.addIssue({ code: 'custom', message: 'cannot list the same number of months twice' });
      if (tiers.length > 10) ctx.addIssue({ code: 'custom', message: 'can have at most 10 tiers' });
      return tiers.sort((a, b) => a.months - b.months);
    }),
  invoiceNumberFormat: z
    .string()
    .trim()
    .min(5, 'must be at least 5 characters')
    .max(40, 'must be at most 40 characters')
    .regex(/\{SEQ(:\d)?\}/, 'needs a {SEQ} or {SEQ:n} token'),
  orderInvoiceDueDays: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'must be a whole number of days from 0 to 60')
    .transform(Number)
    .refine((n) => n <= 60, 'must be a whole number of days from 0 to 60'),
});

export type CommerceSettingsFormInput = z.input<typeof commerceSettingsFormSchema>;
