'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { gridCurrencies } from '@/lib/catalog/admin/price-grid';
import { failed } from '@/lib/forms/action-result';
import { BILLING_EMAIL_KEYS, LEAD_TIME_CYCLES } from '@/lib/settings/admin/billing-settings-form';
import { updateBillingSettings } from '@/lib/settings/admin/update-billing-settings';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const text = (data: FormData, name: string): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v.slice(0, 100) : '';
};

const TEXT = ['invoiceDaysBefore', 'invoiceGrouping', 'reminderDaysBefore', 'lateFeeAfterDays', 'lateFeeType', 'downgradeRefund', 'lateFeePercent', 'suspendAfterDays', 'terminateAfterDays', 'addFundsMinMinor', 'addFundsMaxMinor'] as const;
const FLAGS = ['applyCreditAutomatically', 'noticeOnDueDate'] as const;

export async function saveBillingSettingsAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const values: Record<string, string> = {};
  for (const n of TEXT) values[n] = text(data, n);
  for (const n of FLAGS) values[n] = data.get(n) === 'on' ? 'on' : '';
  for (const c of LEAD_TIME_CYCLES) values[`cycleDays_${c}`] = text(data, `cycleDays_${c}`);
  for (const i of [0, 1, 2]) values[`overdueNoticeDays_${i}`] = text(data, `overdueNoticeDays_${i}`);
  for (const k of BILLING_EMAIL_KEYS) values[`emails_${k}`] = data.get(`emails_${k}`) === 'on' ? 'on' : '';
  const enabled = await gridCurrencies(access.ctx.db);
  const lateFeeFixed: Record<string, string> = {};
  for (const { code } of enabled) lateFeeFixed[code] = values[`lateFeeFixed_${code}`] = text(data, `lateFeeFixed_${code}`);
  try {
    const res = await updateBillingSettings(access.ctx.db, {
      input: {
        invoiceDaysBefore: values.invoiceDaysBefore!,
        cycleDays: Object.fromEntries(LEAD_TIME_CYCLES.map((c) => [c, values[`cycleDays_${c}`]!])) as Record<(typeof LEAD_TIME_CYCLES)[number], string>,
        invoiceGrouping: values.invoiceGrouping as 'per_customer_day',
        applyCreditAutomatically: values.applyCreditAutomatically === 'on',
        reminderDaysBefore: values.reminderDaysBefore!,
        noticeOnDueDate: values.noticeOnDueDate === 'on',
        overdueNoticeDays: [values.overdueNoticeDays_0!, values.overdueNoticeDays_1!, values.overdueNoticeDays_2!],
        lateFeeAfterDays: values.lateFeeAfterDays!,
        lateFeeType: values.lateFeeType as 'fixed',
        downgradeRefund: values.downgradeRefund as 'credit',
        lateFeeFixed,
        lateFeePercent: values.lateFeePercent,
        suspendAfterDays: values.suspendAfterDays!,
        terminateAfterDays: values.terminateAfterDays!,
        addFundsMinMinor: values.addFundsMinMinor!,
        addFundsMaxMinor: values.addFundsMaxMinor!,
        emails: Object.fromEntries(BILLING_EMAIL_KEYS.map((k) => [k, values[`emails_${k}`] === 'on'])) as Record<(typeof BILLING_EMAIL_KEYS)[number], boolean>,
      },
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath('/settings/billing');
    return { ok: true, message: res.changed.length ? `Saved (${res.changed.length} setting${res.changed.length === 1 ? '' : 's'} changed).` : 'Nothing changed.' };
  } catch (err) {
    return failed(err, values);
  }
}
