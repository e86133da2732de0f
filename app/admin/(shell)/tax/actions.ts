'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed } from '@/lib/forms/action-result';
import { LOYALTY_TIER_ROWS } from '@/lib/settings/admin/schemas';
import { updateCommerceSettings } from '@/lib/settings/admin/update-commerce-settings';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';
import { createTaxRule, deleteTaxRule, updateTaxRule } from '@/lib/tax/admin/save-tax-rule';
import { taxRuleIdSchema } from '@/lib/tax/admin/schemas';

const text = (data: FormData, name: string): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v.slice(0, 2000) : '';
};

function readRule(data: FormData) {
  const values = { country: text(data, 'country'), region: text(data, 'region'), name: text(data, 'name'), rate: text(data, 'rate'), active: data.get('active') === 'on' ? 'on' : '' };
  return { input: { ...values, active: values.active === 'on' }, values };
}

export async function createTaxRuleAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const { input, values } = readRule(data);
  try {
    await createTaxRule(access.ctx.db, { input, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, values);
  }
  revalidatePath('/tax');
  return { ok: true, message: 'Tax rule added.' };
}

export async function updateTaxRuleAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = taxRuleIdSchema.safeParse({ ruleId: data.get('ruleId') });
  if (!id.success) return { ok: false, message: 'Unknown tax rule.' };
  const { input, values } = readRule(data);
  try {
    const res = await updateTaxRule(access.ctx.db, { ruleId: id.data.ruleId, input, actor: await staffChangeActor(access.staff) });
    revalidatePath('/tax');
    return { ok: true, message: res.changed ? 'Saved.' : 'Nothing changed.' };
  } catch (err) {
    return failed(err, values);
  }
}

export async function deleteTaxRuleAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = taxRuleIdSchema.safeParse({ ruleId: data.get('ruleId') });
  if (!id.success) return { ok: false, message: 'Unknown tax rule.' };
  try {
    await deleteTaxRule(access.ctx.db, { ruleId: id.data.ruleId, actor: await staffChangeActor(access.staff) });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/tax');
  return { ok: true, message: 'Tax rule deleted.', redirectTo: '/tax' };
}

const SETTINGS_TEXT = [
  'sellerName',
  'sellerCountry',
  'sellerRegion',
  'sellerAddressLines',
  'sellerTaxId',
  'sellerRegistrationNumber',
  'sellerRegistrationPlace',
  'invoiceFooter',
  'invoiceNumberFormat',
  'orderInvoiceDueDays',
  'viesMaxAgeDays',
] as const;
const SETTINGS_FLAGS = ['taxInclusive', 'viesEnabled'] as const;

export async function saveCommerceSettingsAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const values: Record<string, string> = {};
  for (const n of SETTINGS_TEXT) values[n] = text(data, n);
  for (const n of SETTINGS_FLAGS) values[n] = data.get(n) === 'on' ? 'on' : '';
  const loyaltyTiers: { months: string; percent: string }[] = [];
  for (let i = 0; i < LOYALTY_TIER_ROWS; i++) {
    const months = text(data, `tierMonths_${i}`).slice(0, 10);
    const percent = text(data, `tierPercent_${i}`).slice(0, 10);
    values[`tierMonths_${i}`] = months;
    values[`tierPercent_${i}`] = percent;
    loyaltyTiers.push({ months, percent });
  }
  try {
    const res = await updateCommerceSettings(access.ctx.db, {
      input: {
        taxInclusive: values.taxInclusive === 'on',
        viesEnabled: values.viesEnabled === 'on',
        viesMaxAgeDays: values.viesMaxAgeDays!,
        sellerName: values.sellerName!,
        sellerCountry: values.sellerCountry!,
        sellerRegion: values.sellerRegion,
        sellerAddressLines: values.sellerAddressLines,
        sellerTaxId: values.sellerTaxId,
        sellerRegistrationNumber: values.sellerRegistrationNumber,
        sellerRegistrationPlace: values.sellerRegistrationPlace,
        invoiceFooter: values.invoiceFooter,
        invoiceNumberFormat: values.invoiceNumberFormat!,
        orderInvoiceDueDays: values.orderInvoiceDueDays!,
        loyaltyTiers,
      },
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath('/tax');
    revalidatePath('/settings/billing');
    return { ok: true, message: res.changed.length ? `Saved (${res.changed.length} setting${res.changed.length === 1 ? '' : 's'} changed).` : 'Nothing changed.' };
  } catch (err) {
    return failed(err, values);
  }
}
