import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { OPTION_TYPES, type ConfigOption } from '@/db/schema/storefront/catalog';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-fields';

export const OPTION_TYPE_LABELS = { dropdown: 'Dropdown', radio: 'Radio buttons', quantity: 'Quantity', yes_no: 'Yes / no' } as const;

/** Add or edit one option; the type is chosen once, at creation. */
export function OptionForm(props: { action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>; submitLabel: string; groupId: number; option?: ConfigOption }) {
  const o = props.option;
  return (
    <ActionForm actionRow action={props.action} submitLabel={props.submitLabel} className="grid gap-3 md:grid-cols-3">
      <input type="hidden" name="groupId" value={props.groupId} />
      {o ? <input type="hidden" name="optionId" value={o.id} /> : null}
      <TextField name="code" label="Code" defaultValue={o?.code} maxLength={60} hint="e.g. ipv4; used by provisioning." />
      <TextField name="name" label="Name" defaultValue={o?.name} maxLength={120} />
      {o ? (
        <div className="text-sm">
          <input type="hidden" name="type" value={o.type} />
          <span className="block font-medium">Type</span>
          <span className="mt-1 block py-2">{OPTION_TYPE_LABELS[o.type]} (fixed once created)</span>
        </div>
      ) : (
        <SelectField name="type" label="Type" options={OPTION_TYPES.map((t) => ({ value: t, label: OPTION_TYPE_LABELS[t] }))} defaultValue="dropdown" />
      )}
      {!o || o.type === 'quantity' ? (
        <>
          <TextField name="minQuantity" label="Minimum quantity" type="number" defaultValue={String(o?.minQuantity ?? 0)} maxLength={7} hint="Quantity options only." />
          <TextField name="maxQuantity" label="Maximum quantity" type="number" defaultValue={String(o?.maxQuantity ?? 0)} maxLength={7} />
          <TextField name="stepQuantity" label="Step" type="number" defaultValue={String(o?.stepQuantity ?? 1)} maxLength={7} />
        </>
      ) : null}
      <TextField name="sortOrder" label="Sort order" type="number" defaultValue={String(o?.sortOrder ?? 0)} maxLength={8} />
      <div className="flex flex-col gap-1 md:col-span-2">
        <CheckboxField name="required" label="Required" defaultChecked={o?.required} />
        <CheckboxField name="upgradable" label="Can be changed after purchase" defaultChecked={o?.upgradable} />
        <CheckboxField name="hidden" label="Hidden from customers" defaultChecked={o?.hidden} />
      </div>
    </ActionForm>
  );
}
