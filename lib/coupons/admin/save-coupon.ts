import { and, eq, inArray, ne } from 'drizzle-orm';
import { couponAmounts, coupons, currencies, plans, productGroups } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { SfDb, StorefrontTx } from '@/lib/db/connection';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { changedFields } from '@/lib/settings/admin/changed-fields';
import { parseScaledDecimal } from '@/lib/money/parse-decimal';
import { couponFormSchema, type CouponForm, type CouponFormInput } from './schemas';

const DAY_MS = 86_400_000;

export interface CouponAmountRow {
  currency: string;
  discountMinor: number;
  minOrderMinor: number;
}

type CouponValues = Omit<typeof coupons.$inferInsert, 'id' | 'usesCount' | 'createdAt' | 'updatedAt'>;

/** What the audit log records of a coupon: every editable field, amounts as a currency map. */
export function couponSnapshot(c: CouponValues, amounts: CouponAmountRow[]): Record<string, unknown> {
  return {
    code: c.code,
    description: c.description ?? null,
    type: c.type,
    percentBp: c.percentBp ?? 0,
    trialDays: c.trialDays ?? 0,
    duration: c.duration ?? 'first_invoice',
    recurringCycles: c.recurringCycles ?? 0,
    planIds: c.planIds,
    groupIds: c.groupIds,
    cycles: c.cycles,
    countries: c.countries,
    startsAt: c.startsAt?.toISOString() ?? null,
    endsAt: c.endsAt?.toISOString() ?? null,
    maxUses: c.maxUses ?? null,
    maxUsesPerCustomer: c.maxUsesPerCustomer ?? null,
    newCustomersOnly: c.newCustomersOnly ?? false,
    stackable: c.stackable ?? false,
    active: c.active ?? true,
    amounts: Object.fromEntries([...amounts].sort((a, b) => a.currency.localeCompare(b.currency)).map((a) => [a.currency, { discountMinor: a.discountMinor, minOrderMinor: a.minOrderMinor }])),
  };
}

function invalidCoupon(fieldErrors: Record<string, string[]>): AppError {
  return new AppError('bad_request', 'Check the highlighted fields.', fieldErrors);
}

/** Major-unit text per currency → minor units with that currency's digits; field errors name `discount_EUR` etc. */
async function parseAmounts(tx: StorefrontTx, form: CouponForm): Promise<CouponAmountRow[]> {
  const known = await tx.select({ code: currencies.code, minorDigits: currencies.minorDigits }).from(currencies);
  const digits = new Map(known.map((c) => [c.code, c.minorDigits]));
  const errors: Record<string, string[]> = {};
  const rows: CouponAmountRow[] = [];
  for (const [currency, text] of Object.entries(form.amounts)) {
    const d = digits.get(currency);
    if (d === undefined) {
      if (text.discount || text.minOrder) errors[`discount_${currency}`] = [`${currency} is not a currency of this storefront`];
      continue;
    }
    const parse = (value: string, field: string): number => {
      if (value === '') return 0;
      const minor = parseScaledDecimal(value, d);
      if (minor === null) errors[`${field}_${currency}`] = [`must be an amount like ${d > 0 ? `12.${'5'.padEnd(d, '0')}` : '1200'}, not negative`];
      return minor ?? 0;
    };
    const discountMinor = form.type === 'fixed' ? parse(text.discount, 'discount') : 0;
    const minOrderMinor = parse(text.minOrder, 'minOrder');
    if (form.type === 'fixed' && discountMinor === 0 && minOrderMinor > 0) errors[`discount_${currency}`] = ['is needed where a minimum order is set'];
    if (discountMinor > 0 || minOrderMinor > 0) rows.push({ currency, discountMinor, minOrderMinor });
  }
  if (Object.keys(errors).length) throw invalidCoupon(errors);
  if (form.type === 'fixed' && !rows.some((r) => r.discountMinor > 0)) {
    throw invalidCoupon({ amounts: ['a fixed coupon needs a discount amount in at least one currency'] });
  }
  return rows;
}

async function assertTargetsExist(tx: StorefrontTx, form: CouponForm): Promise<void> {
  const errors: Record<string, string[]> = {};
  if (form.planIds.length) {
    const found = await tx.select({ id: plans.id }).from(plans).where(inArray(plans.id, form.planIds));
    if (found.length !== new Set(form.planIds).size) errors.planIds = ['include a plan that no longer exists'];
  }
  if (form.groupIds.length) {
    const found = await tx.select({ id: productGroups.id }).from(productGroups).where(inArray(productGroups.id, form.groupIds));
    if (found.length !== new Set(form.groupIds).size) errors.groupIds = ['include a product group that no longer exists'];
  }
  if (Object.keys(errors).length) throw invalidCoupon(errors);
}

