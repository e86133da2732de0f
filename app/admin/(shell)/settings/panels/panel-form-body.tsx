import { CheckboxField, FormErrors, TextField } from '@/components/ui/form-fields';
import { fieldLabel, panelFormFields } from '@/lib/provisioning/admin/panel-form-fields';
import type { ProvisioningModule } from '@/lib/provisioning/module';
import { SecretInput } from '../payments/secret-input';

/** What the edit form starts from: the stored panel minus its credentials, which never leave the server. */
export interface StoredPanelValues {
  name: string;
  url: string;
  groupKey: string | null;
  capacity: number | null;
  sortOrder: number;
  options: Record<string, unknown>;
}

const optionText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The fields of the add and edit panel forms; with `stored`, pre-filled and secrets become "leave blank to keep". */
export function PanelFormBody({ module, stored }: { module: ProvisioningModule; stored?: StoredPanelValues }) {
  const fields = panelFormFields(module);
  return (
    <>
      <TextField name="name" label="Name" defaultValue={stored?.name} maxLength={120} className="block w-64 text-sm" />
      <TextField name="url" label="URL" type="url" defaultValue={stored?.url} maxLength={500} placeholder="https://panel.example.com" className="block w-96 text-sm" />
      <TextField name="groupKey" label="Group (optional)" defaultValue={stored?.groupKey} maxLength={60} hint="Plans can target a group of panels." className="block w-56 text-sm" />
      <TextField
        name="capacity"
        label="Capacity (optional)"
        defaultValue={stored?.capacity == null ? '' : String(stored.capacity)}
        inputMode="numeric"
        maxLength={7}
        hint="Most live services; blank for no limit."
        className="block w-56 text-sm"
      />
      {stored ? (
        <TextField name="sortOrder" label="Sort order" defaultValue={String(stored.sortOrder)} inputMode="numeric" maxLength={8} hint="Lower comes first when filling in order." className="block w-56 text-sm" />
      ) : null}
      {fields.credentials.map((f) => (
        <SecretInput
          key={f.key}
          name={`cred_${f.key}`}
          label={fieldLabel(f.key)}
          hint={stored ? 'Stored sealed. Leave blank to keep; type a new value to replace it.' : f.optional ? 'Optional. Stored sealed; never shown again.' : 'Stored sealed; never shown again.'}
        />
      ))}
      {fields.options.map((f) =>
        f.kind === 'boolean' ? (
          <CheckboxField key={f.key} name={`opt_${f.key}`} label={fieldLabel(f.key)} defaultChecked={stored && f.key in stored.options ? stored.options[f.key] === true : f.defaultOn} />
        ) : (
          <TextField
            key={f.key}
            name={`opt_${f.key}`}
            label={`${fieldLabel(f.key)}${f.optional ? ' (optional)' : ''}`}
            defaultValue={stored ? optionText(stored.options[f.key]) : undefined}
            maxLength={500}
            className="block w-64 text-sm"
          />
        ),
      )}
      <FormErrors names={[{ name: 'module', label: 'Panel type' }, { name: 'credentials', label: 'Credentials' }, { name: 'options', label: 'Options' }]} />
    </>
  );
}
