'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { deleteCoupon } from '@/lib/coupons/admin/delete-coupon';
import { createCoupon, updateCoupon } from '@/lib/coupons/admin/save-coupon';
import { couponIdSchema, type CouponFormInput } from '@/lib/coupons/admin/schemas';
import { failed } from '@/lib/forms/action-result';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const TEXT_FIELDS = ['code', 'description', 'type', 'percent', 'trialDays', 'duration', 'recurringCycles', 'countries', 'startsOn', 'endsOn', 'maxUses', 'maxUsesPerCustomer'] as const;
const LIST_FIELDS = ['planIds', 'groupIds', 'cycles'] as const;
const FLAGS = ['newCustomersOnly', 'stackable', 'active'] as const;
const AMOUNT_FIELD = /^(discount|minOrder)_([A-Z]{3})$/;

const text = (data: FormData, name: string): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
};
const list = (data: FormData, name: string): string[] => data.getAll(name).filter((v): v is string => typeof v === 'string');

/** The coupon form's FormData as the domain input, plus what was typed so the form can show it again. */
function readCouponForm(data: FormData): { input: CouponFormInput; values: Record<string, string> } {
  const values: Record<string, string> = {};
  for (const n of TEXT_FIELDS) values[n] = text(data, n).slice(0, 500);
  for (const n of LIST_FIELDS) values[n] = list(data, n).join(',');
  for (const n of FLAGS) values[n] = data.get(n) === 'on' ? 'on' : '';
  const amounts: Record<string, { discount: string; minOrder: string }> = {};
  for (const key of new Set(data.keys())) {
    const m = AMOUNT_FIELD.exec(key);
    if (!m) continue;
    const entry = (amounts[m[2]!] ??= { discount: '', minOrder: '' });
    entry[m[1] as 'discount' | 'minOrder'] = text(data, key).slice(0, 20);
    values[key] = entry[m[1] as 'discount' | 'minOrder'];
  }
  const input = {
    code: values.code,
    description: values.description,
    type: values.type,
    percent: values.percent,
    trialDays: values.trialDays,
    duration: values.duration,
    recurringCycles: values.recurringCycles,
    countries: values.countries,
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    maxUses: values.maxUses,
    maxUsesPerCustomer: values.maxUsesPerCustomer,
    planIds: list(data, 'planIds'),
    groupIds: list(data, 'groupIds'),
    cycles: list(data, 'cycles'),
    newCustomersOnly: values.newCustomersOnly === 'on',
    stackable: values.stackable === 'on',
    active: values.active === 'on',
    amounts,
  } as CouponFormInput;
  return { input, values };
}

export async function createCouponAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const { input, values } = readCouponForm(data);
  try {
    const { id, code } = await createCoupon(access.ctx.db, { input, actor: await staffChangeActor(access.staff) });
    revalidatePath('/coupons');
    return { ok: true, message: `Coupon ${code} created.`, redirectTo: `/coupons/${id}` };
  } catch (err) {
    return failed(err, values);
  }
}

export async function updateCouponAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = couponIdSchema.safeParse({ couponId: data.get('couponId') });
  if (!id.success) return { ok: false, message: 'Unknown coupon.' };
  const { input, values } = readCouponForm(data);
  try {
    const res = await updateCoupon(access.ctx.db, { couponId: id.data.couponId, input, actor: await staffChangeActor(access.staff) });
    revalidatePath('/coupons');
    revalidatePath(`/coupons/${id.data.couponId}`);
    return { ok: true, message: res.changed ? 'Coupon saved.' : 'Nothing changed.' };
  } catch (err) {
    return failed(err, values);
  }
}

export async function deleteCouponAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = couponIdSchema.safeParse({ couponId: data.get('couponId') });
  if (!id.success) return { ok: false, message: 'Unknown coupon.' };
  try {
    const { code } = await deleteCoupon(access.ctx.db, { couponId: id.data.couponId, actor: await staffChangeActor(access.staff) });
    revalidatePath('/coupons');
    return { ok: true, message: `Coupon ${code} deleted.`, redirectTo: '/coupons' };
  } catch (err) {
    return failed(err, {});
  }
}
