import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { PLAN_STATUSES, SERVICE_TYPES, type Plan } from '@/db/schema/storefront/catalog';
import { CheckboxList, SelectField, TextArea, TextField } from '@/components/ui/form-fields';
import { CHOICE_FOR, CHOICE_KEYS, choiceName, choiceWasName } from '@/lib/catalog/admin/module-setting-choices';
import type { PlanSettingPicker } from '@/lib/provisioning/admin/plan-setting-choices';

export interface PlanFormChoices {
  groups: { id: number; name: string }[];
  locations: { id: number; name: string; code: string; active: boolean }[];
  optionGroups: { id: number; name: string }[];
}

/** Selects for the settings the module's panel lists (a Kasm plan's image); a changed one replaces its key in the JSON. */
function ModuleSettingPicker({ picker }: { picker: PlanSettingPicker }) {
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">{picker.moduleLabel} settings{picker.panelName ? ` from ${picker.panelName}` : ''}</legend>
      {picker.error ? <p className="text-sm text-amber-700">{picker.error} Type the settings in the JSON above instead.</p> : null}
      {picker.fields.length ? (
        <>
          <input type="hidden" name={CHOICE_FOR} value={picker.module} />
          <input type="hidden" name={CHOICE_KEYS} value={picker.fields.map((f) => f.key).join(',')} />
        </>
      ) : null}
      {picker.fields.map((f) => {
        const known = f.options.some((o) => o.value === f.current);
        const options = [
          ...(f.current === '' ? [{ value: '', label: 'Choose…' }] : known ? [] : [{ value: f.current, label: `${f.current} (not on the panel)` }]),
          ...f.options,
        ];
        return (
          <div key={f.key}>
            <input type="hidden" name={choiceWasName(f.key)} value={f.current} />
            <SelectField name={choiceName(f.key)} label={f.label} options={options} defaultValue={f.current} />
            <p className="mt-1 text-xs text-slate-500">
              {f.help ? `${f.help} ` : ''}Saved as “{f.key}” in the module settings; a choice made here replaces what the JSON says.
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

const STATUS_LABELS = { active: 'Active (on sale)', hidden: 'Hidden (direct link only)', archived: 'Archived (no new orders)' } as const;

/** The plan's own fields, its locations and option groups; prices have their own form. */
export function PlanForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  submitLabel: string;
  choices: PlanFormChoices;
  plan?: Plan;
  defaultGroupId?: number;
  locationIds?: number[];
  optionGroupIds?: number[];
  /** The plan module's pickable settings, read from its panel (edit page only: a new plan has no module yet). */
  settingChoices?: PlanSettingPicker | null;
}) {
  const p = props.plan;
  const { groups, locations, optionGroups } = props.choices;
  return (
    <ActionForm actionRow action={props.action} submitLabel={props.submitLabel} className="grid gap-4 md:grid-cols-2">
      {p ? <input type="hidden" name="planId" value={p.id} /> : null}
      <SelectField
        name="groupId"
        label="Product group"
        options={groups.map((g) => ({ value: String(g.id), label: g.name }))}
        defaultValue={String(p?.groupId ?? props.defaultGroupId ?? groups[0]?.id ?? '')}
      />
      <SelectField name="serviceType" label="Service type" options={SERVICE_TYPES.map((t) => ({ value: t, label: t.replace('_', ' ') }))} defaultValue={p?.serviceType ?? 'vps'} />
      <TextField name="name" label="Name" defaultValue={p?.name} maxLength={120} />
      <TextField name="slug" label="Slug" defaultValue={p?.slug} maxLength={80} hint="Lowercase letters, digits and hyphens; unique across plans." />
      <div className="md:col-span-2">
        <TextArea name="description" label="Description" defaultValue={p?.description} rows={3} />
      </div>
      <div className="md:col-span-2">
        <TextArea name="features" label="Features" defaultValue={p?.features.join('\n')} rows={5} hint="One per line, e.g. “4 vCPU”. Shown on the pricing page." />
      </div>
      <SelectField name="status" label="Status" options={PLAN_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} defaultValue={p?.status ?? 'active'} />
      <TextField name="sortOrder" label="Sort order" type="number" defaultValue={String(p?.sortOrder ?? 0)} maxLength={8} />
      <TextField name="trialDays" label="Trial days" type="number" defaultValue={String(p?.trialDays ?? 0)} maxLength={3} hint="0 to 365." />
      <TextField
        name="stockQuantity"
        label="Stock"
        type="number"
        defaultValue={p?.stockQuantity === null || p?.stockQuantity === undefined ? '' : String(p.stockQuantity)}
        maxLength={10}
        hint="Blank means unlimited."
      />
      <TextField name="provisioningModule" label="Provisioning module" defaultValue={p?.provisioningModule} maxLength={40} hint="Optional module key, e.g. virtfusion." />
      <div className="md:col-span-2">
        <TextArea
          name="moduleSettings"
          label="Module settings"
          defaultValue={p ? JSON.stringify(p.moduleSettings, null, 2) : '{}'}
          rows={6}
          maxLength={12_000}
          mono
          hint="A JSON object, at most 10 KB."
        />
      </div>
      {props.settingChoices ? (
        <div className="md:col-span-2">
          <ModuleSettingPicker picker={props.settingChoices} />
        </div>
      ) : null}
      <div className="md:col-span-2">
        <CheckboxList
          name="locationIds"
          legend="Locations"
          items={locations.map((l) => ({ value: String(l.id), label: `${l.name} (${l.code})${l.active ? '' : ' — inactive'}` }))}
          checked={(props.locationIds ?? []).map(String)}
          empty="No locations yet."
        />
      </div>
      <div className="md:col-span-2">
        <CheckboxList
          name="optionGroupIds"
          legend="Option groups"
          items={optionGroups.map((g) => ({ value: String(g.id), label: g.name }))}
          checked={(props.optionGroupIds ?? []).map(String)}
          empty="No option groups yet."
        />
      </div>
    </ActionForm>
  );
}
