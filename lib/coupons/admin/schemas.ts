import { z } from 'zod';
import { BILLING_CYCLES, COUPON_DURATIONS, COUPON_TYPES } from '@/db/schema/storefront';
import { parseScaledDecimal } from '@/lib/money/parse-decimal';

const id = z.coerce.number().int().positive();

/** Blank → null, else a whole number in range ("unlimited" when blank). */
const optionalCount = (min: number, max: number) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((v, ctx) => {
      const text = v === null || v === undefined ? '' : String(v).trim();
      if (text === '') return null;
      if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return Number(text);
    });

/** A date input's "YYYY-MM-DD" (UTC), blank → null. */
const optionalDay = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00.000Z`) : null;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD)' });
      return z.NEVER;
    }
    return d;
  });

export const couponCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{3,40}$/, 'must be 3–40 characters: letters, digits, - or _');

/** "DE, fr ,at" → ["AT", "DE", "FR"]; blank = any country. */
const countryList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v, ctx) => {
    const parts = (Array.isArray(v) ? v : (v ?? '').split(/[,\s]+/)).map((s) => s.trim().toUpperCase()).filter(Boolean);
    const bad = parts.filter((p) => !/^[A-Z]{2}$/.test(p));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `must be two-letter country codes separated by commas (not ${bad.slice(0, 3).join(', ')})` });
      return z.NEVER;
    }
    return [...new Set(parts)].sort();
  });

/** Per currency: the fixed discount and the minimum order, as major-unit decimal text ("9.99"); blank = none. */
export const couponAmountTextSchema = z.object({
  discount: z.string().trim().max(20).optional().default(''),
  minOrder: z.string().trim().max(20).optional().default(''),
});

/**
 * What the coupon form submits (and what tests and scripts pass): text where people type numbers, since amounts
 * are parsed later with each currency's minor digits. Cross-field rules live here; amounts are checked by the
 * save operation, which knows the currencies.
 */
export const couponFormSchema = z
  .object({
    code: couponCodeSchema,
    description: z
      .string()
      .trim()
      .max(255, 'must be at most 255 characters')
      .optional()
      .transform((v) => v || null),
    type: z.enum(COUPON_TYPES, 'choose a coupon type'),
    /** Percent coupons: "12.5" means 12.5 %. */
    percent: z.string().trim().max(10).optional().default(''),
    trialDays: optionalCount(1, 365),
    duration: z.enum(COUPON_DURATIONS, 'choose how long the discount lasts').default('first_invoice'),
    recurringCycles: optionalCount(1, 1000),
    planIds: z.array(id).max(1000).default([]),
    groupIds: z.array(id).max(1000).default([]),
    cycles: z.array(z.enum(BILLING_CYCLES)).max(BILLING_CYCLES.length).default([]),
    countries: countryList,
    startsOn: optionalDay,
    endsOn: optionalDay,
    maxUses: optionalCount(1, 100_000_000),
    maxUsesPerCustomer: optionalCount(1, 100_000_000),
    newCustomersOnly: z.boolean().default(false),
    stackable: z.boolean().default(false),
    active: z.boolean().default(true),
    amounts: z.record(z.string().regex(/^[A-Z]{3}$/), couponAmountTextSchema).default({}),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'percent') {
      const bp = parseScaledDecimal(v.percent, 2);
      if (bp === null || bp <= 0 || bp > 10_000) {
        ctx.addIssue({ code: 'custom', path: ['percent'], message: 'must be a percentage above 0 and at most 100 (up to 2 decimals)' });
      }
    }
    if (v.type === 'extra_trial_days' && v.trialDays === null) ctx.addIssue({ code: 'custom', path: ['trialDays'], message: 'is required for an extra-trial-days coupon' });
    if (v.duration === 'recurring_cycles' && v.recurringCycles === null) {
      ctx.addIssue({ code: 'custom', path: ['recurringCycles'], message: 'must be at least 1 for a discount over several cycles' });
    }
    if (v.startsOn && v.endsOn && v.endsOn <= v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must be after the start date' });
    if (v.maxUses !== null && v.maxUsesPerCustomer !== null && v.maxUsesPerCustomer > v.maxUses) {
      ctx.addIssue({ code: 'custom', path: ['maxUsesPerCustomer'], message: 'cannot exceed the overall maximum' });
    }
  });

export type CouponFormInput = z.input<typeof couponFormSchema>;
export type CouponForm = z.output<typeof couponFormSchema>;

export const couponIdSchema = z.object({ couponId: id });
