import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { CheckboxList, TextArea, TextField } from '@/components/ui/form-fields';

export interface PlanChoice {
  id: number;
  name: string;
  status: string;
  groupName: string;
}

/** Name, description and the plans an option group is offered on. */
export function OptionGroupForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  submitLabel: string;
  plans: PlanChoice[];
  group?: { id: number; name: string; description: string | null };
  planIds?: number[];
}) {
  const g = props.group;
  return (
    <ActionForm actionRow action={props.action} submitLabel={props.submitLabel} className="grid gap-3">
      {g ? <input type="hidden" name="groupId" value={g.id} /> : null}
      <TextField name="name" label="Name" defaultValue={g?.name} maxLength={120} />
      <TextArea name="description" label="Description" defaultValue={g?.description} rows={2} maxLength={2000} />
      <CheckboxList
        name="planIds"
        legend="Attached to plans"
        items={props.plans.map((p) => ({ value: String(p.id), label: `${p.groupName} › ${p.name}${p.status === 'active' ? '' : ` (${p.status})`}` }))}
        checked={(props.planIds ?? []).map(String)}
        empty="No plans yet."
      />
    </ActionForm>
  );
}
