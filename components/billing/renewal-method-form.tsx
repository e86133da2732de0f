import { ActionForm, type ActionResult } from '@/components/ui/action-form';

/** "Renew with": the account default or one of the saved methods, for one service. */
export function RenewalMethodForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  servicePublicId: string;
  methods: { publicId: string; label: string }[];
  current: string | null;
  defaultLabel: string | null;
}) {
  return (
    <ActionForm action={props.action} submitLabel="Save">
      <input type="hidden" name="serviceId" value={props.servicePublicId} />
      <label className="block text-sm">
        <span className="block font-medium">Renew with</span>
        <select key={props.current ?? ''} name="methodId" defaultValue={props.current ?? ''} className="mt-1 rounded border border-slate-300 px-3 py-2">
          <option value="">{props.defaultLabel ? `Account default (${props.defaultLabel})` : 'Account default'}</option>
          {props.methods.map((m) => (
            <option key={m.publicId} value={m.publicId}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
    </ActionForm>
  );
}
