import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { listCurrencies } from '@/lib/catalog/admin/list-catalog';
import { formatMoney } from '@/lib/money/format';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, TextField } from '@/components/ui/form-fields';
import { PermissionDenied } from '../../permission-denied';
import { addCurrencyAction, setDefaultCurrencyAction, updateCurrencyAction } from './actions';

export default async function CurrenciesPage() {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const rows = await listCurrencies(access.ctx.db);
  return (
    <div className="space-y-6">
      <Link href="/catalog" className="text-sm text-[var(--brand)] underline">
        Catalog
      </Link>
      <h1 className="text-2xl font-semibold">Currencies</h1>
      <p className="text-sm text-slate-600">
        A plan is sold in a currency only where it has a price in it; nothing is converted. Exactly one enabled currency is the default, and it cannot be
        disabled. Minor digits are fixed once any price uses the currency.
      </p>
      <Card title={`${rows.length} currenc${rows.length === 1 ? 'y' : 'ies'}`}>
        <ul className="divide-y">
          {rows.map((c) => (
            <li key={c.code} className="py-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div>
                  <span className="font-mono font-medium">{c.code}</span> {c.name}
                  {c.isDefault ? <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-800">default</span> : null}
                  {c.enabled ? null : <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">disabled</span>}
                  <div className="text-slate-500">
                    {c.locale} · {c.minorDigits} minor digit(s) · e.g. {formatMoney(123456 * 10 ** Math.max(0, c.minorDigits - 2), c.code, c.locale, c.minorDigits)}
                  </div>
                </div>
                {!c.isDefault && c.enabled ? (
                  <ActionForm actionRow action={setDefaultCurrencyAction} submitLabel={`Make ${c.code} the default`} className="flex items-center gap-2">
                    <input type="hidden" name="code" value={c.code} />
                  </ActionForm>
                ) : null}
              </div>
              <details className="mt-2">
                <summary className="cursor-pointer text-[var(--brand)]">Edit</summary>
                <ActionForm actionRow action={updateCurrencyAction} submitLabel={`Save ${c.code}`} className="mt-2 grid gap-3 md:grid-cols-4">
                  <input type="hidden" name="code" value={c.code} />
                  <TextField name="name" label="Name" defaultValue={c.name} maxLength={60} />
                  <TextField name="locale" label="Locale" defaultValue={c.locale} maxLength={20} />
                  <TextField name="minorDigits" label="Minor digits" type="number" defaultValue={String(c.minorDigits)} maxLength={1} />
                  <TextField name="sortOrder" label="Sort order" type="number" defaultValue={String(c.sortOrder)} maxLength={8} />
                  <CheckboxField name="enabled" label="Enabled" defaultChecked={c.enabled} />
                </ActionForm>
              </details>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Add a currency">
        <ActionForm actionRow action={addCurrencyAction} submitLabel="Add currency" className="grid gap-3 md:grid-cols-3">
          <TextField name="code" label="ISO code" maxLength={3} hint="e.g. CHF" />
          <TextField name="name" label="Name" maxLength={60} />
          <TextField name="locale" label="Locale" defaultValue="en-US" maxLength={20} hint="How amounts are written, e.g. de-CH." />
          <TextField name="minorDigits" label="Minor digits" type="number" maxLength={1} hint="Blank: the ISO 4217 value (2 for CHF, 0 for JPY)." />
          <TextField name="sortOrder" label="Sort order" type="number" defaultValue="100" maxLength={8} />
          <CheckboxField name="enabled" label="Enabled" defaultChecked />
        </ActionForm>
      </Card>
    </div>
  );
}
