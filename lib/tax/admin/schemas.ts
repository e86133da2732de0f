import { z } from 'zod';
import { parseScaledDecimal } from '@/lib/money/parse-decimal';

/** "8.875" (percent) → 8875 thousandths of a percent; 0 to 100 inclusive. */
export const taxRateSchema = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const milli = parseScaledDecimal(String(v), 3);
    if (milli === null || milli > 100_000) {
      ctx.addIssue({ code: 'custom', message: 'must be a percentage from 0 to 100 with at most 3 decimals (e.g. 8.875)' });
      return z.NEVER;
    }
    return milli;
  });

export const taxRuleFormSchema = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
  /** Blank = the whole country. */
  region: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .optional()
    .transform((v) => v ?? ''),
  name: z.string().trim().min(1, 'is required (e.g. VAT, GST, Sales tax)').max(60, 'must be at most 60 characters'),
  rate: taxRateSchema,
  active: z.boolean().default(true),
});

export type TaxRuleFormInput = z.input<typeof taxRuleFormSchema>;
export type TaxRuleForm = z.output<typeof taxRuleFormSchema>;

export const taxRuleIdSchema = z.object({ ruleId: z.coerce.number().int().positive() });
