import { ActionForm, type ActionResult } from '@/components/ui/action-form';

/** The bar a team member uses to move between their own account and the accounts they may work on. */
export function AccountSwitcher(props: {
  personLabel: string;
  current: number | null;
  accounts: { ownerId: number; label: string }[];
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
}) {
  const current = props.accounts.find((a) => a.ownerId === props.current);
  return (
    <div className={`border-b px-6 py-2 text-sm ${current ? 'border-sky-300 bg-sky-50 text-sky-900' : 'border-slate-200 bg-slate-50 text-slate-700'}`}>
      <ActionForm action={props.action} submitLabel="Switch" className="mx-auto flex max-w-6xl flex-wrap items-center gap-3">
        <span data-testid="acting-for">{current ? `Working on ${current.label}’s account as a team member` : 'Working on your own account'}</span>
        <label className="flex items-center gap-2">
          <span>Account</span>
          <select name="ownerId" defaultValue={current ? String(current.ownerId) : 'self'} className="rounded border border-slate-300 bg-white px-2 py-1">
            <option value="self">{props.personLabel} (my own)</option>
            {props.accounts.map((a) => (
              <option key={a.ownerId} value={a.ownerId}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
      </ActionForm>
    </div>
  );
}
