import { z } from 'zod';
import { USAGE_AGGREGATIONS } from '@/db/schema/storefront';
import { parseFixed, PRICE_SCALE, QUANTITY_SCALE, type FixedParse } from './decimal';

const REASONS: Record<Exclude<FixedParse, { ok: true }>['reason'], (decimals: number) => string> = {
  format: () => 'must be a decimal number written as text, such as "1.5"',
  negative: () => 'cannot be negative',
  decimals: (d) => `can have at most ${d} decimals`,
  too_large: () => 'is too large',
};

/** Decimal text → BigInt at `scale` (a float is refused: it may already have lost digits). */
const fixedText = (scale: number) =>
  z.string({ error: 'must be a decimal number written as text, such as "1.5"' }).transform((text, ctx) => {
    const parsed = parseFixed(text.trim(), scale);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: REASONS[parsed.reason](scale) });
    return z.NEVER;
  });

export const quantitySchema = fixedText(QUANTITY_SCALE);
export const unitPriceSchema = fixedText(PRICE_SCALE);

/** One usage event as a reporter (a worker, the CLI) sends it. */
export const usageEventSchema = z.object({
  service: z.string({ error: 'is required' }).trim().regex(/^svc_[A-Za-z0-9_]{1,28}$/, 'must be a service id such as svc_…'),
  meter: z.string({ error: 'is required' }).trim().min(1, 'is required').max(40, 'must be at most 40 characters'),
  quantity: quantitySchema,
  at: z.union([z.date(), z.string()], { error: 'must be an ISO date-time' }).transform((v, ctx) => {
    const d = typeof v === 'string' ? new Date(v) : v;
    if (!Number.isNaN(d.getTime()) && (typeof v !== 'string' || /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v))) return d;
    ctx.addIssue({ code: 'custom', message: 'must be an ISO date-time such as 2026-03-01T12:00:00Z' });
    return z.NEVER;
  }),
  transactionId: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  /** What a unique-count meter counts once per period. */
  uniqueKey: z.string().trim().min(1).max(191, 'must be at most 191 characters').optional(),
});
export type UsageEventInput = z.input<typeof usageEventSchema>;
export type UsageEvent = z.output<typeof usageEventSchema>;

/** A plan meter as staff or the CLI set it: unit prices in minor units per unit, per currency. */
export const planMeterInputSchema = z.object({
  planId: z.number().int().positive(),
  meter: z.string().trim().min(1).max(40),
  aggregation: z.enum(USAGE_AGGREGATIONS, { error: `must be one of ${USAGE_AGGREGATIONS.join(', ')}` }).optional(),
  incrementStep: quantitySchema.nullable().optional(),
  includedQuantity: quantitySchema.optional(),
  prices: z.record(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'), unitPriceSchema).refine((p) => Object.keys(p).length > 0, 'needs at least one currency'),
});
export type PlanMeterInput = z.input<typeof planMeterInputSchema>;
