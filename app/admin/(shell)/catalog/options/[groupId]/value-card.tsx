import type { BillingCycle, ConfigOptionValue, OptionType } from '@/db/schema/storefront/catalog';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, TextField } from '@/components/ui/form-fields';
import { PriceGrid } from '../../_components/price-grid';
import { saveValuePricesAction, updateValueAction } from '../actions';

type ValueWithPrices = ConfigOptionValue & { prices: { currency: string; cycle: BillingCycle; amountMinor: number; setupFeeMinor: number }[] };

const PRICE_HINT: Partial<Record<OptionType, string>> = {
  quantity: 'Prices are per unit and cycle.',
  yes_no: 'Prices apply when the customer chooses “yes”.',
};

/** One value of an option: its label and flags (code fixed for quantity and yes/no) and its prices grid. */
export function ValueCard(props: { groupId: number; type: OptionType; value: ValueWithPrices; currencies: { code: string; minorDigits: number; locale: string }[] }) {
  const v = props.value;
  const single = props.type === 'quantity' || props.type === 'yes_no';
  return (
    <div className="rounded border border-slate-200 p-3">
      <div className="text-sm font-medium">
        {single ? PRICE_HINT[props.type] : v.label} <span className="font-mono text-slate-500">{v.code}</span>
        {v.hidden ? <span className="ml-2 text-xs text-slate-500">(hidden)</span> : null}
      </div>
      {single ? null : (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-[var(--brand)]">Edit value</summary>
          <ActionForm actionRow action={updateValueAction} submitLabel="Save value" className="mt-2 grid gap-3 md:grid-cols-4">
            <input type="hidden" name="groupId" value={props.groupId} />
            <input type="hidden" name="valueId" value={v.id} />
            <TextField name="code" label="Code" defaultValue={v.code} maxLength={60} />
            <TextField name="label" label="Label" defaultValue={v.label} maxLength={120} />
            <TextField name="sortOrder" label="Sort order" type="number" defaultValue={String(v.sortOrder)} maxLength={8} />
            <CheckboxField name="hidden" label="Hidden" defaultChecked={v.hidden} />
          </ActionForm>
        </details>
      )}
      <details className="mt-2" open={single}>
        <summary className="cursor-pointer text-sm text-[var(--brand)]">Prices ({v.prices.length})</summary>
        <ActionForm actionRow action={saveValuePricesAction} submitLabel="Save prices" className="mt-2 space-y-3">
          <input type="hidden" name="groupId" value={props.groupId} />
          <input type="hidden" name="valueId" value={v.id} />
          <PriceGrid currencies={props.currencies} prices={v.prices} allowRate={false} />
        </ActionForm>
      </details>
    </div>
  );
}
