import type { BillingCycle, ConfigOption, ConfigOptionValue } from '@/db/schema/storefront/catalog';
import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, TextField } from '@/components/ui/form-fields';
import { createValueAction, updateOptionAction } from '../actions';
import { OPTION_TYPE_LABELS, OptionForm } from './option-form';
import { ValueCard } from './value-card';

type OptionWithValues = ConfigOption & {
  values: (ConfigOptionValue & { prices: { currency: string; cycle: BillingCycle; amountMinor: number; setupFeeMinor: number }[] })[];
};

/** One option with its settings, its values and their prices. */
export function OptionCard(props: { groupId: number; option: OptionWithValues; currencies: { code: string; minorDigits: number; locale: string }[] }) {
  const o = props.option;
  const multi = o.type === 'dropdown' || o.type === 'radio';
  const flags = [o.required && 'required', o.upgradable && 'upgradable', o.hidden && 'hidden'].filter(Boolean).join(', ');
  return (
    <Card title={`${o.name} · ${OPTION_TYPE_LABELS[o.type]}`}>
      <p className="mb-3 text-sm text-slate-500">
        <span className="font-mono">{o.code}</span>
        {o.type === 'quantity' ? ` · ${o.minQuantity}–${o.maxQuantity} in steps of ${o.stepQuantity}` : ''}
        {flags ? ` · ${flags}` : ''} · sort {o.sortOrder}
      </p>
      <details className="mb-3">
        <summary className="cursor-pointer text-sm text-[var(--brand)]">Edit option</summary>
        <div className="mt-2">
          <OptionForm action={updateOptionAction} submitLabel="Save option" groupId={props.groupId} option={o} />
        </div>
      </details>
      <div className="space-y-3">
        {o.values.length === 0 && multi ? <p className="text-sm text-slate-600">No values yet: add the choices below.</p> : null}
        {o.values.map((v) => (
          <ValueCard key={v.id} groupId={props.groupId} type={o.type} value={v} currencies={props.currencies} />
        ))}
      </div>
      {multi ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-[var(--brand)]">Add a value</summary>
          <ActionForm actionRow action={createValueAction} submitLabel="Add value" className="mt-2 grid gap-3 md:grid-cols-4">
            <input type="hidden" name="groupId" value={props.groupId} />
            <input type="hidden" name="optionId" value={o.id} />
            <TextField name="code" label="Code" maxLength={60} hint="e.g. debian-12" />
            <TextField name="label" label="Label" maxLength={120} />
            <TextField name="sortOrder" label="Sort order" type="number" defaultValue="0" maxLength={8} />
            <CheckboxField name="hidden" label="Hidden" />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
