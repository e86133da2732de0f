import { z } from 'zod';
import { parseScaledDecimal } from '@/lib/money/parse-decimal';

/** The cycles that may have their own invoice lead time (the ones billingSettingsSchema knows). */
export const LEAD_TIME_CYCLES = ['monthly', 'quarterly', 'semiannual', 'annual', 'biennial', 'triennial'] as const;
export const BILLING_EMAIL_KEYS = ['invoiceIssued', 'paymentReceipt', 'reminders', 'overdueNotices', 'suspension', 'termination'] as const;

const dayText = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, `must be a whole number of days from 0 to ${max}`)
    .transform(Number)
    .refine((n) => n <= max, `must be a whole number of days from 0 to ${max}`);

/** A whole number of minor units (cents), for limits that hold in every currency. */
const minorUnitsText = z
  .string()
  .trim()
  .regex(/^\d{1,10}$/, 'must be a whole number of minor units (e.g. 500 for 5.00)')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 100_000_000, 'must be between 1 and 100000000');

/** Blank: no override (the general value applies). */
const optionalDayText = (max: number) =>
  z
    .string()
    .trim()
    .default('')
    .pipe(z.union([z.literal('').transform(() => undefined), dayText(max)]));

/**
 * What the billing settings form submits, as text; updateBillingSettings turns it into BillingSettings (late fee
 * amounts need the currencies' minor digits, so they stay text here) and validates that with billingSettingsSchema.
 * Field errors are named by their path joined with "_" (cycleDays_annual, overdueNoticeDays_0, lateFeeFixed_EUR).
 */
export const billingSettingsFormSchema = z
  .object({
    invoiceDaysBefore: dayText(60),
    cycleDays: z.object({
      monthly: optionalDayText(90),
      quarterly: optionalDayText(90),
      semiannual: optionalDayText(90),
      annual: optionalDayText(90),
      biennial: optionalDayText(90),
      triennial: optionalDayText(90),
    }),
    invoiceGrouping: z.enum(['per_customer_day', 'per_service'], 'must be one of the choices'),
    applyCreditAutomatically: z.boolean().default(false),
    reminderDaysBefore: dayText(30),
    noticeOnDueDate: z.boolean().default(false),
    overdueNoticeDays: z.tuple([dayText(90), dayText(90), dayText(90)]),
    lateFeeAfterDays: dayText(90),
    lateFeeType: z.enum(['fixed', 'percent'], 'must be fixed or percent'),
    downgradeRefund: z.enum(['credit', 'none'], 'must be credit or none'),
    /** Major-unit amounts per currency code ("5.00"); blank: no fixed fee in that currency. */
    lateFeeFixed: z.record(z.string().regex(/^[A-Z]{3}$/), z.string().trim().max(30)).default({}),
    lateFeePercent: z
      .string()
      .trim()
      .default('')
      .transform((v, ctx) => {
        const bp = v === '' ? 0 : parseScaledDecimal(v, 2);
        if (bp === null || bp < 0 || bp > 5000) {
          ctx.addIssue({ code: 'custom', message: 'must be a percentage from 0 to 50 with at most two decimals' });
          return z.NEVER;
        }
        return bp;
      }),
    suspendAfterDays: dayText(365),
    terminateAfterDays: dayText(730),
    addFundsMinMinor: minorUnitsText,
    addFundsMaxMinor: minorUnitsText,
    emails: z.object({
      invoiceIssued: z.boolean().default(false),
      paymentReceipt: z.boolean().default(false),
      reminders: z.boolean().default(false),
      overdueNotices: z.boolean().default(false),
      suspension: z.boolean().default(false),
      termination: z.boolean().default(false),
    }),
  })
  .superRefine((v, ctx) => {
    if (v.addFundsMaxMinor < v.addFundsMinMinor) ctx.addIssue({ code: 'custom', path: ['addFundsMaxMinor'], message: 'must not be below the minimum' });
    if (v.suspendAfterDays > 0 && v.terminateAfterDays > 0 && v.terminateAfterDays <= v.suspendAfterDays) {
      ctx.addIssue({ code: 'custom', path: ['terminateAfterDays'], message: 'must be more days than the suspension (or 0: never)' });
    }
  });

export type BillingSettingsFormInput = z.input<typeof billingSettingsFormSchema>;

/** Issues by their path joined with "_", so nested inputs (cycleDays_annual) show their own error. */
export function billingFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.length ? issue.path.map(String).join('_') : 'form'] ??= []).push(issue.message);
  return out;
}
