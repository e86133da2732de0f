import { BILLING_CYCLES, COUPON_DURATIONS, COUPON_TYPES, type Coupon } from '@/db/schema/storefront';
import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { couponDurationLabel, couponFormDefaults, couponTypeLabel } from '@/lib/coupons/admin/describe-coupon';
import type { couponFormOptions } from '@/lib/coupons/admin/list-coupons';
import type { CouponAmountRow } from '@/lib/coupons/admin/save-coupon';
import { joinedDigits } from '@/lib/money/currency-book';
import { CheckboxField, CheckboxList, FormErrors, SelectField, TextField } from '@/components/ui/form-fields';

type Options = Awaited<ReturnType<typeof couponFormOptions>>;

const DURATION_LABELS: Record<Coupon['duration'], string> = {
  first_invoice: 'First invoice only',
  recurring_cycles: 'A number of billing cycles',
  lifetime: 'Lifetime of the service',
};

/** Every coupon field; used to create (no coupon) and to edit. */
export function CouponForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  options: Options;
  coupon?: Coupon & { amounts: CouponAmountRow[] };
}) {
  const { coupon, options } = props;
  const digits = new Map(options.currencies.map((c) => [c.code, c.minorDigits]));
  const d = coupon ? couponFormDefaults(coupon, coupon.amounts, (cur) => joinedDigits(cur, digits.get(cur) ?? null)) : {};
  return (
    <ActionForm actionRow className="space-y-4" action={props.action} submitLabel={coupon ? 'Save coupon' : 'Create coupon'}>
      {coupon ? <input type="hidden" name="couponId" value={coupon.id} /> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="code" label="Code" defaultValue={d.code} maxLength={40} hint="3–40 letters, digits, - or _; stored upper-case." />
        <TextField name="description" label="Description (staff only)" defaultValue={d.description} maxLength={255} />
        <SelectField name="type" label="Type" defaultValue={coupon?.type ?? 'percent'} options={COUPON_TYPES.map((t) => ({ value: t, label: couponTypeLabel(t) }))} />
        <TextField name="percent" label="Percent off" defaultValue={d.percent} maxLength={10} inputMode="decimal" hint="Percent coupons: e.g. 12.5 (more than 0, at most 100)." />
        <TextField name="trialDays" label="Extra trial days" defaultValue={d.trialDays} maxLength={3} inputMode="numeric" hint="Extra-trial-days coupons: 1–365." />
        <SelectField
          name="duration"
          label="Duration"
          defaultValue={coupon?.duration ?? 'first_invoice'}
          options={COUPON_DURATIONS.map((v) => ({ value: v, label: DURATION_LABELS[v] }))}
        />
        <TextField name="recurringCycles" label="Number of cycles" defaultValue={d.recurringCycles} maxLength={4} inputMode="numeric" hint="When the duration is a number of cycles (at least 1)." />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Amounts per currency</legend>
        <p className="text-xs text-slate-500">
          Discount: fixed coupons only, in major units (e.g. 5.00). Minimum order: any coupon; blank means none. A fixed coupon applies only in currencies with a discount.
        </p>
        <div className="grid gap-3 md:grid-cols-3">
          {options.currencies.map((c) => (
            <div key={c.code} className="space-y-2 rounded border border-slate-200 p-3">
              <div className="text-sm font-semibold">{c.code}</div>
              <TextField name={`discount_${c.code}`} label={`${c.code} discount`} defaultValue={d[`discount_${c.code}`]} maxLength={20} inputMode="decimal" />
              <TextField name={`minOrder_${c.code}`} label={`${c.code} minimum order`} defaultValue={d[`minOrder_${c.code}`]} maxLength={20} inputMode="decimal" />
            </div>
          ))}
        </div>
      </fieldset>

      <CheckboxList
        name="planIds"
        legend="Applies to plans"
        hint="None ticked: any plan."
        items={options.plans.map((p) => ({ value: String(p.id), label: `${p.name}${p.status === 'active' ? '' : ` (${p.status})`}` }))}
        checked={(coupon?.planIds ?? []).map(String)}
        empty="No plans yet."
      />
      <CheckboxList
        name="groupIds"
        legend="Applies to product groups"
        hint="None ticked: any group."
        items={options.groups.map((g) => ({ value: String(g.id), label: g.name }))}
        checked={(coupon?.groupIds ?? []).map(String)}
        empty="No product groups yet."
      />
      <CheckboxList name="cycles" legend="Applies to billing cycles" hint="None ticked: any cycle." items={BILLING_CYCLES.map((c) => ({ value: c, label: c.replace('_', ' ') }))} checked={coupon?.cycles ?? []} />

      <div className="grid gap-4 md:grid-cols-2">
        <TextField name="countries" label="Countries" defaultValue={d.countries} maxLength={500} placeholder="DE, FR, AT" hint="Two-letter codes, comma-separated; blank: any country." />
        <div />
        <TextField name="startsOn" label="Starts on" type="date" defaultValue={d.startsOn} hint="Blank: valid at once (UTC days)." />
        <TextField name="endsOn" label="Ends on" type="date" defaultValue={d.endsOn} hint="Valid through this whole day; blank: no end." />
        <TextField name="maxUses" label="Maximum uses overall" defaultValue={d.maxUses} maxLength={9} inputMode="numeric" hint="Blank: unlimited." />
        <TextField name="maxUsesPerCustomer" label="Maximum uses per customer" defaultValue={d.maxUsesPerCustomer} maxLength={9} inputMode="numeric" hint="Blank: unlimited." />
      </div>

      <div className="space-y-2">
        <CheckboxField name="newCustomersOnly" label="New customers only" defaultChecked={coupon?.newCustomersOnly ?? false} hint="Customers without an earlier order." />
        <CheckboxField name="stackable" label="Stackable" defaultChecked={coupon?.stackable ?? false} hint="May be combined with other stackable coupons." />
        <CheckboxField name="active" label="Active" defaultChecked={coupon?.active ?? true} />
      </div>
      {coupon ? <p className="text-xs text-slate-500">Currently: {couponDurationLabel(coupon)}.</p> : null}
      <FormErrors names={[{ name: 'amounts', label: 'Amounts:' }]} />
    </ActionForm>
  );
}
