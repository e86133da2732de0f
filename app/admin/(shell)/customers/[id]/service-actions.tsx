import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { SelectField, TextField } from '@/components/ui/form-fields';
import type { ServiceListRow } from '@/lib/billing/list-services';
import { staffServiceActionAction } from './actions';

/**
 * Staff moves on one service (services.manage): suspend with a reason, unsuspend, cancel or terminate now. The
 * service page passes its own action (which names the service by public id and refreshes that page).
 */
export function StaffServiceActions({
  row,
  action = staffServiceActionAction,
  hidden,
}: {
  row: Pick<ServiceListRow, 'id' | 'status'>;
  action?: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  hidden?: { name: string; value: string };
}) {
  if (row.status !== 'active' && row.status !== 'suspended') return null;
  const actions =
    row.status === 'active'
      ? [
          { value: 'suspend', label: 'Suspend' },
          { value: 'cancel', label: 'Cancel now' },
          { value: 'terminate', label: 'Terminate now' },
        ]
      : [
          { value: 'unsuspend', label: 'Unsuspend' },
          { value: 'cancel', label: 'Cancel now' },
          { value: 'terminate', label: 'Terminate now' },
        ];
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600">Staff actions</summary>
      <ActionForm actionRow action={action} submitLabel="Apply" className="mt-2 flex flex-wrap items-start gap-3">
        <input type="hidden" name={hidden?.name ?? 'serviceId'} value={hidden?.value ?? row.id} />
        <SelectField name="action" label="Action" options={actions} defaultValue={actions[0]!.value} className="block w-44 text-sm" />
        <SelectField
          name="reason"
          label="Suspension reason"
          options={[
            { value: 'staff', label: 'Staff decision' },
            { value: 'abuse', label: 'Abuse' },
            { value: 'other', label: 'Other' },
          ]}
          defaultValue="staff"
          className="block w-44 text-sm"
        />
        <TextField name="note" label="Note (kept in the audit log)" maxLength={500} className="block w-72 text-sm" />
      </ActionForm>
    </details>
  );
}
