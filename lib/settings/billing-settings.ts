import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { settingsGroup } from './settings-group';

const days = (max: number) => z.number().int().min(0).max(max);

/** How the billing run behaves for a storefront. A day count of 0 turns that step off where noted. */
export const billingSettingsSchema = z.object({
  /** Renewal invoices are issued this many days before the due date… */
  invoiceDaysBefore: days(60),
  /** …or, per cycle, this many (e.g. annual 30). */
  invoiceDaysBeforeByCycle: z.partialRecord(z.enum(['monthly', 'quarterly', 'semiannual', 'annual', 'biennial', 'triennial']), days(90)),
  /** One invoice per customer per due date, or one per service. */
  invoiceGrouping: z.enum(['per_customer_day', 'per_service']),
  applyCreditAutomatically: z.boolean(),
  /** Reminder this many days before the due date (0: off). */
  reminderDaysBefore: days(30),
  /** A notice on the due date itself. */
  noticeOnDueDate: z.boolean(),
  /** First, second and third overdue notices, in days after the due date (0: off). */
  overdueNoticeDays: z.tuple([days(90), days(90), days(90)]),
  /** Late fee after this many overdue days (0: off): a fixed amount per currency or a percentage of the invoice. */
  lateFeeAfterDays: days(90),
  lateFeeType: z.enum(['fixed', 'percent']),
  lateFeeFixedMinor: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().min(0).max(1_000_000_00)),
  lateFeePercentBp: z.number().int().min(0).max(5000),
  /** Suspend services whose invoice is overdue more than this many days, terminate after that many (0: never). */
  suspendAfterDays: days(365),
  terminateAfterDays: days(730),
  /** Limits of one "add funds" invoice, in minor units of its currency. */
  addFundsMinMinor: z.number().int().min(1).max(1_000_000_00),
  addFundsMaxMinor: z.number().int().min(1).max(1_000_000_00),
  /** What a mid-cycle downgrade gives back for the unused difference: account credit, or nothing. */
  downgradeRefund: z.enum(['credit', 'none']),
  /** Emails the billing run sends; each can be switched off. */
  emails: z.object({
    invoiceIssued: z.boolean(),
    paymentReceipt: z.boolean(),
    reminders: z.boolean(),
    overdueNotices: z.boolean(),
    suspension: z.boolean(),
    termination: z.boolean(),
  }),
});

export type BillingSettings = z.infer<typeof billingSettingsSchema>;

export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  invoiceDaysBefore: 7,
  invoiceDaysBeforeByCycle: {},
  invoiceGrouping: 'per_customer_day',
  applyCreditAutomatically: true,
  reminderDaysBefore: 3,
  noticeOnDueDate: true,
  overdueNoticeDays: [1, 3, 7],
  lateFeeAfterDays: 0,
  lateFeeType: 'fixed',
  lateFeeFixedMinor: {},
  lateFeePercentBp: 0,
  suspendAfterDays: 3,
  terminateAfterDays: 30,
  addFundsMinMinor: 500,
  addFundsMaxMinor: 100_000,
  downgradeRefund: 'credit',
  emails: { invoiceIssued: true, paymentReceipt: true, reminders: true, overdueNotices: true, suspension: true, termination: true },
};

const billing = settingsGroup('billing', billingSettingsSchema, DEFAULT_BILLING_SETTINGS);

export async function getBillingSettings(db: SfDb): Promise<BillingSettings> {
  return billing.get(db);
}

/** Writes only the keys given; the caller audits the change in the same transaction. */
export async function saveBillingSettings(db: SfDb, patch: Partial<BillingSettings>): Promise<void> {
  await billing.save(db, patch);
}

/** Days before the due date a service of this cycle is invoiced. */
export function invoiceLeadDays(settings: BillingSettings, cycle: string): number {
  return (settings.invoiceDaysBeforeByCycle as Record<string, number | undefined>)[cycle] ?? settings.invoiceDaysBefore;
}
