import { ActionForm } from '@/components/ui/action-form';
import { SelectField, TextField } from '@/components/ui/form-fields';
import type { ServiceListRow } from '@/lib/billing/list-services';
import { staffServiceActionAction } from './actions';

/** Staff moves on one service (services.manage): suspend with a reason, unsuspend, cancel or terminate now. */
export function StaffServiceActions({ row }: { row: ServiceListRow }) {
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
      <ActionForm actionRow action={staffServiceActionAction} submitLabel="Apply" className="mt-2 flex flex-wrap items-start gap-3">
        <input type="hidden" name="serviceId" value={row.id} />
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
