import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, TextField } from '@/components/ui/form-fields';
import type { FeeCurrency } from '@/lib/resellers/programs/program-form';
import { minorToInput } from '@/lib/money/parse-money';
import type { ProgramView } from '@/lib/resellers/programs/list-reseller-programs';
import { saveProgramAction } from './actions';

/** Create (no `view`) or edit a program: name, slug, whether it takes new resellers, suspension days, fees. */
export function ProgramForm({ view, currencies }: { view?: ProgramView; currencies: FeeCurrency[] }) {
  const p = view?.program;
  return (
    <ActionForm action={saveProgramAction} submitLabel={p ? 'Save program' : 'Create program'} className="max-w-xl space-y-4">
      {p ? <input type="hidden" name="programId" value={p.id} /> : null}
      <TextField name="name" label="Name" defaultValue={p?.name} maxLength={120} />
      <TextField name="slug" label="Slug" defaultValue={p?.slug} maxLength={40} hint="Used by bin/ezscale reseller:create --program." />
      <CheckboxField name="active" label="Takes new resellers" defaultChecked={p ? p.active : true} />
      <TextField
        name="unpaidDaysBeforeSuspension"
        label="Days unpaid before suspension"
        inputMode="numeric"
        defaultValue={String(p?.unpaidDaysBeforeSuspension ?? 14)}
        maxLength={3}
        hint="A wholesale invoice unpaid this many days after it is due suspends the reseller."
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Monthly platform fee</legend>
        <p className="text-xs text-slate-500">Set per currency; leave a currency blank to not offer the program in it.</p>
        <div className="grid grid-cols-3 gap-3">
          {currencies.map((c) => {
            const fee = view?.fees.find((f) => f.currency === c.code);
            return (
              <TextField
                key={c.code}
                name={`fee_${c.code}`}
                label={c.code}
                inputMode="decimal"
                maxLength={20}
                placeholder="0.00"
                defaultValue={fee ? minorToInput(fee.monthlyFeeMinor, c.minorDigits) : ''}
              />
            );
          })}
        </div>
      </fieldset>
    </ActionForm>
  );
}