async function prepare(tx: StorefrontTx, input: CouponFormInput): Promise<{ values: CouponValues; amounts: CouponAmountRow[] }> {
  const parsed = couponFormSchema.safeParse(input);
  if (!parsed.success) throw invalidCoupon(fieldErrorsOf(parsed.error));
  const form = parsed.data;
  const amounts = await parseAmounts(tx, form);
  await assertTargetsExist(tx, form);
  const values: CouponValues = {
    code: form.code,
    description: form.description,
    type: form.type,
    percentBp: form.type === 'percent' ? (parseScaledDecimal(form.percent, 2) ?? 0) : 0,
    trialDays: form.type === 'extra_trial_days' ? (form.trialDays ?? 0) : 0,
    duration: form.duration,
    recurringCycles: form.duration === 'recurring_cycles' ? (form.recurringCycles ?? 1) : 0,
    planIds: [...new Set(form.planIds)].sort((a, b) => a - b),
    groupIds: [...new Set(form.groupIds)].sort((a, b) => a - b),
    cycles: [...new Set(form.cycles)],
    countries: form.countries,
    startsAt: form.startsOn,
    // A coupon ending on a day is valid through that whole day (UTC).
    endsAt: form.endsOn ? new Date(form.endsOn.getTime() + DAY_MS - 1) : null,
    maxUses: form.maxUses,
    maxUsesPerCustomer: form.maxUsesPerCustomer,
    newCustomersOnly: form.newCustomersOnly,
    stackable: form.stackable,
    active: form.active,
  };
  return { values, amounts };
}

function duplicateCode(code: string): AppError {
  return new AppError('conflict', `A coupon with the code ${code} already exists.`, { code: ['is already used by another coupon'] });
}

/** Creates a coupon and its per-currency amounts, audited as coupon.created. */
export async function createCoupon(db: SfDb, opts: { input: CouponFormInput; actor: AuditActor }): Promise<{ id: number; code: string }> {
  try {
    return await db.transaction(async (tx) => {
      const { values, amounts } = await prepare(tx, opts.input);
      const [res] = await tx.insert(coupons).values(values);
      const id = res.insertId;
      if (amounts.length) await tx.insert(couponAmounts).values(amounts.map((a) => ({ ...a, couponId: id })));
      await recordAudit(tx, { actor: opts.actor, action: 'coupon.created', target: { type: 'coupon', id }, after: couponSnapshot(values, amounts) });
      return { id, code: values.code };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateCode(couponCodeOf(opts.input));
    throw err;
  }
}

/** Replaces every editable field of a coupon (uses so far are kept); audits only what changed. */
export async function updateCoupon(db: SfDb, opts: { couponId: number; input: CouponFormInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select().from(coupons).where(eq(coupons.id, opts.couponId)).for('update');
      if (!current) throw new AppError('not_found', 'That coupon does not exist.');
      const currentAmounts = await tx
        .select({ currency: couponAmounts.currency, discountMinor: couponAmounts.discountMinor, minOrderMinor: couponAmounts.minOrderMinor })
        .from(couponAmounts)
        .where(eq(couponAmounts.couponId, current.id));
      const { values, amounts } = await prepare(tx, opts.input);
      const diff = changedFields(couponSnapshot(current, currentAmounts), couponSnapshot(values, amounts));
      if (!diff.changed) return { changed: false };
      // Checked here as well as by the unique index, so the message names the field before any write.
      const [clash] = await tx
        .select({ id: coupons.id })
        .from(coupons)
        .where(and(eq(coupons.code, values.code), ne(coupons.id, current.id)));
      if (clash) throw duplicateCode(values.code);
      await tx.update(coupons).set(values).where(eq(coupons.id, current.id));
      await tx.delete(couponAmounts).where(eq(couponAmounts.couponId, current.id));
      if (amounts.length) await tx.insert(couponAmounts).values(amounts.map((a) => ({ ...a, couponId: current.id })));
      await recordAudit(tx, { actor: opts.actor, action: 'coupon.updated', target: { type: 'coupon', id: current.id }, before: diff.before, after: diff.after });
      return { changed: true };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateCode(couponCodeOf(opts.input));
    throw err;
  }
}

function couponCodeOf(input: CouponFormInput): string {
  return String(input.code ?? '')
    .trim()
    .toUpperCase();
}
