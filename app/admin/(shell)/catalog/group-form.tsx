import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { CheckboxField, TextArea, TextField } from '@/components/ui/form-fields';

interface GroupValues {
  id?: number;
  name: string;
  slug: string;
  description: string | null;
  sortOrder: number;
  hidden: boolean;
}

/** Add or edit a product group. */
export function GroupForm(props: { action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>; group?: GroupValues; submitLabel: string }) {
  const g = props.group;
  return (
    <ActionForm actionRow action={props.action} submitLabel={props.submitLabel} className="grid gap-3 md:grid-cols-2">
      {g?.id ? <input type="hidden" name="groupId" value={g.id} /> : null}
      <TextField name="name" label="Name" defaultValue={g?.name} maxLength={120} />
      <TextField name="slug" label="Slug" defaultValue={g?.slug} maxLength={60} hint="Lowercase letters, digits and hyphens; used in shop URLs." />
      <div className="md:col-span-2">
        <TextArea name="description" label="Description" defaultValue={g?.description} rows={2} maxLength={2000} />
      </div>
      <TextField name="sortOrder" label="Sort order" type="number" defaultValue={String(g?.sortOrder ?? 0)} maxLength={8} />
      <CheckboxField name="hidden" label="Hidden from the shop" defaultChecked={g?.hidden} />
    </ActionForm>
  );
}
