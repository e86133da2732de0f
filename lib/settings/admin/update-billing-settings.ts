import { eq } from 'drizzle-orm';
import { currencies } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { parseMoney } from '@/lib/money/parse-money';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { billingSettingsSchema, getBillingSettings, saveBillingSettings, type BillingSettings } from '@/lib/settings/billing-settings';
import { billingFieldErrors, billingSettingsFormSchema, LEAD_TIME_CYCLES, type BillingSettingsFormInput } from './billing-settings-form';
import { changedFields } from './changed-fields';

const CHECK = 'Check the highlighted fields.';

/**
 * Saves every billing setting from the form; only the keys that changed are written and audited
 * (settings.billing.updated, before/after) in the same transaction. Fixed late fees are read per enabled currency
 * with integer string parsing; amounts kept for currencies no longer enabled stay as they were.
 */
export async function updateBillingSettings(db: SfDb, opts: { input: BillingSettingsFormInput; actor: AuditActor }): Promise<{ changed: (keyof BillingSettings)[] }> {
  const form = billingSettingsFormSchema.safeParse(opts.input);
  if (!form.success) throw new AppError('bad_request', CHECK, billingFieldErrors(form.error));
  const f = form.data;
  return db.transaction(async (tx) => {
    const current = await getBillingSettings(tx);
    const enabled = await tx.select({ code: currencies.code, minorDigits: currencies.minorDigits }).from(currencies).where(eq(currencies.enabled, true));
    const lateFeeFixedMinor: Record<string, number> = {};
    for (const [code, minor] of Object.entries(current.lateFeeFixedMinor)) if (!enabled.some((c) => c.code === code)) lateFeeFixedMinor[code] = minor;
    const errors: Record<string, string[]> = {};
    for (const c of enabled) {
      const parsed = parseMoney(f.lateFeeFixed[c.code], c.minorDigits);
      if (!parsed.ok) errors[`lateFeeFixed_${c.code}`] = [parsed.error];
      else if (parsed.minor !== null) lateFeeFixedMinor[c.code] = parsed.minor;
    }
    if (Object.keys(errors).length) throw new AppError('bad_request', CHECK, errors);

    const byCycle: BillingSettings['invoiceDaysBeforeByCycle'] = {};
    for (const cycle of LEAD_TIME_CYCLES) {
      const days = f.cycleDays[cycle];
      if (days !== undefined) byCycle[cycle] = days;
    }
    const next = billingSettingsSchema.safeParse({
      invoiceDaysBefore: f.invoiceDaysBefore,
      invoiceDaysBeforeByCycle: byCycle,
      invoiceGrouping: f.invoiceGrouping,
      applyCreditAutomatically: f.applyCreditAutomatically,
      reminderDaysBefore: f.reminderDaysBefore,
      noticeOnDueDate: f.noticeOnDueDate,
      overdueNoticeDays: f.overdueNoticeDays,
      lateFeeAfterDays: f.lateFeeAfterDays,
      lateFeeType: f.lateFeeType,
      lateFeeFixedMinor,
      lateFeePercentBp: f.lateFeePercent,
      suspendAfterDays: f.suspendAfterDays,
      terminateAfterDays: f.terminateAfterDays,
      addFundsMinMinor: f.addFundsMinMinor,
      addFundsMaxMinor: f.addFundsMaxMinor,
      // Not on the form yet: kept as stored.
      downgradeRefund: f.downgradeRefund,
      emails: f.emails,
    } satisfies BillingSettings);
    if (!next.success) throw new AppError('bad_request', CHECK, billingFieldErrors(next.error));

    const diff = changedFields<BillingSettings>(current, next.data);
    if (!diff.changed) return { changed: [] };
    await saveBillingSettings(tx, diff.after);
    await recordAudit(tx, { actor: opts.actor, action: 'settings.billing.updated', target: { type: 'settings', id: 'billing' }, before: diff.before, after: diff.after });
    return { changed: Object.keys(diff.after) as (keyof BillingSettings)[] };
  });
}
